import type { CampaignRuleSet } from './rule-set.ts';

/** One value that differs between two rule sets, by JSON Pointer; absent on one side is `undefined`. */
export interface RuleSetChange {
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

// Fields that differ from one year to the next by definition: listing them would hide the real changes.
const followsTheYear = new Set(['/$schema', '/campaignYear', '/salesReferenceYear', '/version']);

/**
 * What changed from `before` (usually the year before) to `after`, field by field, in document
 * order: what the office reads before loading a new year to see that it changed only what it meant to.
 */
export function ruleSetChanges(before: CampaignRuleSet, after: CampaignRuleSet): RuleSetChange[] {
  const old = leaves(before);
  const now = leaves(after);
  const paths = [...new Set([...now.keys(), ...old.keys()])].filter((path) => !followsTheYear.has(path));
  return paths.flatMap((path) => (JSON.stringify(old.get(path)) === JSON.stringify(now.get(path)) ? [] : [{ path, before: old.get(path), after: now.get(path) }]));
}

// Arrays count as one value: a list of flags or focus industries is read as a whole.
function leaves(value: unknown, at = '', into = new Map<string, unknown>()): Map<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) into.set(at, value);
    for (const [key, inner] of entries) leaves(inner, `${at}/${key}`, into);
  } else {
    into.set(at, value);
  }
  return into;
}
