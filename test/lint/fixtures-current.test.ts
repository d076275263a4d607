/**
 * The `.bpmn` files in test/lint-fixtures/ are what generate.ts makes from fixtures.ts.
 * After changing fixtures.ts: `npx tsx test/lint-fixtures/generate.ts`.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtures } from '../lint-fixtures/fixtures.ts';
import { fixtureXml } from '../lint-fixtures/layout.ts';
import { repoRoot } from './bpmnlint-harness.ts';

const fixtureDir = path.join(repoRoot, 'test', 'lint-fixtures');

describe('lint fixtures', () => {
  it('has one file per spec and nothing else', async () => {
    const files = (await readdir(fixtureDir)).filter((file) => file.endsWith('.bpmn')).sort();
    expect(files).toEqual(fixtures.map((model) => `${model.name}.bpmn`).sort());
  });

  it.each(fixtures.map((model) => [model.name, model] as const))('%s.bpmn is current', async (name, model) => {
    expect(await readFile(path.join(fixtureDir, `${name}.bpmn`), 'utf8')).toBe(await fixtureXml(model));
  });
});
