import { describe, expect, it } from 'vitest';
import { ruleSetFor } from '../../campaign/fixtures/rule-sets.ts';
import { agricultureDeclaration, manufacturingDeclaration, serviceDeclaration, withManufacturing } from '../fixtures/declarations.ts';
import type { EligibilityInput, EvidenceKind } from '../input-schema.ts';
import { d6PreferenceFlags } from './d6-preference-flags.ts';
import { d7MandatoryMaterials } from './d7-mandatory-materials.ts';

function judge(input: EligibilityInput, year = 2023) {
  return d7MandatoryMaterials(input, ruleSetFor(year), d6PreferenceFlags(input, ruleSetFor(year)));
}

function without(input: EligibilityInput, kind: EvidenceKind): EligibilityInput {
  return { ...input, evidence: (input.evidence ?? []).filter((item) => item !== kind) };
}

describe('D7 mandatory materials', () => {
  it.each([agricultureDeclaration(2023), manufacturingDeclaration(2023), serviceDeclaration(2023)])('passes a complete $category declaration', (input) => {
    expect(judge(input)).toMatchObject([{ rule: 'D7', row: null, outcome: 'PASS' }]);
  });

  it.each([
    ['ATTACHMENT_1_DECLARATION_FORM', 1],
    ['ATTACHMENT_2_STANDARDS_TABLE_WITH_COMPARISON', 2],
    ['ATTACHMENT_3_COMMITMENT_LETTER', 3],
    ['BUSINESS_LICENCE', 6],
    ['TRADEMARK_REGISTRATION', 6],
  ] as const)('without %s → item %i MISSING_EVIDENCE', (kind, row) => {
    expect(judge(without(manufacturingDeclaration(2023), kind))).toEqual([
      expect.objectContaining({ rule: 'D7', row, outcome: 'MISSING_EVIDENCE', missingEvidence: [kind] }),
    ]);
  });

  it('reports each missing item on its own', () => {
    const bare = { ...serviceDeclaration(2023), evidence: [], implementationStandard: undefined };
    // No item 7: the notice asks a service for no ranking proof.
    expect(judge(bare).map((reason) => reason.row)).toEqual([1, 2, 3, 4, 6]);
  });

  it('item 4: a stated standard, and for an enterprise standard its disclosure', () => {
    expect(judge({ ...serviceDeclaration(2023), implementationStandard: undefined })).toMatchObject([{ row: 4, missingFacts: ['/implementationStandard'] }]);
    const enterprise = serviceDeclaration(2023, { implementationStandard: { code: 'Q/JP 0001-2023', kind: 'ENTERPRISE' } });
    expect(judge(enterprise)).toMatchObject([{ row: 4, missingEvidence: ['ENTERPRISE_STANDARD_DISCLOSURE'] }]);
    expect(judge({ ...enterprise, evidence: [...(enterprise.evidence ?? []), 'ENTERPRISE_STANDARD_DISCLOSURE'] })).toMatchObject([{ outcome: 'PASS' }]);
  });

  it('item 5: audited reports for R-2 … R in manufacturing, R for an agricultural leader', () => {
    const mfg = { ...manufacturingDeclaration(2023), financialReports: { auditedYears: [2022] } };
    expect(judge(mfg)[0]?.en).toBe('D7 row 5: missing the audited financial reports for 2020, 2021');
    // Each year is a file of its own: the reason names the kind to upload and the years, no fact to retype.
    expect(judge(mfg)[0]).toMatchObject({ missingEvidence: ['AUDITED_FINANCIAL_REPORT'], missingYears: [2020, 2021] });
    expect(judge(mfg)[0]).not.toHaveProperty('missingFacts');
    const agri = { ...agricultureDeclaration(2023), financialReports: { auditedYears: [2021] } };
    expect(judge(agri)[0]?.en).toBe('D7 row 5: missing the audited financial reports for 2022');
  });

  it('item 5: a cooperative may give plain financial statements', () => {
    const coop = agricultureDeclaration(2023, { entityType: 'FARMER_COOPERATIVE', financialReports: { auditedYears: [], statementYears: [2022] } });
    expect(judge(coop)).toMatchObject([{ outcome: 'PASS' }]);
    expect(judge({ ...coop, financialReports: { auditedYears: [] } })[0]?.en).toBe('D7 row 5: missing the financial statements for 2022');
    expect(judge({ ...coop, financialReports: { auditedYears: [] } })[0]).toMatchObject({ missingEvidence: ['FINANCIAL_STATEMENTS', 'AUDITED_FINANCIAL_REPORT'], missingYears: [2022] });
  });

  it('item 7: by the notice, no ranking proof of a service and no proof of an unproven preference (D6 drops it)', () => {
    expect(judge(without(serviceDeclaration(2023), 'SERVICE_MARKET_RANKING_PROOF'))).toMatchObject([{ outcome: 'PASS' }]);
    const drafter = withManufacturing(manufacturingDeclaration(2023, { focusIndustryLists: ['531'] }), { standardsDrafted: [{ level: 'NATIONAL', role: 'LEAD' }] });
    expect(judge(drafter)).toMatchObject([{ outcome: 'PASS' }]);
  });

  it('item 7: what a rule set\'s evidenceRules ask beyond the notice (a service ranking proof, the proof of each preference raised)', () => {
    const strict = { ...ruleSetFor(2023), evidenceRules: { serviceRankingProof: true, unprovenPreference: 'INCOMPLETE', basis: 'ASSUMED' } } as const;
    const judgeBy = (input: EligibilityInput) => d7MandatoryMaterials(input, strict, d6PreferenceFlags(input, strict));
    expect(judgeBy(without(serviceDeclaration(2023), 'SERVICE_MARKET_RANKING_PROOF'))).toMatchObject([{ row: 7, missingEvidence: ['SERVICE_MARKET_RANKING_PROOF'] }]);
    const drafter = withManufacturing(manufacturingDeclaration(2023, { focusIndustryLists: ['531'] }), { standardsDrafted: [{ level: 'NATIONAL', role: 'LEAD' }] });
    expect(judgeBy(drafter)).toMatchObject([{ row: 7, missingEvidence: ['STANDARD_DRAFTING_PROOF', 'INDUSTRY_CLASSIFICATION'] }]);
  });
});
