import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { publishedSchemaPath, renderEligibilityInputJsonSchema } from './input-json-schema.ts';

describe(publishedSchemaPath, () => {
  it('is what the TypeBox schema generates (run `npm run docs:schema` after changing the schema)', () => {
    const published = readFileSync(new URL(`../../${publishedSchemaPath}`, import.meta.url), 'utf8');
    expect(published).toBe(renderEligibilityInputJsonSchema());
  });

  it('is plain JSON Schema naming the rules each field feeds', () => {
    const schema = JSON.parse(renderEligibilityInputJsonSchema()) as {
      required: string[];
      properties: Record<string, { 'x-rules'?: string[] }>;
    };
    expect(schema.required).toEqual(['category', 'entityType']);
    expect(schema.properties['sales']?.['x-rules']).toEqual(['D4']);
  });
});
