import type { CampaignRuleSet } from './rule-set.ts';
import { campaign2022 } from './rule-sets/campaign-2022.ts';
import { campaign2023 } from './rule-sets/campaign-2023.ts';
import { campaign2024 } from './rule-sets/campaign-2024.ts';

// One entry per campaign year. A new year is a new file in rule-sets/ and a line here.
const ruleSets: ReadonlyMap<number, CampaignRuleSet> = new Map(
  [campaign2022, campaign2023, campaign2024].map((set) => [set.campaignYear, deepFreeze(set)]),
);

/** No rule set exists for the campaign year asked for. */
export class UnknownCampaignYear extends Error {
  override readonly name = 'UnknownCampaignYear';
  constructor(readonly year: number) {
    super(
      `没有 ${year} 年度的规则集（已有：${campaignYears().join('、')}）/ ` +
        `there is no rule set for the ${year} campaign (known: ${campaignYears().join(', ')})`,
    );
  }
}

/** The campaign years that have a rule set, oldest first. */
export function campaignYears(): number[] {
  return [...ruleSets.keys()].sort((a, b) => a - b);
}

/**
 * The rule set of campaign `year`: a declaration is always judged by its own year's set,
 * never by a neighbouring one.
 * @throws {UnknownCampaignYear} for a year without a rule set.
 */
export function ruleSetFor(year: number): CampaignRuleSet {
  const set = ruleSets.get(year);
  if (!set) throw new UnknownCampaignYear(year);
  return set;
}

// The sets are shared by every caller; freezing them keeps one verdict from changing another's rules.
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
