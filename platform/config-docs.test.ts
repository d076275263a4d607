import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigSchema } from './config.ts';

// The schema is the one place a variable is described; docs/configuration.md mirrors it for
// people who never open the code. This test keeps the mirror honest.
const docs = readFileSync(new URL('../docs/configuration.md', import.meta.url), 'utf8');

function documentedRow(variable: string): string | undefined {
  return docs.split('\n').find((line) => line.startsWith(`| \`${variable}\` |`));
}

function expectedRow(variable: string, schema: { default?: unknown; description?: string }): string {
  const shown = schema.default === undefined ? '(unset)' : `\`${String(schema.default)}\``;
  return `| \`${variable}\` | ${shown} | ${schema.description ?? ''} |`;
}

describe('docs/configuration.md', () => {
  it.each(Object.entries(ConfigSchema.properties))('documents %s as the schema does', (variable, schema) => {
    const row = documentedRow(variable);
    expect(row, `add this row to docs/configuration.md:\n${expectedRow(variable, schema)}`).toBeDefined();
    expect(row).toBe(expectedRow(variable, schema));
  });

  it('documents no variable the schema does not have', () => {
    const documented = [...docs.matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((match) => match[1]);
    expect(documented.sort()).toEqual(Object.keys(ConfigSchema.properties).sort());
  });
});
