import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CalendarYearNotPublished } from '../../domain/calendar/working-day-calendar.ts';
import { VirtualClock } from '../../platform/engine/clock.ts';
import { runJob } from '../../test/notifications/notify-job.ts';
import { createTestSchema, type TestSchema } from '../../test/pg.ts';
import type { CyclePorts } from '../cycle/ports.ts';
import { assessStandardAdvancementWorker } from './assess-standard-advancement.ts';

let db: TestSchema;
beforeEach(async () => {
  db = await createTestSchema({ migrate: true });
  await db.pool.query(`INSERT INTO campaigns (year, notice_number, status, opened_at) VALUES (2026, '苏质委办〔2026〕1号', 'CERTIFICATION', now())`);
  await db.pool.query(`INSERT INTO enterprises (id, name, city_code, county_code) VALUES ('91320100MA0000015Q', '某公司', '320100', '320102')`);
  await db.pool.query(
    `INSERT INTO declarations (number, campaign_year, enterprise_id, product_name, category, channel, facts, stage, submitted_at)
     VALUES ('JP-2026-320100-0001', 2026, '91320100MA0000015Q', '产品', 'SERVICE', 'COUNTY', '{}', 'STANDARD_EVALUATION', now())`,
  );
});
afterEach(() => db.drop());

describe('assess-standard-advancement', () => {
  const judgement = {
    declarationNumber: 'JP-2026-320100-0001',
    legitimacy: 'LEGITIMATE',
    legitimacyReason: '已自我声明公开 / self-declared',
    compliance: 'COMPLIANT',
    complianceReason: '不低于强制性国标 / meets the mandatory GB',
    advancement: 'ADVANCED',
    advancementReason: '指标优于国家标准 / better than the national standard',
  };
  const proposal = () =>
    db.pool.query(
      `INSERT INTO standard_proposals (declaration_number, verdict, summary_zh, summary_en, proposed_at) VALUES ('JP-2026-320100-0001', 'ADVANCED', '具有先进性', 'advanced', now())`,
    );

  it('without the proposal it was to be judged against, is an incident and writes nothing', async () => {
    const worker = assessStandardAdvancementWorker({ db: db.pool, clock: new VirtualClock('2026-12-20T02:00:00Z'), calendar: async () => { throw new Error('not reached'); } } as unknown as CyclePorts);
    expect(await runJob(worker, {}, judgement)).toMatchObject({ kind: 'incident', errorMessage: expect.stringContaining('no standard proposal') });
    expect((await db.pool.query('SELECT 1 FROM standard_evaluations')).rowCount).toBe(0);
  });

  it('a calendar without the year is an incident before anything is written', async () => {
    await proposal();
    const calendar = async () => {
      throw new CalendarYearNotPublished(2027);
    };
    const worker = assessStandardAdvancementWorker({ db: db.pool, clock: new VirtualClock('2026-12-20T02:00:00Z'), calendar } as unknown as CyclePorts);
    const outcome = await runJob(worker, {}, judgement);
    expect(outcome).toMatchObject({ kind: 'incident', errorMessage: expect.stringContaining('2027') });
    expect((await db.pool.query('SELECT 1 FROM standard_evaluations')).rowCount).toBe(0);
    expect((await db.pool.query(`SELECT 1 FROM audit_log WHERE subject_type <> 'rule_set'`)).rowCount).toBe(0);
    expect((await db.pool.query(`SELECT stage FROM declarations`)).rows).toEqual([{ stage: 'STANDARD_EVALUATION' }]);
  });
});
