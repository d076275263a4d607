import { Type } from '@sinclair/typebox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { complete, retry } from '../../platform/engine/outcome.ts';
import { createEngineHarness, type EngineHarness } from '../engine-harness.ts';
import { recordingWorker, start } from './helpers.ts';

/**
 * Service, send and business-rule tasks with zeebe:taskDefinition: the job type (a literal or
 * FEEL), retries, custom headers, business key, and variables limited to the worker's input schema.
 */
describe('task types with zeebe:taskDefinition', () => {
  let h: EngineHarness;
  let attempts = 0;
  const classify = recordingWorker('classify', Type.Object({ amount: Type.Number() }), (job) => {
    attempts += 1;
    return attempts === 1 ? retry(1000, 'rating service busy') : complete({ category: job.variables.amount > 1000 ? 'big' : 'small' });
  });
  const notifySms = recordingWorker('notify-sms', Type.Object({ kind: Type.String(), category: Type.String() }), () => complete({ notified: true }));
  const notifyMail = recordingWorker('notify-mail', Type.Object({ kind: Type.String() }), () => complete({ mailed: true }));
  const score = recordingWorker('score', Type.Object({ amount: Type.Number(), category: Type.String() }), () => complete({ risk: 'low' }));

  beforeEach(async () => {
    attempts = 0;
    for (const w of [classify, notifySms, notifyMail, score]) w.jobs.length = 0;
    h = await createEngineHarness({ workers: [classify, notifySms, notifyMail, score] });
    await h.deploy('tasks.bpmn');
  });
  afterEach(() => h.close());

  it('runs service, send and business-rule tasks as jobs: type, retries, headers, business key, fetched variables', async () => {
    const key = await start(h, 'task-types', { kind: 'sms', amount: 1200, secret: 'not for workers' }, 'JP-2026-0007');

    // First attempt failed with a retry: the token waits at classify.
    expect(await h.path(key)).toEqual(['start', 'classify']);
    expect((await h.instance(key)).activeElementIds).toEqual(['classify']);
    await h.advance(1000);

    const view = await h.instance(key);
    expect(view.state).toBe('COMPLETED');
    expect(await h.path(key)).toEqual(['start', 'classify', 'notify', 'score', 'end']);
    expect(view.variables).toEqual({ kind: 'sms', amount: 1200, secret: 'not for workers', category: 'big', notified: true, risk: 'low' });

    // retries="5": the second attempt sees one fewer.
    expect(classify.jobs.map((j) => j.retries)).toEqual([5, 4]);
    const [first, second] = classify.jobs;
    expect(first!.key).toBe(second!.key);
    expect(first).toMatchObject({
      type: 'classify',
      elementId: 'classify',
      processDefinitionId: 'task-types',
      processInstanceKey: key,
      businessKey: 'JP-2026-0007',
      customHeaders: { region: '320100', channel: 'web' },
      // Only the schema's properties: not kind, not secret.
      variables: { amount: 1200 },
    });

    // Send task: FEEL job type `= "notify-" + kind`.
    expect(notifyMail.jobs).toHaveLength(0);
    expect(notifySms.jobs).toHaveLength(1);
    expect(notifySms.jobs[0]).toMatchObject({
      type: 'notify-sms',
      elementId: 'notify',
      retries: 2,
      businessKey: 'JP-2026-0007',
      customHeaders: { template: 'order-classified' },
      variables: { kind: 'sms', category: 'big' },
    });

    // Business-rule task with a job worker; no retries attribute means Zeebe's default 3.
    expect(score.jobs).toHaveLength(1);
    expect(score.jobs[0]).toMatchObject({
      type: 'score',
      elementId: 'score',
      retries: 3,
      customHeaders: { model: 'risk-v2' },
      variables: { amount: 1200, category: 'big' },
    });
  });

  it('evaluates the FEEL job type per instance', async () => {
    const key = await start(h, 'task-types', { kind: 'mail', amount: 10 });
    await h.advance(1000);
    expect(await h.path(key)).toEqual(['start', 'classify', 'notify', 'score', 'end']);
    expect(notifySms.jobs).toHaveLength(0);
    expect(notifyMail.jobs.map((j) => [j.type, j.businessKey, j.variables])).toEqual([['notify-mail', null, { kind: 'mail' }]]);
    expect((await h.instance(key)).variables).toEqual({ kind: 'mail', amount: 10, category: 'small', mailed: true, risk: 'low' });
  });
});
