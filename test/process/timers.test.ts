import { Type } from '@sinclair/typebox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { complete } from '../../platform/engine/outcome.ts';
import { createEngineHarness, type EngineHarness } from '../engine-harness.ts';
import { completeTask, recordingWorker, start, states } from './helpers.ts';

/**
 * Timer events as Zeebe 8.8 runs them: boundary timers (interrupting or not) on a user task and
 * on a sub-process, timeDuration / timeDate (FEEL, +08:00) / timeCycle, an intermediate timer
 * catch event, and timers longer than 25 days, all on the virtual clock. The harness starts the
 * clock at 2026-03-02T09:00:00+08:00.
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('timers', () => {
  let h: EngineHarness;
  // Copies the task's custom headers into the instance, e.g. outcome=overdue.
  const note = recordingWorker('note', Type.Object({}), (job) => complete({ ...job.customHeaders }));
  // Counts reminders in the variable `reminders`.
  const remind = recordingWorker('remind', Type.Object({ reminders: Type.Optional(Type.Number()) }), (job) =>
    complete({ reminders: Number(job.variables.reminders ?? 0) + 1 }),
  );

  beforeEach(async () => {
    for (const w of [note, remind]) w.jobs.length = 0;
    h = await createEngineHarness({ workers: [note, remind] });
    await h.deploy('timers.bpmn');
  });
  afterEach(() => h.close());

  describe('boundary timers on a user task (timeDuration)', () => {
    it('a non-interrupting reminder (PT1H) fires before the interrupting deadline (PT2H), never a millisecond early', async () => {
      const key = await start(h, 'timer-task');
      expect(await h.path(key)).toEqual(['tt_start', 'tt_review']);

      await h.advance(HOUR - 1);
      expect(await h.path(key)).toEqual(['tt_start', 'tt_review']);
      expect(remind.jobs).toHaveLength(0);

      await h.advance(1);
      // The reminder ran its own path; the task is still open.
      expect(await h.path(key)).toEqual(['tt_start', 'tt_review', 'tt_reminder', 'tt_sendReminder', 'tt_endReminded']);
      expect((await h.instance(key)).activeElementIds).toEqual(['tt_review']);
      expect(await h.openTasks(key, 'tt_review')).toHaveLength(1);

      await h.advance(HOUR - 1);
      expect((await h.instance(key)).activeElementIds).toEqual(['tt_review']);

      await h.advance(1);
      const view = await h.instance(key);
      expect(view.state).toBe('COMPLETED');
      expect(states(view)).toEqual([
        'tt_start:COMPLETED',
        'tt_review:TERMINATED',
        'tt_reminder:COMPLETED',
        'tt_sendReminder:COMPLETED',
        'tt_endReminded:COMPLETED',
        'tt_deadline:COMPLETED',
        'tt_markOverdue:COMPLETED',
        'tt_endOverdue:COMPLETED',
      ]);
      expect(view.variables).toEqual({ reminders: 1, outcome: 'overdue' });
      // The interrupted task is cancelled, as Tasklist shows it.
      const [task] = await h.engine.searchUserTasks({ processInstanceKey: key, elementId: 'tt_review' });
      expect(task?.state).toBe('CANCELED');
    });

    it('completing the task before the timers cancels both of them', async () => {
      const key = await start(h, 'timer-task');
      await h.advance(30 * 60_000);
      await completeTask(h, key, 'tt_review', { approved: true });
      await h.advance('P1D');

      const view = await h.instance(key);
      expect(view.state).toBe('COMPLETED');
      expect(await h.path(key)).toEqual(['tt_start', 'tt_review', 'tt_endReviewed']);
      expect(view.variables).toEqual({ approved: true });
      expect(remind.jobs).toHaveLength(0);
      expect(note.jobs).toHaveLength(0);
    });
  });

  describe('boundary timers on a sub-process (timeCycle, timeDate from FEEL)', () => {
    const deadline = '2026-03-02T14:30:00+08:00'; // 5.5 hours after the start

    it('R3/PT1H non-interrupting fires exactly 3 times, then the timeDate deadline interrupts the sub-process on the millisecond', async () => {
      const key = await start(h, 'timer-subprocess', { handlingDeadline: deadline });
      expect(await h.path(key)).toEqual(['ts_start', 'ts_handling', 'ts_innerStart', 'ts_fix']);

      for (let n = 1; n <= 5; n++) {
        await h.advance('PT1H');
        expect(remind.jobs, `reminders after ${n} hour(s)`).toHaveLength(Math.min(n, 3));
      }
      expect((await h.instance(key)).variables).toEqual({ handlingDeadline: deadline, reminders: 3 });
      expect((await h.instance(key)).activeElementIds).toEqual(['ts_handling', 'ts_fix']);

      // 14:29:59.999+08:00: the deadline has not passed.
      h.clock.set('2026-03-02T06:29:59.999Z');
      await h.settle();
      expect((await h.instance(key)).activeElementIds).toEqual(['ts_handling', 'ts_fix']);

      await h.advance(1);
      const view = await h.instance(key);
      expect(view.state).toBe('COMPLETED');
      const nudge = ['ts_nudge', 'ts_remind', 'ts_endNudged'];
      expect(await h.path(key)).toEqual(['ts_start', 'ts_handling', 'ts_innerStart', 'ts_fix', ...nudge, ...nudge, ...nudge, 'ts_deadline', 'ts_markLate', 'ts_endLate']);
      expect(view.variables).toEqual({ handlingDeadline: deadline, reminders: 3, outcome: 'late' });
      // The interrupted sub-process and everything in it end TERMINATED; its user task is cancelled.
      expect.soft((await h.engine.searchUserTasks({ processInstanceKey: key }))[0]?.state).toBe('CANCELED');
      expect.soft(states(view)).toContain('ts_handling:TERMINATED');
      expect.soft(states(view)).toContain('ts_fix:TERMINATED');
      expect.soft(view.activeElementIds).toEqual([]);
    });

    it('finishing the sub-process in time cancels the cycle and the deadline', async () => {
      const key = await start(h, 'timer-subprocess', { handlingDeadline: deadline });
      await h.advance('PT1H30M');
      await completeTask(h, key, 'ts_fix');
      await h.advance('P2D');

      const view = await h.instance(key);
      expect(view.state).toBe('COMPLETED');
      expect(await h.path(key)).toEqual(['ts_start', 'ts_handling', 'ts_innerStart', 'ts_fix', 'ts_nudge', 'ts_remind', 'ts_endNudged', 'ts_innerEnd', 'ts_endHandled']);
      expect(view.variables).toEqual({ handlingDeadline: deadline, reminders: 1 });
    });
  });

  describe('timers longer than 25 days (past setTimeout range)', () => {
    it('an intermediate P30D timer and a P3Y certificate timer fire when the clock passes them, not a millisecond before', async () => {
      const key = await start(h, 'timer-long');
      expect((await h.instance(key)).activeElementIds).toEqual(['tl_wait30d']);

      await h.advance(30 * DAY - 1);
      expect((await h.instance(key)).activeElementIds).toEqual(['tl_wait30d']);
      await h.advance(1);
      expect(await h.path(key)).toEqual(['tl_start', 'tl_wait30d', 'tl_certificate']);

      // Entered 2026-04-01T09:00+08:00; P3Y is three calendar years: 2029-04-01T09:00+08:00.
      h.clock.set('2029-04-01T08:59:59.999+08:00');
      await h.settle();
      expect((await h.instance(key)).activeElementIds).toEqual(['tl_certificate']);

      await h.advance(1);
      const view = await h.instance(key);
      expect(view.state).toBe('COMPLETED');
      expect(await h.path(key)).toEqual(['tl_start', 'tl_wait30d', 'tl_certificate', 'tl_expiry', 'tl_markExpired', 'tl_endExpired']);
      expect(view.variables).toEqual({ outcome: 'expired' });
    });

    it("h.advance('P30D') passes the intermediate timer; the certificate can be renewed before it expires", async () => {
      const key = await start(h, 'timer-long');
      await h.advance('P30D');
      await h.advance('P2Y');
      await completeTask(h, key, 'tl_certificate', { renewed: true });
      await h.advance('P2Y');

      const view = await h.instance(key);
      expect(view.state).toBe('COMPLETED');
      expect(await h.path(key)).toEqual(['tl_start', 'tl_wait30d', 'tl_certificate', 'tl_endRenewed']);
      expect(view.variables).toEqual({ renewed: true });
      expect(note.jobs).toHaveLength(0);
    });
  });
});
