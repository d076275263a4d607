import type { CampaignRuleSet } from '../../campaign/rule-set.ts';
import type { EligibilityInput } from '../input-schema.ts';
import { reason } from '../reason.ts';
import type { Reason } from '../verdict.ts';

const conditions = [
  ['independentLegalPerson', '独立法人', 'an independent legal person'],
  ['ownValidDomesticTrademark', '拥有有效的国内注册商标', 'owns a valid domestic registered trademark'],
  ['noQualitySafetyEnvViolationsLast3Years', '近三年无质量、安全、环保违法记录', 'no quality, safety or environmental violations in the last 3 years'],
] as const;

/**
 * D8, general conditions (UNIQUE), found for 2022 and assumed to persist: all three hold →
 * PASS; any stated false → FAIL; any not stated → MISSING_EVIDENCE. The credit check itself
 * comes later, at the comprehensive review.
 */
export function d8GeneralConditions(input: EligibilityInput, ruleSet: CampaignRuleSet): Reason {
  const given = input.generalConditions ?? {};
  const basis = ruleSet.generalConditionsBasis === 'ASSUMED' ? { zh: '（沿用2022年条件【假设】）', en: ' (the 2022 conditions, assumed to persist)' } : { zh: '', en: '' };
  const failed = conditions.filter(([key]) => given[key] === false);
  if (failed.length > 0) {
    const field = `/generalConditions/${failed[0]?.[0]}`;
    return reason(
      'D8',
      2,
      'FAIL',
      `不满足：${failed.map(([, zh]) => zh).join('、')}${basis.zh}`,
      `not met: ${failed.map(([, , en]) => en).join(', ')}${basis.en}`,
      { figure: { field, value: false } },
    );
  }
  const missingFacts = conditions.filter(([key]) => given[key] === undefined).map(([key]) => `/generalConditions/${key}`);
  if (missingFacts.length > 0) {
    return reason('D8', 1, 'MISSING_EVIDENCE', `未说明：${missingFacts.join('、')}`, `not stated: ${missingFacts.join(', ')}`, { missingFacts });
  }
  return reason(
    'D8',
    1,
    'PASS',
    `独立法人、有效国内注册商标、近三年无违法记录${basis.zh}`,
    `independent legal person, own valid domestic trademark, no violations in the last 3 years${basis.en}`,
  );
}
