import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestSchema, type TestSchema } from '../../test/pg.ts';
import { listRuleSets } from '../db/rule-sets.ts';
import { RuleSetDocumentError } from '../../domain/campaign/rule-set-document.ts';
import { RuleSetNotLoaded, RuleSetVersionBehind, RuleSetVersionExists, RuleSetVersionInUse } from './errors.ts';
import { changesAgainstYearBefore, loadRuleSet, ruleSetFor, useRuleSetForCampaign } from './rule-sets.ts';
import { withTransaction } from '../db/pool.ts';

// A document as a test edits it: any field, any depth.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- free-form JSON edited in place
type Json = Record<string, any>;

const file = (year: number) => JSON.parse(readFileSync(new URL(`../../rules/${year}.json`, import.meta.url), 'utf8')) as Json;
const office = { by: 'sheng.zhiwei', role: 'provincial_office', at: new Date('2026-11-20T02:00:00Z') };
const draft2027 = () => ({ ...file(2024), campaignYear: 2027, salesReferenceYear: 2026, version: 1 });

let db: TestSchema;
beforeEach(async () => {
  db = await createTestSchema({ migrate: true });
});
afterEach(() => db.drop());

describe('loaded rule sets', () => {
  it('start with the packaged 2022–2024, loaded by migrate and audited', async () => {
    expect((await listRuleSets(db.pool)).map((set) => `${set.year}/${set.version} ${set.loadedBy}`)).toEqual(['2022/1 jingpin', '2023/1 jingpin', '2024/1 jingpin']);
    expect(await ruleSetFor(db.pool, 2023)).toEqual(file(2023));
    const { rows } = await db.pool.query(`SELECT subject_id FROM audit_log WHERE action = 'rule_set.loaded' ORDER BY subject_id`);
    expect(rows.map((row) => row.subject_id)).toEqual(['2022/1', '2023/1', '2024/1']);
  });

  it('refuse a year without one, saying what to load', async () => {
    await expect(ruleSetFor(db.pool, 2027)).rejects.toThrow(RuleSetNotLoaded);
    await expect(ruleSetFor(db.pool, 2027)).rejects.toThrow('`jingpin rules load rules/2027.json`');
  });

  it('load a new year, audited, and the highest version is in force', async () => {
    expect(await loadRuleSet(db.pool, draft2027(), office)).toMatchObject({ result: 'loaded', ruleSet: { campaignYear: 2027, version: 1 } });
    await loadRuleSet(db.pool, { ...draft2027(), version: 2, publicityWorkingDays: { known: true, value: 7, basis: 'FOUND' } }, office);
    expect((await ruleSetFor(db.pool, 2027)).publicityWorkingDays).toEqual({ known: true, value: 7, basis: 'FOUND' });
    const { rows } = await db.pool.query(`SELECT actor, role, action, subject_type, subject_id FROM audit_log WHERE subject_id LIKE '2027/%' ORDER BY id`);
    expect(rows).toEqual([
      { actor: 'sheng.zhiwei', role: 'provincial_office', action: 'rule_set.loaded', subject_type: 'rule_set', subject_id: '2027/1' },
      { actor: 'sheng.zhiwei', role: 'provincial_office', action: 'rule_set.loaded', subject_type: 'rule_set', subject_id: '2027/2' },
    ]);
  });

  it('refuse the same year and version twice, and a version below the one in force', async () => {
    await loadRuleSet(db.pool, draft2027(), office);
    await expect(loadRuleSet(db.pool, { ...draft2027(), publicityWorkingDays: { known: true, value: 9, basis: 'FOUND' } }, office)).rejects.toThrow(RuleSetVersionExists);
    await loadRuleSet(db.pool, { ...draft2027(), version: 3 }, office);
    await expect(loadRuleSet(db.pool, { ...draft2027(), version: 2 }, office)).rejects.toThrow(RuleSetVersionBehind);
    expect((await ruleSetFor(db.pool, 2027)).version).toBe(3);
    const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE subject_id LIKE '2027/%'`);
    expect(rows[0].n).toBe(2);
  });

  it('store nothing from a malformed document', async () => {
    await expect(loadRuleSet(db.pool, { ...draft2027(), version: 'one' }, office)).rejects.toThrow(RuleSetDocumentError);
    expect((await listRuleSets(db.pool)).map((set) => set.year)).not.toContain(2027);
  });

  it('let an unused version be replaced, but never a used one, not even by SQL', async () => {
    await loadRuleSet(db.pool, draft2027(), office);
    const corrected = { ...draft2027(), correctionWorkingDays: { known: true, value: 10, basis: 'FOUND' } };
    expect((await loadRuleSet(db.pool, corrected, office, { replace: true })).result).toBe('replaced');
    expect((await ruleSetFor(db.pool, 2027)).correctionWorkingDays).toEqual({ known: true, value: 10, basis: 'FOUND' });
    await withTransaction(db.pool, (client) => useRuleSetForCampaign(client, 2027, office.at));
    await expect(loadRuleSet(db.pool, draft2027(), office, { replace: true })).rejects.toThrow(RuleSetVersionInUse);
    await expect(db.pool.query(`UPDATE rule_sets SET content = '{}' WHERE year = 2027`)).rejects.toThrow('cannot be changed');
    await expect(db.pool.query(`DELETE FROM rule_sets WHERE year = 2027`)).rejects.toThrow('cannot be changed');
    expect((await ruleSetFor(db.pool, 2027)).correctionWorkingDays).toEqual({ known: true, value: 10, basis: 'FOUND' });
    // The correction of a used version is a new version.
    await loadRuleSet(db.pool, { ...corrected, version: 2 }, office);
    expect((await ruleSetFor(db.pool, 2027)).version).toBe(2);
  });

  it('list what a new year changes against the year before', async () => {
    const changes = await changesAgainstYearBefore(db.pool, { ...draft2027(), publicityWorkingDays: { known: true, value: 7, basis: 'FOUND' } } as never);
    expect(changes.against).toEqual({ year: 2024, version: 1 });
    expect(changes.changes).toEqual([
      { path: '/publicityWorkingDays/value', before: 5, after: 7 },
      { path: '/publicityWorkingDays/basis', before: 'ASSUMED', after: 'FOUND' },
    ]);
  });
});
