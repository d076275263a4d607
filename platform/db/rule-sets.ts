import type { Pool, PoolClient } from 'pg';
import type { CampaignRuleSet } from '../../domain/campaign/rule-set.ts';

type Db = Pool | PoolClient;

/** A loaded version, as listed: who loaded it, when, and since when a campaign uses it. */
export interface LoadedRuleSet {
  readonly year: number;
  readonly version: number;
  readonly loadedBy: string;
  readonly loadedAt: Date;
  readonly usedSince: Date | null;
  readonly ruleSet: CampaignRuleSet;
}

interface Row {
  year: number;
  version: number;
  content: CampaignRuleSet;
  loaded_by: string;
  loaded_at: Date;
  used_since: Date | null;
}

const select = 'SELECT year, version, content, loaded_by, loaded_at, used_since FROM rule_sets';

/** Every loaded version, by year then version. */
export async function listRuleSets(db: Db): Promise<LoadedRuleSet[]> {
  return (await db.query<Row>(`${select} ORDER BY year, version`)).rows.map(fromRow);
}

/** The versions of one year, oldest first. */
export async function ruleSetVersions(db: Db, year: number): Promise<LoadedRuleSet[]> {
  return (await db.query<Row>(`${select} WHERE year = $1 ORDER BY version`, [year])).rows.map(fromRow);
}

/** The version in force for a year: its highest. */
export async function latestRuleSet(db: Db, year: number): Promise<LoadedRuleSet | undefined> {
  const row = (await db.query<Row>(`${select} WHERE year = $1 ORDER BY version DESC LIMIT 1`, [year])).rows[0];
  return row ? fromRow(row) : undefined;
}

/** The latest version of the nearest year before `year` (what a new year is compared with). */
export async function latestRuleSetBefore(db: Db, year: number): Promise<LoadedRuleSet | undefined> {
  const row = (await db.query<Row>(`${select} WHERE year < $1 ORDER BY year DESC, version DESC LIMIT 1`, [year])).rows[0];
  return row ? fromRow(row) : undefined;
}

/** Inserts a version unless that year and version exists; answers whether it inserted. */
export async function insertRuleSet(db: Db, set: CampaignRuleSet, loaded: { by: string; at: Date; usedSince: Date | null }): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO rule_sets (year, version, content, loaded_by, loaded_at, used_since) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (year, version) DO NOTHING`,
    [set.campaignYear, set.version, JSON.stringify(set), loaded.by, loaded.at, loaded.usedSince],
  );
  return rowCount === 1;
}

/** Replaces the content of a version no campaign has used; answers whether it did. */
export async function replaceUnusedRuleSet(db: Db, set: CampaignRuleSet, loaded: { by: string; at: Date }): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE rule_sets SET content = $3, loaded_by = $4, loaded_at = $5 WHERE year = $1 AND version = $2 AND used_since IS NULL`,
    [set.campaignYear, set.version, JSON.stringify(set), loaded.by, loaded.at],
  );
  return rowCount === 1;
}

/** Marks a version as used by its year's campaign (the first time only). */
export async function markRuleSetUsed(db: Db, year: number, version: number, at: Date): Promise<void> {
  await db.query('UPDATE rule_sets SET used_since = $3 WHERE year = $1 AND version = $2 AND used_since IS NULL', [year, version, at]);
}

function fromRow(row: Row): LoadedRuleSet {
  return { year: row.year, version: row.version, loadedBy: row.loaded_by, loadedAt: row.loaded_at, usedSince: row.used_since, ruleSet: row.content };
}
