import type { Static } from '@sinclair/typebox';
import type {
  BasisSchema,
  CampaignRuleSetSchema,
  FocusIndustryListSchema,
  PriorityFlagSchema,
  SalesBasisSchema,
  StageDeadlinesSchema,
  TextSchema,
} from './rule-set-schema.ts';

/** Text people read: Chinese first, English second. */
export type Text = Readonly<Static<typeof TextSchema>>;

/** Where a figure comes from (docs/eligibility.md marks ours [ASSUMED]): the 2023 notice, another public document, or us. */
export type Basis = Static<typeof BasisSchema>;

/**
 * A figure of a campaign's rule set. `known: false` says that no public document we have gives
 * it: the rules then refuse to judge against it rather than borrow another year's value.
 */
export type Figure<T> =
  | { readonly known: true; readonly value: T; readonly basis: Basis }
  | { readonly known: false; readonly note: Text };

/** A figure a document gives, tagged with where it comes from. */
export function known<T>(value: T, basis: Basis): Figure<T> {
  return { known: true, value, basis };
}

/** A figure no document we have gives; the note says which, in both languages. */
export function notSeen(zh: string, en: string): Figure<never> {
  return { known: false, note: { zh, en } };
}

/** Ranking preferences; a flag counts only if the campaign has its rule. */
export type PriorityFlag = Static<typeof PriorityFlagSchema>;

/** One named focus-industry list of a campaign, e.g. the "531" industrial chains. */
export type FocusIndustryList = DeepReadonly<Static<typeof FocusIndustryListSchema>>;

/** The stages whose closing date a notice sets; each may be absent until it is known. */
export type Stage = keyof Static<typeof StageDeadlinesSchema>;

/** What the sales threshold of a manufacturing declaration is measured on (docs/eligibility.md §5 #4). */
export type SalesBasis = Static<typeof SalesBasisSchema>;

/**
 * One campaign year's rules, taken from that year's notice (a document in rules/, loaded with
 * `jingpin rules load`; docs/rule-sets.md). A declaration is always judged by the set of its own
 * campaign year. Money is integer yuan; working days are Chinese working days. Read-only: one
 * set is shared by every verdict of its year.
 */
export type CampaignRuleSet = DeepReadonly<Static<typeof CampaignRuleSetSchema>>;

type DeepReadonly<T> = T extends readonly (infer U)[] ? readonly DeepReadonly<U>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;

/** The evidence rules when a rule set states none: the notice's reading (no service ranking proof; an unproven preference is dropped). */
export const noticeEvidenceRules = { serviceRankingProof: false, unprovenPreference: 'DROP_PREFERENCE', basis: 'SEED' } as const;

/** The campaign's evidence rules, or the notice's reading when its set states none. */
export function evidenceRulesOf(ruleSet: CampaignRuleSet): NonNullable<CampaignRuleSet['evidenceRules']> {
  return ruleSet.evidenceRules ?? noticeEvidenceRules;
}
