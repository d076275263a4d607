import { describe, expect, it } from 'vitest';
import { campaignYears, ruleSetFor, UnknownCampaignYear } from './rule-set-for.ts';

describe('ruleSetFor', () => {
  it('has the 2022, 2023 and 2024 campaigns, each judging the sales of the year before', () => {
    expect(campaignYears()).toEqual([2022, 2023, 2024]);
    for (const year of campaignYears()) expect(ruleSetFor(year).salesReferenceYear).toBe(year - 1);
  });

  it('keeps the 2022 manufacturing figures apart from the 2023 ones', () => {
    const [y2022, y2023] = [ruleSetFor(2022), ruleSetFor(2023)];
    expect(y2022.mfgMinProductionYears).toMatchObject({ known: true, value: 2 });
    expect(y2023.mfgMinProductionYears).toMatchObject({ known: true, value: 3 });
    expect(y2022.sales.consumerGoodsMinYuan).toMatchObject({ value: 250_000_000 });
    expect(y2022.sales.producerGoodsMinYuan).toMatchObject({ value: 350_000_000 });
    expect(y2023.sales.consumerGoodsMinYuan).toMatchObject({ value: 200_000_000 });
    expect(y2023.sales.producerGoodsMinYuan).toMatchObject({ value: 300_000_000 });
  });

  it('marks figures no document gives as unknown instead of borrowing them', () => {
    const y2024 = ruleSetFor(2024);
    expect(y2024.sales.consumerGoodsMinYuan.known).toBe(false);
    expect(y2024.mfgMinProductionYears.known).toBe(false);
    expect(y2024.sales.agriLeadingMinYuan).toMatchObject({ known: true, value: 50_000_000 });
    expect(ruleSetFor(2022).sales.agriLeadingMinYuan.known).toBe(false);
  });

  it('gives the 老字号 preference from 2024 only', () => {
    const has = (year: number) => ruleSetFor(year).preferences.some((rule) => rule.flag === 'PRIORITY_TIME_HONOURED');
    expect([has(2022), has(2023), has(2024)]).toEqual([false, false, true]);
  });

  it('defaults publicity and correction to 5 working days, marked as assumed', () => {
    expect(ruleSetFor(2023).publicityWorkingDays).toEqual({ known: true, value: 5, basis: 'ASSUMED' });
    expect(ruleSetFor(2023).correctionWorkingDays).toEqual({ known: true, value: 5, basis: 'ASSUMED' });
  });

  it('refuses a year without a rule set, naming it and the years there are', () => {
    expect(() => ruleSetFor(2021)).toThrow(UnknownCampaignYear);
    expect(() => ruleSetFor(2025)).toThrow('there is no rule set for the 2025 campaign (known: 2022, 2023, 2024)');
  });

  it('cannot be changed by a caller', () => {
    expect(Object.isFrozen(ruleSetFor(2023).sales)).toBe(true);
  });
});
