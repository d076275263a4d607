import { known, type CampaignRuleSet } from '../rule-set.ts';
import { basePreferences, correctionWorkingDays, manufacturingBasis, publicityWorkingDays } from './defaults.ts';

/** The 2023 campaign, from 苏质委办〔2023〕1号 (the seed notice). */
export const campaign2023: CampaignRuleSet = {
  campaignYear: 2023,
  version: 1,
  notice: known({ reference: '苏质委办〔2023〕1号', issuedOn: '2023-03-20' }, 'SEED'),
  salesReferenceYear: 2022,
  minOperatingYears: known(3, 'SEED'),
  mfgMinProductionYears: known(3, 'SEED'),
  sales: {
    agriLeadingMinYuan: known(50_000_000, 'SEED'),
    cooperativeMinYuan: known(10_000_000, 'SEED'),
    consumerGoodsMinYuan: known(200_000_000, 'SEED'),
    producerGoodsMinYuan: known(300_000_000, 'SEED'),
    manufacturingBasis,
    loweredFloorYuan: {},
  },
  agriScale: known(
    {
      contiguousAreaMu: 1_000,
      largeLivestockHeadPerYear: 1_000,
      pigSheepHeadPerYear: 10_000,
      poultryPerYear: 100_000,
      aquacultureWaterMu: 300,
      factoryOutputTonnesPerYear: 500,
    },
    'SEED',
  ),
  generalConditionsBasis: 'ASSUMED',
  preferences: basePreferences,
  focusIndustries: known(
    [
      { code: '531', name: { zh: '“531”产业链', en: 'the "531" industrial chains' } },
      { code: '5+10+10', name: { zh: '“5+10+10”产业集群', en: 'the "5 + 10 + 10" industrial clusters' } },
    ],
    'FOUND',
  ),
  publicityWorkingDays,
  correctionWorkingDays,
  stageDeadlines: {},
};
