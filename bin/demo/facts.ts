/**
 * Declaration facts for generated enterprises: complete and eligible by the campaign's rule
 * set, with figures that vary by a seed so a demo's ranking is not a tie. The shape is the
 * eligibility input (docs/eligibility-input.schema.json).
 */
import { demoComparisonTable } from './comparison.ts';

export type Category = 'AGRICULTURE' | 'MANUFACTURING' | 'SERVICE';

const materials = [
  'ATTACHMENT_1_DECLARATION_FORM',
  'ATTACHMENT_2_STANDARDS_TABLE_WITH_COMPARISON',
  'ATTACHMENT_3_COMMITMENT_LETTER',
  'BUSINESS_LICENCE',
  'TRADEMARK_REGISTRATION',
];

const common = {
  implementationStandard: { code: 'GB/T 19001-2016', kind: 'NATIONAL' },
  generalConditions: { independentLegalPerson: true, ownValidDomesticTrademark: true, noQualitySafetyEnvViolationsLast3Years: true },
};

/**
 * Eligible facts with the enterprise's comparison table (Att. 2), whose standard beats its
 * references unless `advancedStandard` is false.
 */
export function eligibleFacts(category: Category, campaignYear: number, seed: number, advancedStandard = true): Record<string, unknown> {
  const standardComparison = demoComparisonTable({ category, campaignYear, r: (seed * 0.6180339887) % 1, advanced: advancedStandard });
  return { ...factsOf(category, campaignYear, seed), standardComparison };
}

function factsOf(category: Category, campaignYear: number, seed: number): Record<string, unknown> {
  const r = campaignYear - 1;
  const spread = (base: number) => base + (seed % 97) * 1_000_000;
  switch (category) {
    case 'AGRICULTURE':
      return {
        campaignYear,
        category,
        entityType: 'AGRI_LEADING_ENTERPRISE',
        establishedDate: '2012-04-01',
        normalOperation: true,
        agriculture: { subIndustry: 'PLANTING', contiguousAreaMu: 2_000 + (seed % 50) * 100 },
        sales: { year: r, declaredProductYuan: spread(60_000_000) },
        ...common,
        financialReports: { auditedYears: [r] },
        evidence: [...materials],
      };
    case 'MANUFACTURING':
      return {
        campaignYear,
        category,
        entityType: 'INDUSTRY_LEADER',
        manufacturing: {
          productClass: 'CONSUMER_GOODS',
          registeredInJiangsu: true,
          hasFixedProductionSite: true,
          massProductionStart: '2012-04-01',
          profitAndTaxYuan: [
            { year: r - 2, yuan: 10_000_000 + seed * 1_000 },
            { year: r - 1, yuan: 12_000_000 + seed * 1_000 },
            { year: r, yuan: 15_000_000 + seed * 1_000 },
          ],
        },
        sales: { year: r, declaredProductYuan: spread(300_000_000) },
        ...common,
        financialReports: { auditedYears: [r - 2, r - 1, r] },
        evidence: [...materials],
      };
    case 'SERVICE':
      return {
        campaignYear,
        category,
        entityType: 'SERVICE_ENTERPRISE',
        establishedDate: '2012-04-01',
        normalOperation: true,
        ...common,
        evidence: [...materials, 'SERVICE_MARKET_RANKING_PROOF'],
      };
  }
}

/** Facts that fail a hard rule: manufacturing sales a yuan short of the consumer-goods threshold. */
export function ineligibleFacts(campaignYear: number, consumerGoodsMinYuan: number): Record<string, unknown> {
  const facts = eligibleFacts('MANUFACTURING', campaignYear, 1) as { sales: { year: number; declaredProductYuan: number } };
  return { ...facts, sales: { ...facts.sales, declaredProductYuan: consumerGoodsMinYuan - 1 } };
}

/**
 * Facts that fail one hard rule of the category, by a margin the seed varies: sales below the
 * threshold (agriculture, manufacturing), or a quality violation in the last three years (services,
 * which have no sales threshold).
 */
export function ineligibleFactsFor(category: Category, campaignYear: number, seed: number, thresholds: { agriLeadingMinYuan: number; consumerGoodsMinYuan: number }): Record<string, unknown> {
  const facts = eligibleFacts(category, campaignYear, seed);
  const short = 1_000_000 + (seed % 7) * 2_500_000;
  switch (category) {
    case 'AGRICULTURE':
    case 'MANUFACTURING': {
      const sales = facts.sales as { year: number; declaredProductYuan: number };
      const min = category === 'AGRICULTURE' ? thresholds.agriLeadingMinYuan : thresholds.consumerGoodsMinYuan;
      return { ...facts, sales: { ...sales, declaredProductYuan: min - short } };
    }
    case 'SERVICE':
      return { ...facts, generalConditions: { ...(facts.generalConditions as object), noQualitySafetyEnvViolationsLast3Years: false } };
  }
}

/**
 * A carried-over declaration as the enterprise corrects it: this year's figures, marked as on
 * last year's key-cultivation list and not certified, with last year's record attached.
 */
export function carriedOverFacts(category: Category, campaignYear: number, seed: number): Record<string, unknown> {
  const facts = eligibleFacts(category, campaignYear, seed);
  return {
    ...facts,
    carryOver: { onPreviousKeyCultivationList: true, certified: false },
    evidence: [...(facts.evidence as string[]), 'PRIOR_YEAR_RECORD'],
  };
}
