/**
 * The form in which indicator keys are compared across declarations: Unicode NFKC (so full-width
 * "ＰＨ" equals "PH"), trimmed, lower case, inner whitespace collapsed. Two enterprises declare
 * "the same indicator" when these forms are equal [ASSUMED: the standardization institute
 * assigns the keys; we do not match names by meaning].
 */
export function normalizeIndicatorKey(key: string): string {
  return key.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
}
