import { EligibilityInputSchema } from './input-schema.ts';

/** Where the published copy lives, relative to the repository root. */
export const publishedSchemaPath = 'docs/eligibility-input.schema.json';

/**
 * The eligibility input's JSON Schema as published in docs/, generated from the one TypeBox
 * schema (TypeBox's own symbols do not survive JSON, so what remains is plain JSON Schema).
 * `npm run docs:schema` writes it; a test fails when the published file differs.
 */
export function renderEligibilityInputJsonSchema(): string {
  const published = { $schema: 'http://json-schema.org/draft-07/schema#', ...EligibilityInputSchema };
  return `${JSON.stringify(published, null, 2)}\n`;
}
