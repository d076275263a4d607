import { Type } from '@sinclair/typebox';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../platform/engine/clock.ts';
import { createEngine } from '../../platform/engine/index.ts';
import type { RaisedIncident } from '../../platform/engine/incident-log.ts';
import { complete, incident } from '../../platform/engine/outcome.ts';
import { createWorkerRegistry } from '../../platform/engine/worker.ts';
import { createLogger } from '../../platform/log.ts';
import { createEngineHarness, type EngineHarness } from '../engine-harness.ts';
import { createTestSchema } from '../pg.ts';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { close, completeTask, fetch, recordingWorker, settle, start } from './helpers.ts';

/**
 * Incidents on the embedded engine as an office sees and fixes them: listed by process, business
 * key, error type and state; shown with the job and the variables in the incident's scope; the
 * job given retries and the incident resolved; and each new incident reported (and, in
 * production's wiring, logged at error level) with the case's business key.
 */
describe('incidents: see and fix', () => {
  let h: EngineHarness;
  const raised: RaisedIncident[] = [];
  let fixed = false;
  const quote = recordingWorker('quote', fetch('doubled', 'plusOne', 'name', 'base', 'customer'), () =>
    fixed ? complete({ premium: 99 }) : incident('报价系统拒绝 / the rating system refused the quote'),
  );
  const audit = recordingWorker('audit', Type.Object({}));

  async function setUp() {
    raised.length = 0;
    quote.jobs.length = 0;
    fixed = false;
    h = await createEngineHarness({ workers: [quote, audit], onIncident: (i) => raised.push(i) });
    await h.deploy('mappings.bpmn', 'gateways.bpmn');
  }
  afterEach(() => close(h));

  it('a job incident: listed with its case and job type, shown with the job and the variables in its scope, reported once', async () => {
    await setUp();
    const key = await start(h, 'io-mappings', { base: 10, customer: { name: 'Li Hua' } }, 'JP-2026-0042');
    await start(h, 'io-mappings', { base: 1, customer: { name: 'Wang Fang' } }, 'JP-2026-0043');

    const mine = await h.engine.searchIncidents({ businessKey: 'JP-2026-0042' });
    expect(mine).toEqual([
      {
        incidentKey: expect.stringMatching(/^\d+$/),
        processInstanceKey: key,
        processDefinitionId: 'io-mappings',
        businessKey: 'JP-2026-0042',
        elementId: 'quote',
        elementInstanceKey: quote.jobs[0]!.elementInstanceKey,
        jobKey: quote.jobs[0]!.key,
        jobType: 'quote',
        errorType: 'JOB_NO_RETRIES',
        errorMessage: '报价系统拒绝 / the rating system refused the quote',
        state: 'ACTIVE',
        creationTime: '2026-03-02T01:00:00.000Z',
      },
    ]);
    expect(await h.engine.searchIncidents({ processDefinitionId: 'io-mappings', errorType: 'JOB_NO_RETRIES', state: 'ACTIVE' })).toHaveLength(2);
    expect(await h.engine.searchIncidents({ processDefinitionId: 'gw-incident' })).toEqual([]);
    expect(await h.engine.searchIncidents({ errorType: 'EXTRACT_VALUE_ERROR' })).toEqual([]);
    expect(await h.engine.searchIncidents({ state: 'RESOLVED' })).toEqual([]);
    expect(await h.engine.searchIncidents({ processInstanceKey: 'not-a-key' })).toEqual([]);

    const detail = await h.engine.getIncident(mine[0]!.incidentKey);
    expect(detail.job).toEqual({ jobKey: quote.jobs[0]!.key, type: 'quote', retries: 0, errorMessage: '报价系统拒绝 / the rating system refused the quote', state: 'FAILED' });
    // The task's input mappings (its local scope) over the root.
    expect(detail.variables).toEqual({ base: 10, customer: { name: 'Li Hua' }, doubled: 20, plusOne: 21, name: 'Li Hua' });

    expect(raised.map((r) => [r.businessKey, r.processDefinitionId, r.elementId, r.errorType, r.errorMessage])).toEqual([
      ['JP-2026-0042', 'io-mappings', 'quote', 'JOB_NO_RETRIES', '报价系统拒绝 / the rating system refused the quote'],
      ['JP-2026-0043', 'io-mappings', 'quote', 'JOB_NO_RETRIES', '报价系统拒绝 / the rating system refused the quote'],
    ]);
    expect(raised[0]!.incidentKey).toBe(mine[0]!.incidentKey);
  });

  it('retry: the job is given retries, the incident resolved, and the handler runs with those retries', async () => {
    await setUp();
    const key = await start(h, 'io-mappings', { base: 10, customer: { name: 'Li Hua' } }, 'JP-2026-0042');
    const [held] = await h.engine.searchIncidents({ processInstanceKey: key, state: 'ACTIVE' });
    fixed = true;
    await h.engine.updateJobRetries(held!.jobKey!, 3);
    expect((await h.engine.getIncident(held!.incidentKey)).job?.retries).toBe(3);
    await h.engine.resolveIncident(held!.incidentKey);
    await settle(h);

    expect(quote.jobs.map((j) => j.retries)).toEqual([3, 3]);
    expect((await h.instance(key)).state).toBe('COMPLETED');
    expect(await h.engine.searchIncidents({ businessKey: 'JP-2026-0042', state: 'RESOLVED' })).toHaveLength(1);
    expect(raised).toHaveLength(1);
    // The job has ended: it cannot be given retries any more.
    await expect(h.engine.updateJobRetries(held!.jobKey!, 1)).rejects.toMatchObject({ name: 'EngineConflictError' });
  });

  it('refuses bad retries, unknown jobs and unknown incidents, naming what is wrong', async () => {
    await setUp();
    const key = await start(h, 'io-mappings', { base: 10, customer: { name: 'Li Hua' } });
    const [held] = await h.engine.searchIncidents({ processInstanceKey: key });
    for (const bad of [0, -2, 2.5, Number.NaN]) {
      await expect(h.engine.updateJobRetries(held!.jobKey!, bad)).rejects.toMatchObject({ name: 'EngineInputError', message: expect.stringMatching(/^retries 必须是不小于 1 的整数/) });
    }
    expect((await h.engine.getIncident(held!.incidentKey)).job?.retries).toBe(0);
    await expect(h.engine.updateJobRetries('123', 2)).rejects.toMatchObject({ name: 'EngineNotFoundError', message: '作业不存在 / no job 123' });
    await expect(h.engine.updateJobRetries('x', 2)).rejects.toMatchObject({ name: 'EngineNotFoundError' });
    await expect(h.engine.getIncident('123')).rejects.toMatchObject({ name: 'EngineNotFoundError', message: '事件不存在 / no incident 123' });
    await expect(h.engine.getIncident('x')).rejects.toMatchObject({ name: 'EngineNotFoundError' });
  });

  it('an incident without a job (a gateway condition failed): no job, the variables of its scope, reported with its element', async () => {
    await setUp();
    const key = await start(h, 'gw-incident', {}, 'JP-2026-0050');
    await completeTask(h, key, 'prepare', { approved: 'yes', score: 10 });
    const [held] = await h.engine.searchIncidents({ businessKey: 'JP-2026-0050', errorType: 'EXTRACT_VALUE_ERROR' });
    expect(held).toMatchObject({ elementId: 'decide', jobKey: null, jobType: null, businessKey: 'JP-2026-0050', processDefinitionId: 'gw-incident' });
    const detail = await h.engine.getIncident(held!.incidentKey);
    expect(detail).toMatchObject({ job: null, variables: { approved: 'yes', score: 10 } });
    expect(raised).toEqual([expect.objectContaining({ incidentKey: held!.incidentKey, businessKey: 'JP-2026-0050', elementId: 'decide', errorType: 'EXTRACT_VALUE_ERROR' })]);
  });
});

