import { Type } from '@sinclair/typebox';
import { afterEach, describe, expect, it } from 'vitest';
import { complete, incident, retry, type JobOutcome } from '../../platform/engine/outcome.ts';
import type { Job } from '../../platform/engine/worker.ts';
import { createEngineHarness, type EngineHarness } from '../engine-harness.ts';
import { recordingWorker, start, states } from './helpers.ts';

/**
 * Job retries, backoff and incidents as Zeebe 8.8 runs them, on jobs.bpmn: one service task
 * `jb_register` (type `registry`, retries="3", output registryResult → registryStatus).
 */
describe('job retries and incidents', () => {
  let h: EngineHarness;
  afterEach(() => h.close());

  async function run(answer: (job: Job<Record<string, unknown>>, attempt: number) => JobOutcome | Promise<JobOutcome>, input = Type.Object({})) {
    let attempt = 0;
    const worker = recordingWorker('registry', input, (job) => answer(job, ++attempt));
    h = await createEngineHarness({ workers: [worker] });
    await h.deploy('jobs.bpmn');
    return worker;
  }

  it('retry(afterMs) twice, then complete: each retry waits for its backoff, retries count down 3, 2, 1', async () => {
    const worker = await run((_job, attempt) => (attempt < 3 ? retry(60_000, `registry busy (attempt ${attempt})`) : complete({ registryResult: 'registered' })));
    const key = await start(h, 'jobs', { applicationId: 'JP-1' });
    expect(worker.jobs).toHaveLength(1);

    await h.advance(59_999);
    expect(worker.jobs).toHaveLength(1);
    await h.advance(1);
    expect(worker.jobs).toHaveLength(2);
    await h.advance(59_999);
    expect(worker.jobs).toHaveLength(2);
    await h.advance(1);
    expect(worker.jobs.map((j) => j.retries)).toEqual([3, 2, 1]);

    const view = await h.instance(key);
    expect(view.state).toBe('COMPLETED');
    expect(await h.path(key)).toEqual(['jb_start', 'jb_register', 'jb_end']);
    expect(view.variables).toEqual({ applicationId: 'JP-1', registryStatus: 'registered' });
    expect(await h.engine.searchIncidents({ processInstanceKey: key })).toEqual([]);
  });

  it('a worker that always retries ends in a JOB_NO_RETRIES incident once the retries are used up', async () => {
    const worker = await run(() => retry(1000, 'registry down'));
    const key = await start(h, 'jobs', { applicationId: 'JP-2' });
    await h.advance('PT1S');
    await h.advance('PT1S');
    await h.advance('PT1H');
    expect(worker.jobs.map((j) => j.retries)).toEqual([3, 2, 1]);

    const view = await h.instance(key);
    expect(view.state).toBe('ACTIVE');
    expect(view.activeElementIds).toEqual(['jb_register']);
    expect(view.incidents).toHaveLength(1);
    expect(view.incidents[0]).toMatchObject({ errorType: 'JOB_NO_RETRIES', elementId: 'jb_register', errorMessage: 'registry down', state: 'ACTIVE' });
    expect(view.incidents[0]?.jobKey).toBe(worker.jobs[0]?.key);
    expect(view.variables).toEqual({ applicationId: 'JP-2' });
  });

  it('incident(msg) raises an incident at once; resolving it after the fix retries the job and the instance completes', async () => {
    let fixed = false;
    const worker = await run(() => (fixed ? complete({ registryResult: 'registered after fix' }) : incident('registry rejected the certificate format')));
    const key = await start(h, 'jobs', { applicationId: 'JP-3' });
    expect(worker.jobs).toHaveLength(1);
    await h.advance('PT1H');
    expect(worker.jobs).toHaveLength(1);

    const [raised] = await h.engine.searchIncidents({ processInstanceKey: key, state: 'ACTIVE' });
    expect(raised).toMatchObject({ errorType: 'JOB_NO_RETRIES', elementId: 'jb_register', errorMessage: 'registry rejected the certificate format' });

    fixed = true;
    await h.engine.resolveIncident(raised!.incidentKey);
    await h.settle();

    const view = await h.instance(key);
    expect(worker.jobs).toHaveLength(2);
    expect(view.state).toBe('COMPLETED');
    expect(await h.path(key)).toEqual(['jb_start', 'jb_register', 'jb_end']);
    expect(view.variables).toEqual({ applicationId: 'JP-3', registryStatus: 'registered after fix' });
    expect(await h.engine.searchIncidents({ processInstanceKey: key, state: 'ACTIVE' })).toEqual([]);
    expect((await h.engine.searchIncidents({ processInstanceKey: key }))[0]?.state).toBe('RESOLVED');
  });

  it('a handler that throws is retried with a backoff, not immediately', async () => {
    const worker = await run((_job, attempt) => {
      if (attempt < 3) throw new Error(`connection reset (attempt ${attempt})`);
      return complete({ registryResult: 'registered' });
    });
    const key = await start(h, 'jobs', { applicationId: 'JP-4' });
    expect(worker.jobs).toHaveLength(1);
    await h.settle();
    await h.advance(1);
    expect(worker.jobs, 'not retried at once').toHaveLength(1);
    expect((await h.instance(key)).activeElementIds).toEqual(['jb_register']);

    await h.advance('PT5M');
    expect(worker.jobs).toHaveLength(2);
    await h.advance('PT5M');
    expect(worker.jobs.map((j) => j.retries)).toEqual([3, 2, 1]);

    const view = await h.instance(key);
    expect(view.state).toBe('COMPLETED');
    expect(states(view)).toEqual(['jb_start:COMPLETED', 'jb_register:COMPLETED', 'jb_end:COMPLETED']);
    expect(view.variables).toEqual({ applicationId: 'JP-4', registryStatus: 'registered' });
  });

  it('job variables that fail the input schema raise an incident naming the field; the handler never runs', async () => {
    const worker = await run(() => complete({ registryResult: 'registered' }), Type.Object({ applicationId: Type.String({ pattern: '^JP-' }), year: Type.Integer() }));
    const key = await start(h, 'jobs', { applicationId: 'JP-5', year: '2026' });

    expect(worker.jobs).toHaveLength(0);
    const view = await h.instance(key);
    expect(view.state).toBe('ACTIVE');
    expect(view.activeElementIds).toEqual(['jb_register']);
    expect(view.incidents).toHaveLength(1);
    expect(view.incidents[0]?.elementId).toBe('jb_register');
    expect(view.incidents[0]?.errorMessage).toContain('/year');
    expect(view.incidents[0]?.errorMessage).not.toContain('/applicationId');
  });
});
