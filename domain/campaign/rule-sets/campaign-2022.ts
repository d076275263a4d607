import { known, notSeen, type CampaignRuleSet } from '../rule-set.ts';
import { basePreferences, correctionWorkingDays, manufacturingBasis, publicityWorkingDays } from './defaults.ts';

const unseen2022 = (zh: string, en: string) => notSeen(`2022 年通知中未见${zh}`, `no 2022 document we have gives ${en}`);

/**
 * The 2022 campaign: only its manufacturing figures and general conditions are known;
 * everything agricultural is marked unseen, not copied from 2023.
 */
export const campaign2022: CampaignRuleSet = {
  campaignYear: 2022,
  version: 1,
  notice: unseen2022('通知文号', 'the notice reference'),
  salesReferenceYear: 2021,
  minOperatingYears: unseen2022('农业、服务业的经营年限', 'the operating years for agriculture and services'),
  mfgMinProductionYears: known(2, 'FOUND'),
  sales: {
    agriLeadingMinYuan: unseen2022('农业龙头企业销售额门槛', "the agricultural leading enterprise's sales threshold"),
    cooperativeMinYuan: unseen2022('农民合作社销售额门槛', "the farmers' cooperative's sales threshold"),
    consumerGoodsMinYuan: known(250_000_000, 'FOUND'),
    producerGoodsMinYuan: known(350_000_000, 'FOUND'),
    manufacturingBasis,
    loweredFloorYuan: {},
  },
  agriScale: unseen2022('农业规模要求', 'the agricultural scale requirements'),
  generalConditionsBasis: 'FOUND',
  preferences: basePreferences.map((rule) => ({ ...rule, basis: 'ASSUMED' as const })),
  focusIndustries: unseen2022('重点产业清单', 'the focus-industry lists'),
  publicityWorkingDays,
  correctionWorkingDays,
  stageDeadlines: {},
};
