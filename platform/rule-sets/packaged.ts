import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CampaignRuleSet } from '../../domain/campaign/rule-set.ts';
import { parseRuleSetDocument } from '../../domain/campaign/rule-set-document.ts';

/** The folder of the rule sets that ship with jingpin (rules/2022.json …). */
export const packagedRulesFolder = fileURLToPath(new URL('../../rules/', import.meta.url));

/** A rule-set file that ships with jingpin, read and checked. */
export interface PackagedRuleSet {
  readonly file: string;
  readonly ruleSet: CampaignRuleSet;
}

/**
 * The rule sets in rules/, oldest first, each checked as any office file is. They are what
 * `jingpin migrate` loads into an empty database; the running system reads rule sets from the
 * database only.
 */
export function packagedRuleSets(): PackagedRuleSet[] {
  return readdirSync(packagedRulesFolder)
    .filter((name) => /^\d{4}\.json$/.test(name))
    .sort()
    .map((name) => {
      const file = `${packagedRulesFolder}${name}`;
      return { file, ruleSet: parseRuleSetDocument(JSON.parse(readFileSync(file, 'utf8'))) };
    });
}
