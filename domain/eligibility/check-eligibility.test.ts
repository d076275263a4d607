import { describe, expect, it } from 'vitest';
import { ruleSetFor } from '../campaign/fixtures/rule-sets.ts';
import { checkEligibility, judgeDeclaration } from './check-eligibility.ts';
import { agricultureDeclaration, manufacturingDeclaration, serviceDeclaration, withManufacturing } from './fixtures/declarations.ts';
import { EligibilityInputError } from './parse-input.ts';

const ref = { referenceDate: '2023-05-31' };

describe('checkEligibility', () => {
  it('keeps a complete agricultural declaration pending review for the capabilities a person judges (D8 row 3), every other rule PASS', () => {
    const verdict = checkEligibility(agricultureDeclaration(2023), ruleSetFor(2023), ref);
    expect(verdict.outcome).toBe('ELIGIBLE_PENDING_REVIEW');
    expect(verdict.reasons.map((reason) => `${reason.rule}:${reason.outcome}`)).toEqual(['D1:PASS', 'D2:PASS', 'D3:PASS', 'D4:PASS', 'D7:PASS', 'D8:PASS', 'D8:REFER']);
    expect(verdict.reasons.at(-1)).toMatchObject({ row: 3, zh: 'D8 第3行：须人工判断：具有良好的农业基础设施、技术推广和综合服务能力（AGRI_CAPABILITIES）' });
  });

  it('finds a complete agricultural declaration ELIGIBLE, one reason per rule, all PASS, where the rule set lists no condition for a person', () => {
    const verdict = checkEligibility(agricultureDeclaration(2023), { ...ruleSetFor(2023), personJudged: [] }, ref);
    expect(verdict.outcome).toBe('ELIGIBLE');
    expect(verdict.reasons.map((reason) => `${reason.rule}:${reason.outcome}`)).toEqual(['D1:PASS', 'D2:PASS', 'D3:PASS', 'D4:PASS', 'D7:PASS', 'D8:PASS']);
    expect(verdict.summary).toEqual({ zh: '符合申报条件', en: 'eligible' });
  });

  it('asks the capabilities of agriculture only: a service or a manufacturer gets no D8 row 3', () => {
    for (const declaration of [serviceDeclaration(2023), manufacturingDeclaration(2023)]) {
      expect(checkEligibility(declaration, ruleSetFor(2023), ref).reasons.filter((r) => r.rule === 'D8' && r.row === 3)).toEqual([]);
    }
  });

  it('drops a preference claimed without its proof instead of making the declaration INCOMPLETE', () => {
    const claimed = withManufacturing(manufacturingDeclaration(2023), { standardsDrafted: [{ level: 'NATIONAL', role: 'LEAD' }] });
    const verdict = checkEligibility(claimed, ruleSetFor(2023), ref);
    expect(verdict.outcome).toBe('ELIGIBLE_PENDING_REVIEW');
    expect(verdict.flags).toEqual([]);
    expect(verdict.notes.map((n) => n.en)).toContain('D6 row 1: the preference is claimed without its proof (STANDARD_DRAFTING_PROOF), so it is not counted');
  });

  it('does not ask a service for a ranking proof the notice does not ask for', () => {
    const withoutRanking = { ...serviceDeclaration(2023), evidence: serviceDeclaration(2023).evidence?.filter((e) => e !== 'SERVICE_MARKET_RANKING_PROOF') };
    expect(checkEligibility(withoutRanking, ruleSetFor(2023), ref).outcome).toBe('ELIGIBLE_PENDING_REVIEW');
  });

  it('keeps manufacturing pending review, since profit-and-tax leadership is for a person (D5 row 3)', () => {
    const verdict = checkEligibility(manufacturingDeclaration(2023), ruleSetFor(2023), ref);
    expect(verdict.outcome).toBe('ELIGIBLE_PENDING_REVIEW');
    expect(verdict.reasons.filter((reason) => reason.outcome === 'REFER').map((reason) => `${reason.rule}.${reason.row}`)).toEqual(['D5.3']);
  });

  it('keeps services pending review (D4 row 10)', () => {
    expect(checkEligibility(serviceDeclaration(2023), ruleSetFor(2023), ref).outcome).toBe('ELIGIBLE_PENDING_REVIEW');
  });

  it('is INCOMPLETE when evidence is missing and nothing fails', () => {
    const verdict = checkEligibility({ ...agricultureDeclaration(2023), evidence: [] }, ruleSetFor(2023), ref);
    expect(verdict.outcome).toBe('INCOMPLETE');
  });

  it('is INELIGIBLE when one rule fails, whatever else is missing, and warns that submission is not blocked', () => {
    const verdict = checkEligibility({ ...agricultureDeclaration(2023, { sales: { year: 2022, declaredProductYuan: 49_999_999 } }), evidence: [] }, ruleSetFor(2023), ref);
    expect(verdict.outcome).toBe('INELIGIBLE');
    expect(verdict.notes.at(-1)?.en).toContain('does not block submission');
  });

  it('judges 2022 and 2023 manufacturing by their own figures', () => {
    const mfg = (year: number, sales: number, started: string) =>
      withManufacturing(manufacturingDeclaration(year, { sales: { year: year - 1, declaredProductYuan: sales } }), { massProductionStart: started });
    // 230 M and two years of production: enough in 2023's money, too little in 2022's; the other way round for the years.
    expect(checkEligibility(mfg(2022, 230_000_000, '2020-05-31'), ruleSetFor(2022), { referenceDate: '2022-05-31' }).outcome).toBe('INELIGIBLE');
    expect(checkEligibility(mfg(2022, 250_000_000, '2020-05-31'), ruleSetFor(2022), { referenceDate: '2022-05-31' }).outcome).toBe('ELIGIBLE_PENDING_REVIEW');
    expect(checkEligibility(mfg(2023, 230_000_000, '2021-05-31'), ruleSetFor(2023), ref).outcome).toBe('INELIGIBLE');
    expect(checkEligibility(mfg(2023, 230_000_000, '2020-05-31'), ruleSetFor(2023), ref).outcome).toBe('ELIGIBLE_PENDING_REVIEW');
  });

  it('never calls a 2024 manufacturer ELIGIBLE on thresholds nobody has seen', () => {
    const verdict = checkEligibility(manufacturingDeclaration(2024), ruleSetFor(2024), { referenceDate: '2024-05-31' });
    expect(verdict.outcome).toBe('ELIGIBLE_PENDING_REVIEW');
    expect(verdict.reasons.flatMap((reason) => reason.missingFigure ?? [])).toEqual(['mfgMinProductionYears', 'consumerGoodsMinYuan']);
  });

  it('measures D2 at the city submission deadline by default, and says when it had none', () => {
    const withDeadline = { ...ruleSetFor(2023), stageDeadlines: { citySubmissionDue: '2023-05-31' } };
    expect(checkEligibility(agricultureDeclaration(2023), withDeadline).referenceDate).toBe('2023-05-31');
    const without = checkEligibility(agricultureDeclaration(2023), ruleSetFor(2023));
    expect(without.referenceDate).toBeNull();
    expect(without.reasons[1]).toMatchObject({ rule: 'D2', outcome: 'REFER' });
  });

  it('attaches every flag raised, without changing the outcome', () => {
    const input = withManufacturing(manufacturingDeclaration(2023, { focusIndustryLists: ['531'], evidence: [...(manufacturingDeclaration(2023).evidence ?? []), 'STANDARD_DRAFTING_PROOF', 'INDUSTRY_CLASSIFICATION'] }), {
      standardsDrafted: [{ level: 'INTERNATIONAL', role: 'LEAD' }],
    });
    const verdict = checkEligibility(input, ruleSetFor(2023), ref);
    expect(verdict.flags.map((flag) => flag.flag)).toEqual(['PRIORITY_STANDARDS', 'PRIORITY_FOCUS_INDUSTRY']);
    expect(verdict.outcome).toBe('ELIGIBLE_PENDING_REVIEW');
  });

  it('writes every reason in Chinese and English, each naming its rule', () => {
    const verdict = checkEligibility(manufacturingDeclaration(2023), ruleSetFor(2023), ref);
    for (const reason of verdict.reasons) {
      expect(reason.zh.startsWith(reason.rule)).toBe(true);
      expect(reason.en.startsWith(reason.rule)).toBe(true);
    }
  });
});

describe('judgeDeclaration', () => {
  it('validates untrusted data before judging it', () => {
    expect(() => judgeDeclaration({ category: 'MINING' }, ruleSetFor(2023))).toThrow(EligibilityInputError);
    expect(judgeDeclaration(JSON.parse(JSON.stringify(serviceDeclaration(2023))), ruleSetFor(2023), ref).outcome).toBe('ELIGIBLE_PENDING_REVIEW');
  });
});
