import type { CampaignRuleSet } from '../../campaign/rule-set.ts';
import type { EligibilityInput } from '../input-schema.ts';
import { reason, yuanText } from '../reason.ts';
import type { Reason } from '../verdict.ts';

/**
 * D5, profit and tax (manufacturing only): growth in each of the last two years, strictly, over
 * the audited figures of and R (rows 1–2); and "leading among similar provincial
 * enterprises", which only a person can judge (row 3, always REFER). A shrinking loss is
 * arithmetic growth, so growth with a negative figure goes to a person too [ASSUMED].
 */
export function d5ProfitAndTax(input: EligibilityInput, ruleSet: CampaignRuleSet): Reason[] {
  if (input.category !== 'MANUFACTURING') return [];
  const r = ruleSet.salesReferenceYear;
  const years = [r - 2, r - 1, r];
  const byYear = new Map((input.manufacturing?.profitAndTaxYuan ?? []).map((entry) => [entry.year, entry.yuan]));
  const leading = input.evidence?.includes('PROVINCIAL_PROFIT_TAX_RANKING_PROOF')
    ? { zh: '已附全省排名或协会证明', en: 'a provincial ranking or association certificate is attached' }
    : { zh: '未附全省排名或协会证明', en: 'no provincial ranking or association certificate is attached' };
  const row3 = reason(
    'D5',
    3,
    'REFER',
    `利税是否居全省同类企业领先，由人工判断（${leading.zh}）`,
    `whether profit and tax lead among similar provincial enterprises is for a person to judge (${leading.en})`,
  );

  const missing = years.filter((year) => !byYear.has(year));
  if (missing.length > 0) {
    return [
      reason('D5', 1, 'MISSING_EVIDENCE', `缺少 ${missing.join('、')} 年的利税`, `profit and tax missing for ${missing.join(', ')}`, {
        missingFacts: missing.map((year) => `/manufacturing/profitAndTaxYuan[year=${year}]`),
      }),
      row3,
    ];
  }
  const [before, last, latest] = years.map((year) => byYear.get(year) as number) as [number, number, number];
  const values = [before, last, latest];
  const seriesZh = years.map((year, i) => `${year} 年 ${yuanText(values[i] as number).zh}`).join('，');
  const series = years.map((year, i) => `${year}: ${yuanText(values[i] as number).en}`).join(', ');
  const figure = { field: '/manufacturing/profitAndTaxYuan', value: series };
  if (!(last > before && latest > last)) {
    const fail = reason(
      'D5',
      2,
      'FAIL',
      `利税未连续两年增长（${seriesZh}）`,
      `profit and tax did not grow in each of the last two years (${series})`,
      { figure },
    );
    return [fail, row3];
  }
  if (Math.min(before, last, latest) < 0) {
    const refer = reason(
      'D5',
      1,
      'REFER',
      `利税逐年增长，但有负值（亏损减少），交人工审核【假设】（${seriesZh}）`,
      `profit and tax grew each year but include a negative figure (a shrinking loss), flagged for review [ASSUMED] (${series})`,
      { figure },
    );
    return [refer, row3];
  }
  const pass = reason('D5', 1, 'PASS', `利税连续两年增长（${seriesZh}）`, `profit and tax grew in each of the last two years (${series})`, {
    figure,
  });
  return [pass, row3];
}
