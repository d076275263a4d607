import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../platform/engine/clock.ts';
import { flakyMessageEngine } from '../../test/cycle/flaky-message-engine.ts';
import { runJob } from '../../test/notifications/notify-job.ts';
import { createTestSchema, type TestSchema } from '../../test/pg.ts';
import type { CyclePorts } from '../cycle/ports.ts';
import { announceListWorker } from './announce-list.ts';

let db: TestSchema;
beforeEach(async () => {
  db = await createTestSchema({ migrate: true });
  await db.pool.query(`INSERT INTO campaigns (year, notice_number, status, opened_at) VALUES (2026, '苏质委办〔2026〕1号', 'PUBLICITY', now())`);
  await db.pool.query(`INSERT INTO enterprises (id, name, city_code, county_code) VALUES ('91320100MA0000015Q', '某公司', '320100', '320102')`);
  for (const n of ['0001', '0002']) {
    await db.pool.query(
      `INSERT INTO declarations (number, campaign_year, enterprise_id, product_name, category, channel, facts, stage, submitted_at)
       VALUES ($1, 2026, '91320100MA0000015Q', $2, 'SERVICE', 'COUNTY', '{}', 'PUBLICITY', now())`,
      [`JP-2026-320100-${n}`, `产品 ${n}`],
    );
  }
});
afterEach(() => db.drop());

function announcer() {
  const { state, engine } = flakyMessageEngine();
  const ports = { db: db.pool, clock: new VirtualClock('2026-12-01T02:00:00Z'), engine } as unknown as CyclePorts;
  return { engine: state, worker: announceListWorker(ports) };
}

const approved = { campaignYear: 2026, announcementApproved: true, announcementNote: '同意发布 / approved' };

describe('announce-list', () => {
  it('a job repeated after the list was committed but before its messages went out still tells every declaration', async () => {
    const { engine, worker } = announcer();
    await expect(runJob(worker, {}, approved)).rejects.toThrow('engine unreachable');
    const { rows } = await db.pool.query<{ stage: string }>('SELECT DISTINCT stage FROM declarations');
    expect(rows).toEqual([{ stage: 'ANNOUNCEMENT' }]);

    engine.failing = false;
    expect(await runJob(worker, {}, approved)).toMatchObject({ kind: 'complete', variables: { announcementNumber: '2026年第1号' } });
    expect(engine.published.map((m) => [m.name, m.correlationKey])).toEqual([
      ['list-announced', 'JP-2026-320100-0001'],
      ['list-announced', 'JP-2026-320100-0002'],
    ]);
  });
});
