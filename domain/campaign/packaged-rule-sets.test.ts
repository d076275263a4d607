import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { judgeDeclaration } from '../eligibility/check-eligibility.ts';
import { EligibilityInputError } from '../eligibility/parse-input.ts';
import type { CampaignRuleSet } from './rule-set.ts';
import {
  agricultureDeclaration,
  manufacturingDeclaration,
  serviceDeclaration,
  withAgriculture,
  withEvidence,
  withManufacturing,
} from '../eligibility/fixtures/declarations.ts';
import { campaign2022 } from './fixtures/modules/campaign-2022.ts';
import { campaign2023 } from './fixtures/modules/campaign-2023.ts';
import { campaign2024 } from './fixtures/modules/campaign-2024.ts';
import { packagedYears, ruleSetFor } from './fixtures/rule-sets.ts';

const modules = new Map([campaign2022, campaign2023, campaign2024].map((set) => [set.campaignYear, set]));

// Declarations that reach every rule and row the sets differ on: each category, the lowered
// routes, the preferences, and one that fails.
function declarationsOf(year: number): unknown[] {
  const manufacturingFile = JSON.parse(readFileSync(new URL('../eligibility/fixtures/manufacturing-2023.json', import.meta.url), 'utf8')) as Record<string, unknown>;
  return [
    { ...manufacturingFile, campaignYear: year },
    { ...manufacturingFile, campaignYear: year, sales: { year: year - 1, declaredProductYuan: 260_000_000 } },
    agricultureDeclaration(year),
    withEvidence(agricultureDeclaration(year, { sales: { year: year - 1, declaredProductYuan: 49_999_999 } }), 'GEOGRAPHICAL_INDICATION_PROOF'),
    withAgriculture(agricultureDeclaration(year), { contiguousAreaMu: 999 }),
    manufacturingDeclaration(year),
    withManufacturing(manufacturingDeclaration(year), { massProductionStart: `${year - 2}-05-31` }),
    manufacturingDeclaration(year, { sales: { year: year - 1, declaredProductYuan: 230_000_000 } }),
    serviceDeclaration(year),
    serviceDeclaration(year, { focusIndustryLists: ['531', '1650'] }),
    serviceDeclaration(year, { normalOperation: false }),
  ];
}

// A verdict, or the problems a set finds in the data: both must come out the same.
function outcomeOf(declaration: unknown, ruleSet: CampaignRuleSet, options: { referenceDate?: string }) {
  try {
    return judgeDeclaration(declaration, ruleSet, options);
  } catch (error) {
    if (error instanceof EligibilityInputError) return error.problems;
    throw error;
  }
}

describe('the packaged rule sets (rules/2022.json … 2024.json)', () => {
  it('are 2022, 2023 and 2024, each judging the sales of the year before', () => {
    expect(readdirSync(new URL('../../rules/', import.meta.url)).sort()).toEqual(['2022.json', '2023.json', '2024.json']);
    for (const year of packagedYears) expect(ruleSetFor(year)).toMatchObject({ campaignYear: year, salesReferenceYear: year - 1 });
  });

  it('hold exactly the values the TypeScript modules held, plus the stage working days', () => {
    for (const ruleSet of packagedYears.map(ruleSetFor)) {
      const { $schema, stageWorkingDays, ...rest } = ruleSet;
      expect($schema).toBe('../docs/rule-set.schema.json');
      expect(stageWorkingDays).toEqual({ citySubmission: 40, expertComparison: 15, certification: 100, basis: 'ASSUMED' });
      expect(rest).toEqual(modules.get(ruleSet.campaignYear));
    }
  });

  it('judge the eligibility fixtures exactly as the TypeScript modules did', () => {
    let judged = 0;
    for (const year of [2022, 2023, 2024]) {
      const fromModule = { ...modules.get(year)!, stageWorkingDays: ruleSetFor(year).stageWorkingDays };
      for (const declaration of declarationsOf(year)) {
        for (const referenceDate of [`${year}-05-31`, undefined]) {
          const options = referenceDate ? { referenceDate } : {};
          expect(outcomeOf(declaration, ruleSetFor(year), options)).toEqual(outcomeOf(declaration, fromModule, options));
          judged += 1;
        }
      }
    }
    expect(judged).toBe(66);
  });

  it('keep the 2022 manufacturing figures apart from the 2023 ones, and mark unseen figures as unknown', () => {
    expect(ruleSetFor(2022).mfgMinProductionYears).toMatchObject({ known: true, value: 2 });
    expect(ruleSetFor(2023).mfgMinProductionYears).toMatchObject({ known: true, value: 3 });
    expect(ruleSetFor(2024).sales.consumerGoodsMinYuan.known).toBe(false);
    expect(ruleSetFor(2024).sales.agriLeadingMinYuan).toMatchObject({ known: true, value: 50_000_000 });
  });
});
