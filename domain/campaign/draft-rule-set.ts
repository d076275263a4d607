import type { CampaignRuleSet } from './rule-set.ts';

/**
 * A first draft of `year`'s rule set: every figure, list and flag of `from` (usually the year
 * before) carried over for the office to edit, with what belongs to a year reset: version 1,
 * the sales year, the notice (not issued yet) and the notice's stage dates.
 */
export function draftRuleSet(from: CampaignRuleSet, year: number): CampaignRuleSet {
  return {
    ...from,
    campaignYear: year,
    version: 1,
    notice: {
      known: false,
      note: { zh: `${year} 年度通知尚未填写`, en: `the ${year} notice is not filled in yet` },
    },
    salesReferenceYear: year - 1,
    stageDeadlines: {},
  };
}
