import type { IsoDate } from '../calendar/working-day-calendar.ts';

/** Text people read: Chinese first, English second. */
export interface Text {
  readonly zh: string;
  readonly en: string;
}

/** Where a figure comes from (docs/eligibility.md marks ours [ASSUMED]): the 2023 notice, another public document, or us. */
export type Basis = 'SEED' | 'FOUND' | 'ASSUMED';

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
export type PriorityFlag =
  | 'PRIORITY_STANDARDS'
  | 'PRIORITY_STD_PILOT'
  | 'PRIORITY_AGRI_EXTENSION'
  | 'PRIORITY_TIME_HONOURED'
  | 'CARRY_OVER'
  | 'PRIORITY_FOCUS_INDUSTRY';

/** One named focus-industry list of a campaign, e.g. the "531" industrial chains. */
export interface FocusIndustryList {
  /** What a declaration's `focusIndustryLists` names to claim it, e.g. `531`. */
  readonly code: string;
  readonly name: Text;
}

/** The stages whose closing date a notice sets; each may be absent until it is known. */
export type Stage =
  | 'declarationOpens'
  | 'declarationCloses'
  | 'countyCheckDue'
  | 'citySubmissionDue'
  | 'expertComparisonDue'
  | 'standardEvaluationDue'
  | 'certificationDue';

/** What the sales threshold of a manufacturing declaration is measured on (docs/eligibility.md §5 #4). */
export type SalesBasis = 'DECLARED_PRODUCT' | 'ENTERPRISE';

/**
 * One campaign year's rules, taken from that year's notice. A declaration is always judged by
 * the set of its own campaign year. Money is integer yuan; working days are Chinese working days.
 */
export interface CampaignRuleSet {
  readonly campaignYear: number;
  /** Bumped whenever a figure of this year is corrected; verdicts record it. */
  readonly version: number;
  /** The notice that defines the campaign, e.g. 苏质委办〔2023〕1号. */
  readonly notice: Figure<{ readonly reference: string; readonly issuedOn?: IsoDate }>;
  /** R: the calendar year whose sales are judged (Y-1). */
  readonly salesReferenceYear: number;
  /** Years an agricultural or service entity must have operated normally (D2 row 1). */
  readonly minOperatingYears: Figure<number>;
  /** Years a manufacturer must have mass-produced (D2 row 2). */
  readonly mfgMinProductionYears: Figure<number>;
  /** Sales thresholds in year R, integer yuan, each read as ≥ (D4). */
  readonly sales: {
    readonly agriLeadingMinYuan: Figure<number>;
    readonly cooperativeMinYuan: Figure<number>;
    readonly consumerGoodsMinYuan: Figure<number>;
    readonly producerGoodsMinYuan: Figure<number>;
    /** What a manufacturer's sales figure is measured on. */
    readonly manufacturingBasis: Figure<SalesBasis>;
    /**
     * Optional floors under the lowered thresholds (D4 rows 3, 7, 8): below one, the lowered
     * route is closed and the row fails. Absent means no floor: a person decides.
     */
    readonly loweredFloorYuan: {
      readonly geographicalIndication?: number;
      readonly littleGiant?: number;
      readonly singleChampion?: number;
    };
  };
  /** Agricultural scale (D3), each read as ≥. */
  readonly agriScale: Figure<{
    readonly contiguousAreaMu: number;
    readonly largeLivestockHeadPerYear: number;
    readonly pigSheepHeadPerYear: number;
    readonly poultryPerYear: number;
    readonly aquacultureWaterMu: number;
    readonly factoryOutputTonnesPerYear: number;
  }>;
  /** Where the general conditions of D8 come from for this year. */
  readonly generalConditionsBasis: Basis;
  /** The D6 preference rules this campaign has. */
  readonly preferences: readonly { readonly flag: PriorityFlag; readonly basis: Basis }[];
  readonly focusIndustries: Figure<readonly FocusIndustryList[]>;
  /** Length of the publicity (公示) of the proposed list, in working days. */
  readonly publicityWorkingDays: Figure<number>;
  /** Time an applicant has to correct incomplete materials, in working days. */
  readonly correctionWorkingDays: Figure<number>;
  /** Closing dates the notice sets; absent until known. */
  readonly stageDeadlines: Readonly<Partial<Record<Stage, IsoDate>>>;
}
