import { FormatRegistry } from '@sinclair/typebox';
import { fullFormats } from 'ajv-formats/dist/formats.js';

/**
 * The string formats job input schemas may use, checked as the API checks them (ajv-formats'
 * full formats, which fastify's validator uses): a real calendar date and time, not only the
 * shape, so `2027-13-45T99:99:99Z` is refused naming its variable, as it is at the API.
 * TypeBox refuses a format it does not know, so a schema cannot ask for one unchecked.
 */
for (const name of ['date', 'date-time'] as const) {
  // Both are synchronous { validate(string) } checks in ajv-formats' full mode.
  const { validate } = fullFormats[name] as { validate: (value: string) => boolean };
  if (!FormatRegistry.Has(name)) FormatRegistry.Set(name, (value) => validate(value));
}
