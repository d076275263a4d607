import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../platform/engine/clock.ts';
import { flakyMessageEngine } from '../../test/cycle/flaky-message-engine.ts';
import { runJob } from '../../test/notifications/notify-job.ts';
import { createTestSchema, type TestSchema } from '../../test/pg.ts';
import type { CyclePorts } from '../cycle/ports.ts';
import { rankKeyCultivationWorker } from './rank-key-cultivation.ts';

let db: TestSchema;
beforeEach(async () => {
  db = await createTestSchema({ migrate: true });
  await db.pool.query(`INSERT INTO campaigns (year, notice_number, status, opened_at) VALUES (2026, '苏质委办〔2026〕1号', 'EXPERT_REVIEW', now())`);
  await db.pool.query(`INSERT INTO enterprises (id, name, city_code, county_code) VALUES ('91320100MA0000015Q', '某公司', '320100', '320102')`);
  await db.pool.query(`INSERT INTO experts (id, name, city_code, employer_id, categories) VALUES ('E-1', '专家', '320200', '91320200MA0000015X', '{SERVICE}')`);
  for (const [n, mark] of [['0001', 90], ['0002', 80], ['0003', 70]] as const) {
    const number = `JP-2026-320100-${n}`;
    await db.pool.query(
      `INSERT INTO declarations (number, campaign_year, enterprise_id, product_name, category, channel, facts, stage, submitted_at)
       VALUES ($1, 2026, '91320100MA0000015Q', $2, 'SERVICE', 'COUNTY', '{}', 'EXPERT_REVIEW', '2026-05-01T00:00:00Z')`,
      [number, `产品 ${n}`],
    );
    const scores = { STANDARDS: mark, QUALITY: mark, TECHNOLOGY: mark, MARKET_BRAND: mark };
    await db.pool.query(`INSERT INTO expert_scores (declaration_number, expert_id, scores, total, scored_at) VALUES ($1, 'E-1', $2, $3, now())`, [number, scores, mark]);
  }
});
afterEach(() => db.drop());

describe('rank-key-cultivation', () => {
  it('a job repeated after the list was committed tells every declaration that list, not a new ranking of those left', async () => {
    const { state, engine } = flakyMessageEngine();
    const worker = rankKeyCultivationWorker({ db: db.pool, clock: new VirtualClock('2026-09-01T02:00:00Z'), engine } as unknown as CyclePorts);
    const half = { keyListShare: '0.5' };
    await expect(runJob(worker, half, { campaignYear: 2026 })).rejects.toThrow('engine unreachable');

    state.failing = false;
    expect(await runJob(worker, half, { campaignYear: 2026 })).toMatchObject({ kind: 'complete', variables: { keyListSize: 2 } });
    expect(state.published.map((m) => [m.correlationKey, m.variables])).toEqual([
      ['JP-2026-320100-0001', { selected: true, keyListRank: 1 }],
      ['JP-2026-320100-0002', { selected: true, keyListRank: 2 }],
      ['JP-2026-320100-0003', { selected: false, keyListRank: 3 }],
    ]);
    const { rows } = await db.pool.query('SELECT declaration_number, selected FROM key_cultivation ORDER BY rank');
    expect(rows).toEqual([
      { declaration_number: 'JP-2026-320100-0001', selected: true },
      { declaration_number: 'JP-2026-320100-0002', selected: true },
      { declaration_number: 'JP-2026-320100-0003', selected: false },
    ]);
  });
});
