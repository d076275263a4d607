import { known, notSeen, type CampaignRuleSet } from '../rule-set.ts';
import { basePreferences, correctionWorkingDays, manufacturingBasis, publicityWorkingDays } from './defaults.ts';

const unseen2024 = (zh: string, en: string) => notSeen(`2024 年通知中未见${zh}`, `no 2024 document we have gives ${en}`);

/**
 * The 2024 campaign, 苏质委办〔2024〕2号, as far as it is known: the
 * agricultural sales thresholds, the focus lists and the 老字号 preference. Its manufacturing
 * figures were not seen and are marked so, not carried over from 2023.
 */
export const campaign2024: CampaignRuleSet = {
  campaignYear: 2024,
  version: 1,
  notice: known({ reference: '苏质委办〔2024〕2号' }, 'FOUND'),
  salesReferenceYear: 2023,
  minOperatingYears: unseen2024('农业、服务业的经营年限', 'the operating years for agriculture and services'),
  mfgMinProductionYears: unseen2024('制造业量产年限', 'the years of mass production for manufacturing'),
  sales: {
    agriLeadingMinYuan: known(50_000_000, 'FOUND'),
    cooperativeMinYuan: known(10_000_000, 'FOUND'),
    consumerGoodsMinYuan: unseen2024('消费品销售额门槛', 'the consumer-goods sales threshold'),
    producerGoodsMinYuan: unseen2024('生产资料销售额门槛', 'the producer-goods sales threshold'),
    manufacturingBasis,
    loweredFloorYuan: {},
  },
  agriScale: unseen2024('农业规模要求', 'the agricultural scale requirements'),
  generalConditionsBasis: 'ASSUMED',
  preferences: [...basePreferences, { flag: 'PRIORITY_TIME_HONOURED', basis: 'FOUND' }],
  focusIndustries: known(
    [
      { code: '1650', name: { zh: '“1650”产业体系', en: 'the "1650" industrial system' } },
      { code: '51010', name: { zh: '“51010”战略性新兴产业集群', en: 'the "51010" strategic emerging industry clusters' } },
    ],
    'FOUND',
  ),
  publicityWorkingDays,
  correctionWorkingDays,
  stageDeadlines: {},
};
