import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eligibleFacts } from '../../bin/demo/facts.ts';
import { VirtualClock } from '../../platform/engine/clock.ts';
import { runJob } from '../../test/notifications/notify-job.ts';
import { createTestSchema, type TestSchema } from '../../test/pg.ts';
import { proposeStandardAdvancementWorker } from './propose-standard-advancement.ts';

let db: TestSchema;
const number = 'JP-2026-320100-0001';
const insert = (facts: unknown) =>
  db.pool.query(
    `INSERT INTO declarations (number, campaign_year, enterprise_id, product_name, category, channel, facts, stage, submitted_at)
     VALUES ($1, 2026, '91320100MA0000015Q', '产品', 'MANUFACTURING', 'COUNTY', $2, 'STANDARD_EVALUATION', now())`,
    [number, JSON.stringify(facts)],
  );
beforeEach(async () => {
  db = await createTestSchema({ migrate: true });
  await db.pool.query(`INSERT INTO campaigns (year, notice_number, status, opened_at) VALUES (2026, '苏质委办〔2026〕1号', 'CERTIFICATION', now())`);
  await db.pool.query(`INSERT INTO enterprises (id, name, city_code, county_code) VALUES ('91320100MA0000015Q', '某公司', '320100', '320102')`);
});
afterEach(() => db.drop());

describe('propose-standard-advancement', () => {
  const worker = () => proposeStandardAdvancementWorker({ db: db.pool, clock: new VirtualClock('2026-06-01T02:00:00Z') });

  it('proposes from the filed table once: a retried job answers the stored proposal without a second audit entry', async () => {
    await insert(eligibleFacts('MANUFACTURING', 2026, 1, false));
    const first = await runJob(worker(), {}, { declarationNumber: number });
    expect(first).toMatchObject({ kind: 'complete', variables: { standardProposal: 'NOT_ADVANCED', standardProposalSummary: expect.stringContaining('不具先进性') } });
    expect(await runJob(worker(), {}, { declarationNumber: number })).toEqual(first);
    expect((await db.pool.query(`SELECT 1 FROM audit_log WHERE action = 'standard.proposed'`)).rowCount).toBe(1);
  });

  it('stops with an incident on a table that does not fit Attachment 2, writing nothing', async () => {
    await insert({ ...eligibleFacts('MANUFACTURING', 2026, 1), standardComparison: { enterpriseStandardCode: 'Q/1', indicators: [] } });
    expect(await runJob(worker(), {}, { declarationNumber: number })).toMatchObject({ kind: 'incident', errorMessage: expect.stringContaining('Attachment 2') });
    expect((await db.pool.query('SELECT 1 FROM standard_proposals')).rowCount).toBe(0);
  });
});
