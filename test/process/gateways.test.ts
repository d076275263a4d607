import { Type } from '@sinclair/typebox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { complete } from '../../platform/engine/outcome.ts';
import { createEngineHarness, type EngineHarness } from '../engine-harness.ts';
import { close, completeTask, fetch, recordingWorker, settle, start, states } from './helpers.ts';

/** Exclusive (conditions, default, incidents), parallel (fork/join) and event-based gateways. */
describe('gateways', () => {
  let h: EngineHarness;
  const handle = recordingWorker('handle', Type.Object({}), (job) => complete({ handledBy: job.elementId }));
  const calc = recordingWorker('calc', fetch('amount'), () => complete({ fee: 12 }));
  const combine = recordingWorker('combine', Type.Object({ fee: Type.Number(), approved: Type.Boolean() }), (job) =>
    complete({ result: job.variables.approved ? `approved, fee ${job.variables.fee}` : 'rejected' }),
  );

  beforeEach(async () => {
    for (const w of [handle, calc, combine]) w.jobs.length = 0;
    h = await createEngineHarness({ workers: [handle, calc, combine] });
    await h.deploy('gateways.bpmn');
  });
  afterEach(() => close(h));

  describe('exclusive gateway', () => {
    it.each([
      [5000, 'senior'], // both conditions hold: the first outgoing flow in the model wins
      [500, 'clerk'],
      [100, 'auto'], // no condition holds: the default flow
    ])('amount %d takes %s', async (amount, task) => {
      const key = await start(h, 'gw-exclusive', { amount });
      expect(await h.path(key)).toEqual(['xStart', 'route', task, 'merge', 'xEnd']);
      const view = await h.instance(key);
      expect(view.state).toBe('COMPLETED');
      expect(view.variables).toEqual({ amount, handledBy: task });
    });

    it.each([
      ['a non-boolean condition result', { approved: 'yes', score: 80 }],
      ['a condition on a missing variable', { approved: false }],
    ])('%s raises an EXTRACT_VALUE_ERROR incident and takes no path', async (_what, variables) => {
      const key = await start(h, 'gw-incident');
      await completeTask(h, key, 'prepare', variables);

      const incidents = await h.engine.searchIncidents({ processInstanceKey: key });
      expect(incidents.map((i) => [i.errorType, i.elementId, i.state])).toEqual([['EXTRACT_VALUE_ERROR', 'decide', 'ACTIVE']]);
      const view = await h.instance(key);
      expect(view.state).toBe('ACTIVE');
      // No end event was reached.
      expect(view.history.map((e) => e.elementId)).not.toContain('iApproved');
      expect(view.history.map((e) => e.elementId)).not.toContain('iScored');
      expect(view.history.map((e) => e.elementId)).not.toContain('iRejected');
      // Zeebe: the user task completed (its variables are in the root) and the gateway holds the token.
      expect.soft(states(view)).toEqual(['iStart:COMPLETED', 'prepare:COMPLETED', 'decide:ACTIVE']);
      expect.soft(view.variables).toEqual(variables);
      expect.soft(await h.openTasks(key)).toEqual([]);
    });
  });

  describe('parallel gateway', () => {
    it('forks, waits at the join for the user task, then continues once with both branches’ variables', async () => {
      const key = await start(h, 'gw-parallel', { amount: 300 });

      let view = await h.instance(key);
      expect(view.state).toBe('ACTIVE');
      expect(view.variables).toEqual({ amount: 300, fee: 12 });
      expect(combine.jobs).toHaveLength(0);
      expect([...(await h.path(key))].sort()).toEqual(['approve', 'calc', 'fork', 'pStart']);
      expect(view.activeElementIds).toEqual(['approve']);

      await completeTask(h, key, 'approve', { approved: true });
      view = await h.instance(key);
      expect(view.state).toBe('COMPLETED');
      const path = await h.path(key);
      expect(path.slice(0, 2)).toEqual(['pStart', 'fork']);
      expect([...path.slice(2, 4)].sort()).toEqual(['approve', 'calc']);
      expect(path.slice(4)).toEqual(['join', 'combine', 'pEnd']);
      expect(combine.jobs.map((j) => j.variables)).toEqual([{ fee: 12, approved: true }]);
      expect(view.variables).toEqual({ amount: 300, fee: 12, approved: true, result: 'approved, fee 12' });
    });
  });

  describe('event-based gateway', () => {
    const subscriptions = async (key: string) =>
      (await h.db.pool.query('SELECT message_name FROM engine_message_subscriptions WHERE instance_key = $1', [key])).rows;

    it('the message wins: the timer is gone, advancing past it changes nothing', async () => {
      const key = await start(h, 'gw-event', { orderId: 'ORD-1' });
      expect(await subscriptions(key)).toEqual([{ message_name: 'payment-received' }]);
      // Zeebe: the gateway holds the token and the subscriptions; no catch event is active yet.
      expect.soft(states(await h.instance(key))).toEqual(['eStart:COMPLETED', 'await:ACTIVE']);

      await h.advance('PT30M');
      await h.engine.publishMessage({ name: 'payment-received', correlationKey: 'ORD-1', variables: { paidAmount: 50 } });
      await settle(h);

      let view = await h.instance(key);
      expect(view.activeElementIds).toEqual(['followUp']);
      expect(view.history.map((e) => e.elementId)).not.toContain('expired');
      expect(view.variables).toEqual({ orderId: 'ORD-1', paidAmount: 50 });
      expect(await subscriptions(key)).toEqual([]);

      await h.advance('PT2H');
      view = await h.instance(key);
      expect(view.activeElementIds).toEqual(['followUp']);
      expect(await h.path(key)).toEqual(['eStart', 'await', 'paid', 'merged', 'followUp']);
      expect(await h.openTasks(key, 'followUp')).toHaveLength(1);

      await completeTask(h, key, 'followUp');
      view = await h.instance(key);
      expect(view.state).toBe('COMPLETED');
      expect(await h.path(key)).toEqual(['eStart', 'await', 'paid', 'merged', 'followUp', 'eEnd']);
      expect(view.variables).toEqual({ orderId: 'ORD-1', paidAmount: 50 });
    });

    it('the timer wins: the message subscription is gone, a later message correlates nowhere', async () => {
      const key = await start(h, 'gw-event', { orderId: 'ORD-2' });
      await h.advance('PT59M');
      expect(await h.path(key)).not.toContain('merged');
      await h.advance('PT1M');

      let view = await h.instance(key);
      expect(view.activeElementIds).toEqual(['followUp']);
      expect(await subscriptions(key)).toEqual([]);
      expect(await h.path(key)).toEqual(['eStart', 'await', 'expired', 'merged', 'followUp']);

      await h.engine.publishMessage({ name: 'payment-received', correlationKey: 'ORD-2', variables: { paidAmount: 50 } });
      await settle(h);
      view = await h.instance(key);
      expect(view.activeElementIds).toEqual(['followUp']);
      expect(await h.path(key)).toEqual(['eStart', 'await', 'expired', 'merged', 'followUp']);
      expect(view.variables).toEqual({ orderId: 'ORD-2' });
    });
  });
});
