import { afterEach, describe, expect, it } from 'vitest';
import type { Job } from '../../platform/engine/worker.ts';
import { createCycleHarness, type CycleHarness } from './cycle-harness.ts';
import { enterprise, smallDirectory } from './directory.fixture.ts';
import { declare, recommend } from './scenario-steps.ts';
import { formExpertPanelsWorker } from '../../workers/tasks/form-expert-panels.ts';
import { ChineseWorkingDayCalendar } from '../../domain/calendar/chinese-working-day-calendar.ts';

// Issue 12 item 12: the draw was seeded with the campaign year, so anyone could foretell the panels.
describe('the expert-panel draw', () => {
  let c: CycleHarness;
  afterEach(() => c.close());

  const drawn = async () =>
    (await c.h.db.pool.query<{ detail: { seed: number; jobKey?: string } }>(`SELECT detail FROM audit_log WHERE action = 'panel.drawn' ORDER BY id`)).rows.map((r) => r.detail);
  const panels = async () =>
    (await c.h.db.pool.query<{ declaration_number: string; expert_id: string; role: string }>('SELECT declaration_number, expert_id, role FROM panel_assignments ORDER BY 1, 2')).rows;

  it('is seeded by a random value drawn at drawing time and kept in the audit entry; a retried job draws the same panels', async () => {
    c = await createCycleHarness({ directory: smallDirectory() });
    const timetable = await c.driver.openCampaign(2023);
    const numbers = [await declare(c.driver, enterprise('320100', 1), 2023, 1), await declare(c.driver, enterprise('320200', 1), 2023, 2)];
    await recommend(c.driver, numbers);
    await c.driver.advanceTo(timetable.citySubmissionDeadline);

    const [entry, ...more] = await drawn();
    expect(more).toEqual([]);
    expect(Number.isInteger(entry!.seed) && entry!.seed >= 0 && entry!.seed <= 0xffffffff).toBe(true);
    expect(entry!.seed).not.toBe(2023);
    const firstPanels = await panels();
    expect(firstPanels.length).toBeGreaterThan(0);

    // The same job run again (its answer lost in a crash): the recorded seed is reused, nothing changes.
    const worker = formExpertPanelsWorker({
      db: c.h.db.pool,
      clock: c.h.clock,
      calendar: async () => new ChineseWorkingDayCalendar([]),
      engine: c.h.engine,
      credit: { name: 'none', findings: async () => [] } as never,
    });
    const job = { key: entry!.jobKey!, type: 'form-expert-panels', variables: { campaignYear: 2023 }, customHeaders: {} } as unknown as Job<{ campaignYear: number }>;
    await c.h.db.pool.query(`UPDATE declarations SET stage = 'EXPERT_REVIEW' WHERE number = ANY($1)`, [numbers]);
    expect(await worker.handler(job)).toMatchObject({ kind: 'complete' });
    expect(await drawn()).toEqual([entry]);
    expect(await panels()).toEqual(firstPanels);
  }, 60_000);

  it('is not foretold: two campaigns of the same year draw from different seeds', async () => {
    const seeds: number[] = [];
    for (let i = 0; i < 2; i++) {
      c = await createCycleHarness({ directory: smallDirectory() });
      const timetable = await c.driver.openCampaign(2023);
      await recommend(c.driver, [await declare(c.driver, enterprise('320100', 1), 2023, 1)]);
      await c.driver.advanceTo(timetable.citySubmissionDeadline);
      seeds.push((await drawn())[0]!.seed);
      if (i === 0) await c.close();
    }
    // Two independent 32-bit draws collide once in four billion runs.
    expect(seeds[0]).not.toBe(seeds[1]);
  }, 90_000);
});
