import type { IsoDate } from '../calendar/working-day-calendar.ts';
import type { PriorityFlag, Text } from '../campaign/rule-set.ts';
import type { EvidenceKind } from './input-schema.ts';

/** What one rule concluded. */
export type RuleOutcome = 'PASS' | 'FAIL' | 'REFER' | 'MISSING_EVIDENCE';

/** The whole declaration's standing. */
export type EligibilityOutcome = 'ELIGIBLE' | 'ELIGIBLE_PENDING_REVIEW' | 'INCOMPLETE' | 'INELIGIBLE';

export type TableId = 'D1' | 'D2' | 'D3' | 'D4' | 'D5' | 'D7' | 'D8';

/** Why one rule came out as it did, in words and in data. */
export interface Reason {
  readonly rule: TableId;
  /** The row of the decision table that decided; null when no row matched. */
  readonly row: number | null;
  readonly outcome: RuleOutcome;
  /** The declaration's figure the rule compared, by its input path. */
  readonly figure?: { readonly field: string; readonly value: number | string | boolean };
  /** What it was compared with: every threshold is inclusive (以上 means ≥). */
  readonly threshold?: { readonly name: string; readonly value: number | string; readonly comparison: '>=' | '<=' };
  /** A rule-set figure the campaign lacks, so the rule was not judged automatically. */
  readonly missingFigure?: string;
  /** Input fields the declaration does not give. */
  readonly missingFacts?: readonly string[];
  readonly missingEvidence?: readonly EvidenceKind[];
  /** The years a yearly material (a financial report) is missing for, each its own file. */
  readonly missingYears?: readonly number[];
  readonly zh: string;
  readonly en: string;
}

/** A ranking preference (D6); flags never change eligibility. */
export interface Flag {
  readonly flag: PriorityFlag;
  readonly row: number;
  readonly zh: string;
  readonly en: string;
  readonly detail?: Readonly<Record<string, unknown>>;
}

export interface Verdict {
  readonly campaignYear: number;
  readonly ruleSetVersion: number;
  readonly declarationId?: string;
  /** The date the operating-history tests (D2) were measured at; null when none was known. */
  readonly referenceDate: IsoDate | null;
  readonly outcome: EligibilityOutcome;
  readonly summary: Text;
  readonly reasons: readonly Reason[];
  readonly flags: readonly Flag[];
  /** What the reader should also know: preferences not assessed, warnings. */
  readonly notes: readonly Text[];
}

/** Any FAIL → INELIGIBLE; else any MISSING_EVIDENCE → INCOMPLETE; else any REFER → pending review. */
export function aggregate(outcomes: readonly RuleOutcome[]): EligibilityOutcome {
  if (outcomes.includes('FAIL')) return 'INELIGIBLE';
  if (outcomes.includes('MISSING_EVIDENCE')) return 'INCOMPLETE';
  if (outcomes.includes('REFER')) return 'ELIGIBLE_PENDING_REVIEW';
  return 'ELIGIBLE';
}

export const outcomeText: Readonly<Record<EligibilityOutcome, Text>> = {
  ELIGIBLE: { zh: '符合申报条件', en: 'eligible' },
  ELIGIBLE_PENDING_REVIEW: { zh: '符合申报条件，部分事项待人工审核', en: 'eligible, pending a person’s review of some items' },
  INCOMPLETE: { zh: '材料不全，补正后再审', en: 'incomplete: to be judged again once the materials are complete' },
  INELIGIBLE: { zh: '不符合申报条件', en: 'ineligible' },
};
