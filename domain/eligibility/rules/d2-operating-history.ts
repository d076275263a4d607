import { subtractYears } from '../../calendar/iso-date.ts';
import type { IsoDate } from '../../calendar/working-day-calendar.ts';
import type { CampaignRuleSet } from '../../campaign/rule-set.ts';
import type { EligibilityInput } from '../input-schema.ts';
import { missingFigure, reason } from '../reason.ts';
import type { Reason } from '../verdict.ts';

/**
 * D2, operating history (UNIQUE): established (or mass-producing) at least N years before the
 * reference date, counted as FEEL's `refDate - duration("PnY")`, so exactly N years to the day
 * passes. A fact stated false fails at once; a missing fact makes the rule incomplete; a figure
 * the campaign lacks (years, reference date) leaves it to a person.
 */
export function d2OperatingHistory(input: EligibilityInput, ruleSet: CampaignRuleSet, referenceDate: IsoDate | undefined): Reason {
  const manufacturing = input.category === 'MANUFACTURING';
  const row = manufacturing ? 2 : 1;
  const years = manufacturing ? ruleSet.mfgMinProductionYears : ruleSet.minOperatingYears;
  const yearsName = manufacturing ? 'mfgMinProductionYears' : 'minOperatingYears';
  const dateField = manufacturing ? '/manufacturing/massProductionStart' : '/establishedDate';
  const started = manufacturing ? input.manufacturing?.massProductionStart : input.establishedDate;
  const facts: Array<[string, boolean | undefined, string, string]> = manufacturing
    ? [
        ['/manufacturing/registeredInJiangsu', input.manufacturing?.registeredInJiangsu, '未在江苏注册', 'not registered in Jiangsu'],
        ['/manufacturing/hasFixedProductionSite', input.manufacturing?.hasFixedProductionSite, '无固定生产场所', 'no fixed production site'],
      ]
    : [['/normalOperation', input.normalOperation, '未正常经营', 'not operating normally']];

  const broken = facts.find(([, value]) => value === false);
  if (broken) return reason('D2', 3, 'FAIL', broken[2], broken[3], { figure: { field: broken[0], value: false } });

  const latest = years.known && referenceDate ? subtractYears(referenceDate, years.value) : undefined;
  const what = manufacturing ? { zh: '批量生产', en: 'mass production began' } : { zh: '成立', en: 'established' };
  if (started !== undefined && latest !== undefined && started > latest) {
    return reason(
      'D2',
      3,
      'FAIL',
      `${what.zh}于 ${started}，晚于 ${latest}（参照日 ${referenceDate} 前 ${years.known ? years.value : ''} 年），不足年限`,
      `${what.en} on ${started}, after ${latest} (${years.known ? years.value : ''} years before the reference date ${referenceDate}): too recent`,
      { figure: { field: dateField, value: started }, threshold: { name: `${yearsName} before referenceDate`, value: latest, comparison: '<=' } },
    );
  }
  const missingFacts = [...facts.filter(([, value]) => value === undefined).map(([field]) => field), ...(started === undefined ? [dateField] : [])];
  if (missingFacts.length > 0) {
    return reason('D2', row, 'MISSING_EVIDENCE', `缺少 ${missingFacts.join('、')}`, `missing ${missingFacts.join(', ')}`, { missingFacts });
  }
  if (!years.known) {
    return missingFigure('D2', row, yearsName, years, ruleSet.campaignYear);
  }
  if (latest === undefined) {
    return reason(
      'D2',
      row,
      'REFER',
      '没有参照日（默认为设区市报送截止日，本年度规则集未设），交人工审核',
      'no reference date (by default the city submission deadline, which this rule set does not have); a person decides',
      { missingFigure: 'stageDeadlines.citySubmissionDue' },
    );
  }
  return reason(
    'D2',
    row,
    'PASS',
    `${what.zh}于 ${started}，不晚于 ${latest}（参照日 ${referenceDate} 前 ${years.value} 年，含当日）`,
    `${what.en} on ${started}, no later than ${latest} (${years.value} years before the reference date ${referenceDate}, inclusive)`,
    { figure: { field: dateField, value: started as string }, threshold: { name: `${yearsName} before referenceDate`, value: latest, comparison: '<=' } },
  );
}
