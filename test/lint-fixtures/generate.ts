/**
 * Writes the lint fixtures: `npx tsx test/lint-fixtures/generate.ts`.
 * Removes `.bpmn` files here that no longer have a spec in fixtures.ts.
 */
import { readdir, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { fixtures } from './fixtures.ts';
import { fixtureXml } from './layout.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

const wanted = new Set(fixtures.map((model) => `${model.name}.bpmn`));
for (const file of await readdir(here)) {
  if (file.endsWith('.bpmn') && !wanted.has(file)) {
    await rm(path.join(here, file));
    console.log(`removed ${file}`);
  }
}
for (const model of fixtures) {
  await writeFile(path.join(here, `${model.name}.bpmn`), await fixtureXml(model));
  console.log(`wrote ${model.name}.bpmn`);
}
