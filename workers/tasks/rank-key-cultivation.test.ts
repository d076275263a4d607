import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../platform/engine/clock.ts';
import { flakyMessageEngine } from '../../test/cycle/flaky-message-engine.ts';
import { runJob } from '../../test/notifications/notify-job.ts';
import { createTestSchema, type TestSchema } from '../../test/pg.ts';
import type { CyclePorts } from '../cycle/ports.ts';
import { rankKeyCultivationWorker } from './rank-key-cultivation.ts';
import { recordKeyCultivationListWorker } from './record-key-cultivation-list.ts';

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

describe('rank-key-cultivation and record-key-cultivation-list', () => {
  it('ranks without selecting anyone: the proposal, in rank order, unticked; a repeated job proposes the same', async () => {
    const { engine } = flakyMessageEngine();
    const worker = rankKeyCultivationWorker({ db: db.pool, clock: new VirtualClock('2026-09-01T02:00:00Z'), engine } as unknown as CyclePorts);
    const proposal = {
      kind: 'complete',
      variables: {
        keyList: ['0001', '0002', '0003'].map((n) => ({ declarationNumber: `JP-2026-320100-${n}`, selected: false })),
        keyListRanked: 3,
      },
    };
    expect(await runJob(worker, {}, { campaignYear: 2026 })).toMatchObject(proposal);
    expect(await runJob(worker, {}, { campaignYear: 2026 })).toMatchObject(proposal);
    const { rows } = await db.pool.query('SELECT declaration_number, rank, selected FROM key_cultivation ORDER BY rank');
    expect(rows.map((r) => [r.rank, r.selected])).toEqual([
      [1, null],
      [2, null],
      [3, null],
    ]);
  });

  it('a record job repeated after the office\'s list was committed tells every declaration that list, once decided', async () => {
    const { state, engine } = flakyMessageEngine();
    const ports = { db: db.pool, clock: new VirtualClock('2026-09-01T02:00:00Z'), engine } as unknown as CyclePorts;
    state.failing = false;
    await runJob(rankKeyCultivationWorker(ports), {}, { campaignYear: 2026 });
    state.failing = true;
    const record = recordKeyCultivationListWorker(ports);
    const decision = {
      campaignYear: 2026,
      keyList: [
        { declarationNumber: 'JP-2026-320100-0003', selected: true },
        { declarationNumber: 'JP-2026-320100-0001', selected: true },
        { declarationNumber: 'JP-2026-320100-0002', selected: false },
      ],
      keyListReason: '第三名为本省首创，列入 / the third is a first in the province: on the list',
      decidedBy: 'office-1',
    };
    await expect(runJob(record, {}, decision)).rejects.toThrow('engine unreachable');
    state.failing = false;
    expect(await runJob(record, {}, decision)).toMatchObject({ kind: 'complete', variables: { keyListSize: 2 } });
    expect(state.published.map((m) => [m.correlationKey, m.variables])).toEqual([
      ['JP-2026-320100-0001', { selected: true, keyListRank: 1 }],
      ['JP-2026-320100-0002', { selected: false, keyListRank: 2 }],
      ['JP-2026-320100-0003', { selected: true, keyListRank: 3 }],
    ]);
    const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'key_list.decided'`);
    expect(rows).toEqual([{ n: 1 }]);
  });
});
