import { Type } from '@sinclair/typebox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { complete, retry } from '../../platform/engine/outcome.ts';
import { EngineConflictError } from '../../platform/engine/port.ts';
import { createEngineHarness, type EngineHarness } from '../engine-harness.ts';
import { completeTask, recordingWorker, start, states } from './helpers.ts';

/**
 * Messages as Zeebe 8.8 correlates them: intermediate catch events, receive tasks and boundary
 * events (interrupting or not); correlation by name and key; message variables; buffering with a
 * time to live; de-duplication by message id; at most one correlation per process for a message.
 */
describe('messages', () => {
  let h: EngineHarness;
  const note = recordingWorker('note', Type.Object({}), (job) => complete({ ...job.customHeaders }));
  // Keeps its job waiting: the registry never answers through the worker.
  const queryRegistry = recordingWorker('query-registry', Type.Object({}), () => retry(3_600_000, 'registry has not answered yet'));

  beforeEach(async () => {
    for (const w of [note, queryRegistry]) w.jobs.length = 0;
    h = await createEngineHarness({ workers: [note, queryRegistry] });
    await h.deploy('messages.bpmn');
  });
  afterEach(() => h.close());

  const publish = async (name: string, correlationKey: string, extra: { variables?: Record<string, unknown>; timeToLiveMs?: number; messageId?: string } = {}) => {
    const result = await h.engine.publishMessage({ name, correlationKey, ...extra });
    await h.settle();
    return result;
  };

  describe('intermediate message catch event', () => {
    it('correlates by key: of two waiting instances only the one with the matching key moves, with the message variables', async () => {
      const a = await start(h, 'msg-catch', { orderId: 'A-1' });
      const b = await start(h, 'msg-catch', { orderId: 'B-2' });
      await completeTask(h, a, 'mc_prepare');
      await completeTask(h, b, 'mc_prepare');
      expect((await h.instance(a)).activeElementIds).toEqual(['mc_payment']);

      await publish('payment-received', 'B-2', { variables: { amountPaid: 880, paidVia: 'alipay' } });

      const viewB = await h.instance(b);
      expect(viewB.state).toBe('COMPLETED');
      expect(await h.path(b)).toEqual(['mc_start', 'mc_prepare', 'mc_payment', 'mc_end']);
      expect(viewB.variables).toEqual({ orderId: 'B-2', amountPaid: 880, paidVia: 'alipay' });
      const viewA = await h.instance(a);
      expect(viewA.activeElementIds).toEqual(['mc_payment']);
      expect(viewA.variables).toEqual({ orderId: 'A-1' });
    });

    it('a message with a different name or key does not correlate', async () => {
      const a = await start(h, 'msg-catch', { orderId: 'A-1' });
      await completeTask(h, a, 'mc_prepare');
      await publish('payment-received', 'A-2');
      await publish('contract-signed', 'A-1');
      expect((await h.instance(a)).activeElementIds).toEqual(['mc_payment']);
    });

    it('a message published before the catch event is reached is buffered for its time to live and correlates on arrival', async () => {
      const a = await start(h, 'msg-catch', { orderId: 'A-1' });
      await publish('payment-received', 'A-1', { variables: { amountPaid: 100 }, timeToLiveMs: 3_600_000 });
      expect((await h.instance(a)).activeElementIds).toEqual(['mc_prepare']);

      await h.advance('PT59M');
      await completeTask(h, a, 'mc_prepare');

      const view = await h.instance(a);
      expect(view.state).toBe('COMPLETED');
      expect(await h.path(a)).toEqual(['mc_start', 'mc_prepare', 'mc_payment', 'mc_end']);
      expect(view.variables).toEqual({ orderId: 'A-1', amountPaid: 100 });
    });

    it('a buffered message whose time to live has expired is not correlated', async () => {
      const a = await start(h, 'msg-catch', { orderId: 'A-1' });
      await publish('payment-received', 'A-1', { variables: { amountPaid: 100 }, timeToLiveMs: 3_600_000 });
      await h.advance('PT1H1S');
      await completeTask(h, a, 'mc_prepare');

      const view = await h.instance(a);
      expect(view.activeElementIds).toEqual(['mc_payment']);
      expect(view.variables).toEqual({ orderId: 'A-1' });
    });

    it('a message without time to live only reaches subscriptions open when it is published', async () => {
      const a = await start(h, 'msg-catch', { orderId: 'A-1' });
      await publish('payment-received', 'A-1', { variables: { amountPaid: 100 } });
      await completeTask(h, a, 'mc_prepare');
      expect((await h.instance(a)).activeElementIds).toEqual(['mc_payment']);
    });

    it('a second publish with the same message id is refused while the first is buffered; nothing is delivered twice', async () => {
      const a = await start(h, 'msg-catch', { orderId: 'A-1' });
      await publish('payment-received', 'A-1', { variables: { amountPaid: 100 }, timeToLiveMs: 3_600_000, messageId: 'pay-77' });
      await expect(
        h.engine.publishMessage({ name: 'payment-received', correlationKey: 'A-1', variables: { amountPaid: 999 }, timeToLiveMs: 3_600_000, messageId: 'pay-77' }),
      ).rejects.toBeInstanceOf(EngineConflictError);
      await completeTask(h, a, 'mc_prepare');
      expect((await h.instance(a)).variables).toEqual({ orderId: 'A-1', amountPaid: 100 });

      // A second instance waiting for the same key gets nothing: the message was correlated once for this process.
      const b = await start(h, 'msg-catch', { orderId: 'A-1' });
      await completeTask(h, b, 'mc_prepare');
      expect((await h.instance(b)).activeElementIds).toEqual(['mc_payment']);
    });

    it('message ids are unique per name and correlation key: the same id under another key is accepted (Zeebe)', async () => {
      await publish('payment-received', 'A-1', { timeToLiveMs: 3_600_000, messageId: 'pay-1' });
      await expect(h.engine.publishMessage({ name: 'payment-received', correlationKey: 'B-2', timeToLiveMs: 3_600_000, messageId: 'pay-1' })).resolves.toHaveProperty(
        'messageKey',
      );
    });

    it('after the buffered message expired, the same message id can be published again', async () => {
      await publish('payment-received', 'A-1', { timeToLiveMs: 60_000, messageId: 'pay-9' });
      await h.advance('PT2M');
      await expect(h.engine.publishMessage({ name: 'payment-received', correlationKey: 'A-1', timeToLiveMs: 60_000, messageId: 'pay-9' })).resolves.toHaveProperty(
        'messageKey',
      );
    });

    it('an expired message that a new publish removes takes the record of its correlation with it', async () => {
      const correlations = async () => (await h.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM engine_message_correlations')).rows[0]!.n;
      const a = await start(h, 'msg-catch', { orderId: 'C-1' });
      await publish('payment-received', 'C-1', { timeToLiveMs: 60_000 });
      await completeTask(h, a, 'mc_prepare');
      expect((await h.instance(a)).state).toBe('COMPLETED');
      expect(await correlations()).toBe(1);
      // Past its time to live, without the scheduler's housekeeping: the publish itself clears it.
      h.clock.advance('PT2M');
      await h.engine.publishMessage({ name: 'payment-received', correlationKey: 'C-1' });
      expect(await correlations()).toBe(0);
    });

    it('a buffered message correlates to only one instance of the same process', async () => {
      const a = await start(h, 'msg-catch', { orderId: 'SAME' });
      const b = await start(h, 'msg-catch', { orderId: 'SAME' });
      await publish('payment-received', 'SAME', { variables: { amountPaid: 5 }, timeToLiveMs: 3_600_000 });
      await completeTask(h, a, 'mc_prepare');
      await completeTask(h, b, 'mc_prepare');

      const done = [(await h.instance(a)).state, (await h.instance(b)).state].sort();
      expect(done).toEqual(['ACTIVE', 'COMPLETED']);
    });

    it('an open-subscription message also correlates to only one instance per process (Zeebe message cardinality)', async () => {
      const a = await start(h, 'msg-catch', { orderId: 'SAME' });
      const b = await start(h, 'msg-catch', { orderId: 'SAME' });
      await completeTask(h, a, 'mc_prepare');
      await completeTask(h, b, 'mc_prepare');
      await publish('payment-received', 'SAME', { variables: { amountPaid: 5 } });

      const done = [(await h.instance(a)).state, (await h.instance(b)).state].sort();
      expect(done).toEqual(['ACTIVE', 'COMPLETED']);
    });
  });

  describe('receive task', () => {
    it('waits for its message, takes its variables and moves on', async () => {
      const key = await start(h, 'msg-receive', { contractId: 'C-9' });
      expect((await h.instance(key)).activeElementIds).toEqual(['mr_sign']);
      await publish('contract-signed', 'C-9', { variables: { signedBy: '王芳' } });

      const view = await h.instance(key);
      expect(view.state).toBe('COMPLETED');
      expect(await h.path(key)).toEqual(['mr_start', 'mr_sign', 'mr_end']);
      expect(view.variables).toEqual({ contractId: 'C-9', signedBy: '王芳' });
    });
  });

  describe('boundary message events on a user task', () => {
    it('non-interrupting: runs its own path, may fire again, and the task stays open', async () => {
      const key = await start(h, 'msg-boundary', { caseId: 'JP-1' });
      await publish('info-supplied', 'JP-1', { variables: { info: 'tax certificate' } });
      await publish('info-supplied', 'JP-1', { variables: { info: 'audit report' } });

      expect(await h.path(key)).toEqual([
        'mb_start',
        'mb_review',
        'mb_infoSupplied',
        'mb_recordInfo',
        'mb_endInfo',
        'mb_infoSupplied',
        'mb_recordInfo',
        'mb_endInfo',
      ]);
      expect(await h.openTasks(key, 'mb_review')).toHaveLength(1);
      await completeTask(h, key, 'mb_review', { approved: true });

      const view = await h.instance(key);
      expect(view.state).toBe('COMPLETED');
      expect(view.variables).toEqual({ caseId: 'JP-1', info: 'audit report', infoRecorded: 'yes', approved: true });
    });

    it('interrupting: terminates the task, cancels it, and takes the boundary path', async () => {
      const key = await start(h, 'msg-boundary', { caseId: 'JP-2' });
      await publish('application-withdrawn', 'JP-2', { variables: { withdrawnBy: 'applicant' } });

      const view = await h.instance(key);
      expect(view.state).toBe('COMPLETED');
      expect(states(view)).toEqual(['mb_start:COMPLETED', 'mb_review:TERMINATED', 'mb_withdrawn:COMPLETED', 'mb_endWithdrawn:COMPLETED']);
      expect(view.variables).toEqual({ caseId: 'JP-2', withdrawnBy: 'applicant' });
      expect((await h.engine.searchUserTasks({ processInstanceKey: key }))[0]?.state).toBe('CANCELED');
    });
  });

  describe('boundary message event on a service task', () => {
    it('interrupting: cancels the waiting job; the worker is not called again', async () => {
      const key = await start(h, 'msg-boundary-job', { caseId: 'JP-3' });
      expect(queryRegistry.jobs).toHaveLength(1);
      await publish('registry-answered', 'JP-3', { variables: { registryAnswer: 'found' } });
      await h.advance('PT2H');

      const view = await h.instance(key);
      expect(view.state).toBe('COMPLETED');
      expect(states(view)).toEqual(['mj_start:COMPLETED', 'mj_query:TERMINATED', 'mj_answered:COMPLETED', 'mj_endAnswered:COMPLETED']);
      expect(view.variables).toEqual({ caseId: 'JP-3', registryAnswer: 'found' });
      expect(queryRegistry.jobs).toHaveLength(1);
      expect(await h.engine.searchIncidents({ processInstanceKey: key })).toEqual([]);
    });
  });
});
