import fc from 'fast-check';

/**
 * A character no text the API stores may hold: a C0 control other than tab and the line breaks
 * (those are refused in one-line fields only), DEL, a C1 control, or a bidirectional control.
 * The hostile-input tests build their text around it, so both sweep the same set.
 */
export const forbiddenCharacter: fc.Arbitrary<string> = fc
  .oneof(
    fc.integer({ min: 0x00, max: 0x1f }).filter((c) => c !== 0x09 && c !== 0x0a && c !== 0x0d),
    fc.integer({ min: 0x7f, max: 0x9f }),
    fc.constantFrom(0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c),
  )
  .map((c) => String.fromCharCode(c));
