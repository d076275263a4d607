import type { Pool, PoolClient } from 'pg';
import type { CampaignRuleSet } from '../../domain/campaign/rule-set.ts';
import { parseRuleSetDocument } from '../../domain/campaign/rule-set-document.ts';
import { ruleSetChanges, type RuleSetChange } from '../../domain/campaign/rule-set-changes.ts';
import { appendAudit } from '../db/cycle/audit-log.ts';
import { withTransaction } from '../db/pool.ts';
import { insertRuleSet, latestRuleSet, latestRuleSetBefore, listRuleSets, markRuleSetUsed, replaceUnusedRuleSet, ruleSetVersions } from '../db/rule-sets.ts';
import { RuleSetNotLoaded, RuleSetVersionBehind, RuleSetVersionExists, RuleSetVersionInUse, RuleSetVersionMissing } from './errors.ts';
import { packagedRuleSets } from './packaged.ts';

/** Who loads a rule set, in which role, and when. */
export interface RuleSetLoader {
  readonly by: string;
  readonly role: string;
  readonly at: Date;
}

/**
 * The rule set a campaign year is judged by: the highest version loaded for it. Read from the
 * database on each call, so a version loaded through the API is in force for every worker
 * process at once.
 * @throws {RuleSetNotLoaded} saying what to load.
 */
export async function ruleSetFor(db: Pool | PoolClient, year: number): Promise<CampaignRuleSet> {
  const loaded = await latestRuleSet(db, year);
  if (loaded) return loaded.ruleSet;
  throw new RuleSetNotLoaded(year, [...new Set((await listRuleSets(db)).map((set) => set.year))]);
}

/**
 * Checks `document` and stores it as a new version. A version is loaded once; `replace` may
 * redo a version no campaign has used yet (a slip found before opening). Loaded while the year's
 * campaign runs, the new version is in force (and used) at once. Audited in the same transaction.
 * @throws {RuleSetDocumentError} naming each bad field; nothing is stored.
 * @throws {RuleSetVersionExists} | {RuleSetVersionBehind} | {RuleSetVersionInUse} | {RuleSetVersionMissing}
 */
export async function loadRuleSet(
  pool: Pool,
  document: unknown,
  loader: RuleSetLoader,
  options: { readonly replace?: boolean } = {},
): Promise<{ readonly ruleSet: CampaignRuleSet; readonly result: 'loaded' | 'replaced' }> {
  const ruleSet = parseRuleSetDocument(document);
  const { campaignYear: year, version } = ruleSet;
  return withTransaction(pool, async (db) => {
    // One load of a year at a time, so two offices' clicks cannot both pass the version checks.
    await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`rule_sets:${year}`]);
    const versions = await ruleSetVersions(db, year);
    const same = versions.find((loaded) => loaded.version === version);
    let result: 'loaded' | 'replaced';
    if (options.replace) {
      if (!same) throw new RuleSetVersionMissing(year, version);
      if (same.usedSince || !(await replaceUnusedRuleSet(db, ruleSet, loader))) throw new RuleSetVersionInUse(year, version);
      result = 'replaced';
    } else {
      if (same) throw new RuleSetVersionExists(year, version, same.loadedBy, same.loadedAt);
      const latest = versions.at(-1);
      if (latest && latest.version > version) throw new RuleSetVersionBehind(year, version, latest.version);
      const campaignRuns = (await db.query('SELECT 1 FROM campaigns WHERE year = $1', [year])).rowCount === 1;
      await insertRuleSet(db, ruleSet, { ...loader, usedSince: campaignRuns ? loader.at : null });
      result = 'loaded';
    }
    await appendAudit(db, {
      actor: loader.by,
      role: loader.role,
      action: `rule_set.${result}`,
      subjectType: 'rule_set',
      subjectId: `${year}/${version}`,
      detail: { year, version },
      at: loader.at,
    });
    return { ruleSet, result };
  });
}

/**
 * The version a campaign opens with, marked as used so it can no longer change.
 * @throws {RuleSetNotLoaded}
 */
export async function useRuleSetForCampaign(db: PoolClient, year: number, at: Date): Promise<CampaignRuleSet> {
  const ruleSet = await ruleSetFor(db, year);
  await markRuleSetUsed(db, year, ruleSet.version, at);
  return ruleSet;
}

/**
 * Loads the rule sets shipped in rules/ that the database lacks (by year and version), as
 * `jingpin migrate` does on every run: an office's own versions are never touched.
 * @returns the sets it loaded.
 */
export async function loadPackagedRuleSets(pool: Pool, at: Date): Promise<CampaignRuleSet[]> {
  const loaded: CampaignRuleSet[] = [];
  for (const { ruleSet } of packagedRuleSets()) {
    await withTransaction(pool, async (db) => {
      if (!(await insertRuleSet(db, ruleSet, { by: 'jingpin', at, usedSince: null }))) return;
      await appendAudit(db, {
        actor: 'jingpin',
        role: 'system',
        action: 'rule_set.loaded',
        subjectType: 'rule_set',
        subjectId: `${ruleSet.campaignYear}/${ruleSet.version}`,
        detail: { year: ruleSet.campaignYear, version: ruleSet.version, packaged: true },
        at,
      });
      loaded.push(ruleSet);
    });
  }
  return loaded;
}

/**
 * What `ruleSet` changes against the latest loaded version of the nearest year before it (none
 * when it is the first year loaded): what the office reads before it loads.
 */
export async function changesAgainstYearBefore(db: Pool | PoolClient, ruleSet: CampaignRuleSet): Promise<{ readonly against: { year: number; version: number } | null; readonly changes: RuleSetChange[] }> {
  const before = await latestRuleSetBefore(db, ruleSet.campaignYear);
  if (!before) return { against: null, changes: [] };
  return { against: { year: before.year, version: before.version }, changes: ruleSetChanges(before.ruleSet, ruleSet) };
}
