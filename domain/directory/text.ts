/**
 * The one rule for text the directory stores (names, addresses, fields of expertise): Unicode
 * NFC, trimmed, and refused when it holds control characters or bidirectional overrides (which
 * can make a name read differently from what is stored), or when nothing is left of it.
 */

/** A text rule broken, Chinese then English; `rule` is the short name reports use. */
export interface TextProblem {
  readonly rule: 'empty' | 'control-character' | 'bidi-override' | 'too-long';
  readonly zh: string;
  readonly en: string;
}

// C0 and C1 controls and DEL; tab and line breaks are controls too: names are one line.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const control = /[\u0000-\u001f\u007f-\u009f]/u;
// Embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI), and the marks.
const bidi = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/u;

// Text of several lines (a reason, an objection) may hold line breaks and tabs, nothing else.
const lineBreaksAndTabs = /[\t\n\r]/gu;

/**
 * The normalised text, or the rule it breaks. `multiline` lets line breaks and tabs through (for
 * a reason or an objection, not for a name).
 */
export function cleanText(value: string, options: { maxLength?: number; multiline?: boolean } = {}): { ok: true; text: string } | { ok: false; problem: TextProblem } {
  const text = value.normalize('NFC').trim();
  if (control.test(options.multiline ? text.replace(lineBreaksAndTabs, '') : text)) {
    return { ok: false, problem: { rule: 'control-character', zh: '含有控制字符（如换行、制表符）', en: 'contains a control character (such as a line break or tab)' } };
  }
  if (bidi.test(text)) {
    return { ok: false, problem: { rule: 'bidi-override', zh: '含有双向文本控制字符', en: 'contains a bidirectional text control character' } };
  }
  if (text.length === 0) return { ok: false, problem: { rule: 'empty', zh: '不能为空', en: 'must not be empty' } };
  const max = options.maxLength ?? 200;
  if ([...text].length > max) return { ok: false, problem: { rule: 'too-long', zh: `不能超过 ${max} 个字符`, en: `must be at most ${max} characters` } };
  return { ok: true, text };
}
