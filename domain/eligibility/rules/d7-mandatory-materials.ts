import { evidenceRulesOf, type CampaignRuleSet } from '../../campaign/rule-set.ts';
import type { EligibilityInput, EvidenceKind } from '../input-schema.ts';
import { reason } from '../reason.ts';
import type { Reason } from '../verdict.ts';
import type { Preferences } from './d6-preference-flags.ts';

/**
 * D7, mandatory materials (COLLECT): each missing item is its own MISSING_EVIDENCE. Items, in
 * The notice's order: 1 Att. 1; 2 Att. 2 with the comparison table; 3 Att. 3; 4 the stated
 * implementation standard (an enterprise standard with its self-declared disclosure [ASSUMED]);
 * 5 financial reports for the years D4 and D5 use, one file per year (`financialReports` holds the
 * years of the reports on file, not the enterprise's word); 6 business licence and trademark
 * registration; 7 what the rule set's `evidenceRules` ask beyond that (a service's ranking proof,
 * the proof of each D6 flag when an unproven preference makes a declaration incomplete). The evidence of the
 * lowered thresholds (D4 rows 3, 7, 8) is D4 row 11's to report, so it is not counted twice.
 */
export function d7MandatoryMaterials(input: EligibilityInput, ruleSet: CampaignRuleSet, preferences: Preferences): Reason[] {
  const evidence = new Set(input.evidence ?? []);
  const reasons: Reason[] = [];
  const requireEvidence = (item: number, kinds: readonly EvidenceKind[], zh: string, en: string) => {
    const missingEvidence = kinds.filter((kind) => !evidence.has(kind));
    if (missingEvidence.length > 0) {
      reasons.push(
        reason('D7', item, 'MISSING_EVIDENCE', `缺少${zh}（${missingEvidence.join('、')}）`, `missing ${en} (${missingEvidence.join(', ')})`, { missingEvidence }),
      );
    }
  };

  requireEvidence(1, ['ATTACHMENT_1_DECLARATION_FORM'], '附件1 申报表', 'Attachment 1, the declaration form');
  requireEvidence(2, ['ATTACHMENT_2_STANDARDS_TABLE_WITH_COMPARISON'], '附件2 产品（服务）标准情况表及主要关键性能指标对比表', 'Attachment 2, the standards table with the key performance comparison');
  requireEvidence(3, ['ATTACHMENT_3_COMMITMENT_LETTER'], '附件3 申报承诺书', 'Attachment 3, the commitment letter');
  const standard = input.implementationStandard;
  if (!standard) {
    reasons.push(
      reason('D7', 4, 'MISSING_EVIDENCE', '未明示执行标准', 'no implementation standard is stated', { missingFacts: ['/implementationStandard'] }),
    );
  } else if (standard.kind === 'ENTERPRISE') {
    requireEvidence(4, ['ENTERPRISE_STANDARD_DISCLOSURE'], `企业标准 ${standard.code} 的自我声明公开【假设】`, `the self-declared public disclosure of enterprise standard ${standard.code} [ASSUMED]`);
  }
  const missingYears = missingFinancialYears(input, ruleSet);
  if (missingYears) {
    const [years, kind] = [missingYears.years, missingYears.kind];
    // Each year is its own file (uploaded with its reportYear), so the reason names the years and
    // the kinds a correction may upload, not a fact to retype.
    reasons.push(
      reason('D7', 5, 'MISSING_EVIDENCE', `缺少 ${years.join('、')} 年的${kind.zh}`, `missing the ${kind.en} for ${years.join(', ')}`, {
        missingEvidence: kind.evidence,
        missingYears: years,
      }),
    );
  }
  requireEvidence(6, ['BUSINESS_LICENCE', 'TRADEMARK_REGISTRATION'], '营业执照或商标注册证', 'the business licence or the trademark registration');
  // Only what the campaign's rule set asks beyond the notice's materials: by the notice's reading
  // no ranking proof of a service, and a preference without its proof is dropped by D6, not missing here.
  const rules = evidenceRulesOf(ruleSet);
  const forRules: EvidenceKind[] = [
    ...(input.category === 'SERVICE' && rules.serviceRankingProof ? (['SERVICE_MARKET_RANKING_PROOF'] as const) : []),
    ...(rules.unprovenPreference === 'INCOMPLETE' ? preferences.evidenceRequired.map((required) => required.evidence) : []),
  ];
  requireEvidence(7, forRules, 'D4 第10行或 D6 优先项所需的证明', 'the evidence D4 row 10 or a D6 preference requires');

  return reasons.length > 0 ? reasons : [reason('D7', null, 'PASS', '必备材料齐全', 'all mandatory materials are present')];
}

// Audited reports for the sales year R (D4) and, for manufacturing, R-2 … R (D5); a cooperative
// may give plain financial statements (D4 row 2). Services use no figure, so need none here.
function missingFinancialYears(input: EligibilityInput, ruleSet: CampaignRuleSet): { years: number[]; kind: { zh: string; en: string; evidence: EvidenceKind[] } } | undefined {
  const r = ruleSet.salesReferenceYear;
  const audited = new Set(input.financialReports?.auditedYears ?? []);
  const statements = new Set(input.financialReports?.statementYears ?? []);
  const auditedKind = { zh: '经审计财务报告', en: 'audited financial reports', evidence: ['AUDITED_FINANCIAL_REPORT'] as EvidenceKind[] };
  let years: number[] = [];
  let kind = auditedKind;
  if (input.category === 'MANUFACTURING') years = [r - 2, r - 1, r].filter((year) => !audited.has(year));
  else if (input.entityType === 'AGRI_LEADING_ENTERPRISE') years = [r].filter((year) => !audited.has(year));
  else if (input.category === 'AGRICULTURE' && input.entityType === 'FARMER_COOPERATIVE') {
    years = [r].filter((year) => !audited.has(year) && !statements.has(year));
    kind = { zh: '财务报表', en: 'financial statements', evidence: ['FINANCIAL_STATEMENTS', 'AUDITED_FINANCIAL_REPORT'] };
  }
  return years.length > 0 ? { years, kind } : undefined;
}