describe('incidents: production wiring logs each new one at error level', () => {
  it('createEngine hands new incidents to the logger, with business key, process, element, error type and message', async () => {
    const db = await createTestSchema({ migrate: true });
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
    const engine = createEngine({ ...db.config, ENGINE: 'embedded', ENGINE_SCHEDULER_INTERVAL_MS: 50 }, { pool: db.pool, clock: systemClock, onError: () => undefined, logger });
    try {
      const models = path.join(import.meta.dirname, '..', 'models');
      await engine.deploy([{ name: 'jobs.bpmn', content: await readFile(path.join(models, 'jobs.bpmn'), 'utf8') }]);
      const worker = recordingWorker('registry', Type.Object({}), () => incident('证书格式错误 / bad certificate format'));
      await engine.startWorkers(createWorkerRegistry([worker]));
      await engine.startInstance({ processDefinitionId: 'jobs', businessKey: 'JP-2026-0042' });
      await vi.waitFor(() => expect(lines.filter((l) => l['incident'])).toHaveLength(1), { timeout: 5000 });
      const [line] = lines.filter((l) => l['incident']);
      expect(line).toMatchObject({
        level: 50,
        part: 'engine',
        businessKey: 'JP-2026-0042',
        processDefinitionId: 'jobs',
        elementId: 'jb_register',
        errorType: 'JOB_NO_RETRIES',
        errorMessage: '证书格式错误 / bad certificate format',
        msg: '流程事件：JP-2026-0042 停在 jobs/jb_register（JOB_NO_RETRIES）：证书格式错误 / bad certificate format / incident: JP-2026-0042 is stuck at jobs/jb_register (JOB_NO_RETRIES): 证书格式错误 / bad certificate format',
      });
    } finally {
      await engine.stop();
      await db.drop();
    }
  });
});
