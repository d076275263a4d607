import type { CampaignRuleSet } from '../../campaign/rule-set.ts';
import type { EligibilityInput } from '../input-schema.ts';
import { reason } from '../reason.ts';
import type { Reason } from '../verdict.ts';

/**
 * D8 row 3: the conditions of the notice no figure decides, as the campaign's rule set lists them
 * (`personJudged`, e.g. agriculture's infrastructure, technology extension and comprehensive
 * service capabilities). Each that applies to the declaration's category is a REFER a person
 * judges; nothing the enterprise states settles it.
 */
export function d8PersonJudged(input: EligibilityInput, ruleSet: CampaignRuleSet): Reason[] {
  return (ruleSet.personJudged ?? [])
    .filter((condition) => condition.categories.includes(input.category))
    .map((condition) =>
      reason('D8', 3, 'REFER', `须人工判断：${condition.text.zh}（${condition.code}）`, `a person judges: ${condition.text.en} (${condition.code})`),
    );
}
