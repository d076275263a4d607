import type { IsoDate } from '../calendar/working-day-calendar.ts';
import type { CampaignRuleSet, Text } from '../campaign/rule-set.ts';
import type { EligibilityInput } from './input-schema.ts';
import { parseEligibilityInput } from './parse-input.ts';
import { d1SubjectType } from './rules/d1-subject-type.ts';
import { d2OperatingHistory } from './rules/d2-operating-history.ts';
import { d3AgriculturalScale } from './rules/d3-agricultural-scale.ts';
import { d4SalesThreshold } from './rules/d4-sales-threshold.ts';
import { d5ProfitAndTax } from './rules/d5-profit-and-tax.ts';
import { d6PreferenceFlags } from './rules/d6-preference-flags.ts';
import { d7MandatoryMaterials } from './rules/d7-mandatory-materials.ts';
import { d8GeneralConditions } from './rules/d8-general-conditions.ts';
import { d8PersonJudged } from './rules/d8-person-judged.ts';
import { aggregate, outcomeText, type Reason, type Verdict } from './verdict.ts';

export interface EligibilityOptions {
  /**
   * The date the operating-history tests (D2) are measured at. Defaults to the campaign's city
   * submission deadline [ASSUMED, docs/eligibility.md §5]; without either, D2 goes to a person.
   */
  readonly referenceDate?: IsoDate;
}

/**
 * Judges one declaration by its campaign's rule set: rules D1–D8 (docs/eligibility.md), one reason
 * per rule, aggregated into one outcome, with the D6 preference flags. Pure: the same input and
 * rule set always give the same verdict.
 */
export function checkEligibility(input: EligibilityInput, ruleSet: CampaignRuleSet, options: EligibilityOptions = {}): Verdict {
  const referenceDate = options.referenceDate ?? ruleSet.stageDeadlines.citySubmissionDue;
  const preferences = d6PreferenceFlags(input, ruleSet);
  const reasons: Reason[] = [
    d1SubjectType(input),
    d2OperatingHistory(input, ruleSet, referenceDate),
    ...optional(d3AgriculturalScale(input, ruleSet)),
    d4SalesThreshold(input, ruleSet),
    ...d5ProfitAndTax(input, ruleSet),
    ...d7MandatoryMaterials(input, ruleSet, preferences),
    d8GeneralConditions(input, ruleSet),
    ...d8PersonJudged(input, ruleSet),
  ];
  const outcome = aggregate(reasons.map((reason) => reason.outcome));
  const notes: Text[] = [...preferences.notes];
  if (outcome === 'INELIGIBLE') {
    notes.push({
      zh: '不符合条件只作提示，不阻止提交：设区市仍可说明理由后推荐【假设】',
      en: 'ineligibility warns but does not block submission: a city may still recommend, giving its reasons [ASSUMED]',
    });
  }
  return {
    campaignYear: ruleSet.campaignYear,
    ruleSetVersion: ruleSet.version,
    ...(input.declarationId === undefined ? {} : { declarationId: input.declarationId }),
    referenceDate: referenceDate ?? null,
    outcome,
    summary: outcomeText[outcome],
    reasons,
    flags: preferences.flags,
    notes,
  };
}

/**
 * Validates untrusted data (a file, a request body) and judges it.
 * @throws {EligibilityInputError} naming each bad field and the rules that read it.
 */
export function judgeDeclaration(data: unknown, ruleSet: CampaignRuleSet, options: EligibilityOptions = {}): Verdict {
  return checkEligibility(parseEligibilityInput(data, ruleSet), ruleSet, options);
}

function optional<T>(value: T | undefined): T[] {
  return value === undefined ? [] : [value];
}
