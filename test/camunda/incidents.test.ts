import { Type } from '@sinclair/typebox';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CamundaEngine } from '../../platform/engine/camunda/camunda-engine.ts';
import { complete, incident, retry, type JobOutcome } from '../../platform/engine/outcome.ts';
import { createWorkerRegistry, defineWorker } from '../../platform/engine/worker.ts';
import { adapterOnFake } from './adapter-setup.ts';
import { KEYS, activatedJob, element, incidentResult, page, processInstance, userTask, variable } from './responses.ts';

/**
 * Incidents on Camunda: listed with their case and job type, shown with the job and the variables
 * of every scope from the element up, the job given retries (Operate's "retry"), and each new
 * incident logged at error level with the case's business key.
 */
const ok = (json?: unknown) => ({ status: json === undefined ? 204 : 200, json });
const SUB = '2251799813685253';
const OTHER = '2251799813685257';

function job(overrides: Record<string, unknown> = {}) {
  return {
    customHeaders: {},
    elementId: 'checkCredit',
    elementInstanceKey: KEYS.elementInstance,
    errorMessage: '信用平台拒绝了证书格式 / the registry rejected the certificate format',
    hasFailedWithRetriesLeft: false,
    jobKey: KEYS.job,
    kind: 'BPMN_ELEMENT',
    listenerEventType: 'UNSPECIFIED',
    processDefinitionId: 'declaration',
    processDefinitionKey: KEYS.processDefinition,
    processInstanceKey: KEYS.instance,
    retries: 0,
    state: 'FAILED',
    tenantId: '<default>',
    type: 'check-credit',
    worker: 'jingpin-1',
    ...overrides,
  };
}

let running: CamundaEngine | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

describe('Camunda adapter: incidents', () => {
  it('searchIncidents: filters by process, error type and state; adds the business key and the job type', async () => {
    const { fake, engine } = adapterOnFake();
    fake
      .on('POST /v2/incidents/search', ok(page([incidentResult()])))
      .on('POST /v2/variables/search', ok(page([variable('businessKey', 'JP-2026-0042')])))
      .on('POST /v2/jobs/search', ok(page([job()])));
    const found = await engine.searchIncidents({ processDefinitionId: 'declaration', errorType: 'JOB_NO_RETRIES', state: 'ACTIVE' });
    expect(fake.seen('POST /v2/incidents/search')[0]?.body).toMatchObject({
      filter: { processDefinitionId: 'declaration', errorType: 'JOB_NO_RETRIES', state: 'ACTIVE' },
    });
    expect(fake.seen('POST /v2/jobs/search')[0]?.body).toMatchObject({ filter: { jobKey: { $in: [KEYS.job] } } });
    expect(found).toEqual([
      {
        incidentKey: KEYS.incident,
        processInstanceKey: KEYS.instance,
        processDefinitionId: 'declaration',
        businessKey: 'JP-2026-0042',
        elementId: 'checkCredit',
        elementInstanceKey: KEYS.elementInstance,
        jobKey: KEYS.job,
        jobType: 'check-credit',
        errorType: 'JOB_NO_RETRIES',
        errorMessage: '信用平台拒绝了证书格式 / the registry rejected the certificate format',
        state: 'ACTIVE',
        creationTime: '2026-03-02T01:05:00.000Z',
      },
    ]);
    expect(fake.unrouted).toEqual([]);
  });

  it('searchIncidents by business key: the case\'s instances first, then their incidents; none found asks nothing more', async () => {
    const { fake, engine } = adapterOnFake();
    fake
      .once('POST /v2/process-instances/search', ok(page([processInstance()])))
      .on('POST /v2/variables/search', ok(page([variable('businessKey', 'JP-2026-0042')])))
      .on('POST /v2/incidents/search', ok(page([incidentResult({ jobKey: undefined })])));
    const found = await engine.searchIncidents({ businessKey: 'JP-2026-0042' });
    expect(fake.seen('POST /v2/process-instances/search')[0]?.body).toMatchObject({ filter: { variables: [{ name: 'businessKey', value: '"JP-2026-0042"' }] } });
    expect(fake.seen('POST /v2/incidents/search')[0]?.body).toMatchObject({ filter: { processInstanceKey: KEYS.instance } });
    expect(found.map((i) => [i.businessKey, i.jobType])).toEqual([['JP-2026-0042', null]]);

    fake.once('POST /v2/process-instances/search', ok(page([])));
    expect(await engine.searchIncidents({ businessKey: 'JP-none' })).toEqual([]);
    expect(fake.seen('POST /v2/incidents/search')).toHaveLength(1);
    expect(fake.unrouted).toEqual([]);
  });

  it('getIncident: the job, and the variables of the element over its enclosing sub-process over the root', async () => {
    const { fake, engine } = adapterOnFake();
    fake
      .on(`GET /v2/incidents/${KEYS.incident}`, ok(incidentResult()))
      .on('POST /v2/jobs/search', ok(page([job()])))
      .on(
        'POST /v2/variables/search',
        ok(
          page([
            variable('businessKey', 'JP-2026-0042'),
            variable('score', 60),
            variable('city', '南京'),
            variable('score', 75, SUB),
            variable('certificate', 'ABC', KEYS.elementInstance),
            // A sibling branch's scope: not visible from the incident.
            variable('city', '苏州', OTHER),
          ]),
        ),
      )
      .on('POST /v2/element-instances/search', (request) => {
        const scope = (request.body as { filter: { elementInstanceScopeKey: string } }).filter.elementInstanceScopeKey;
        if (scope === SUB) return ok(page([element('checkCredit', 'SERVICE_TASK', 'ACTIVE', KEYS.elementInstance)]));
        return ok(page([element('notify', 'SERVICE_TASK', 'ACTIVE', '2251799813685258')]));
      });
    const detail = await engine.getIncident(KEYS.incident);
    expect(detail).toMatchObject({
      incidentKey: KEYS.incident,
      businessKey: 'JP-2026-0042',
      jobType: 'check-credit',
      job: { jobKey: KEYS.job, type: 'check-credit', retries: 0, state: 'FAILED', errorMessage: '信用平台拒绝了证书格式 / the registry rejected the certificate format' },
    });
    expect(detail.variables).toEqual({ score: 75, city: '南京', certificate: 'ABC' });
    expect(fake.unrouted).toEqual([]);
  });

  it('getUserTaskVariables: the task\'s own scope over its enclosing sub-process over the root (one objection\'s handling)', async () => {
    const { fake, engine } = adapterOnFake();
    fake
      .on(`GET /v2/user-tasks/${KEYS.userTask}`, ok(userTask({ elementId: 'decideObjection' })))
      .on(
        'POST /v2/variables/search',
        ok(page([variable('businessKey', 'JP-2026-0042'), variable('objectionId', 2), variable('objectionId', 1, SUB), variable('objectionId', 3, OTHER)])),
      )
      .on('POST /v2/element-instances/search', (request) => {
        const scope = (request.body as { filter: { elementInstanceScopeKey: string } }).filter.elementInstanceScopeKey;
        if (scope === SUB) return ok(page([element('decideObjection', 'USER_TASK', 'ACTIVE', KEYS.elementInstance)]));
        return ok(page([element('decideObjection', 'USER_TASK', 'ACTIVE', '2251799813685258')]));
      });
    expect(await engine.getUserTaskVariables(KEYS.userTask)).toEqual({ objectionId: 1 });
    expect(fake.unrouted).toEqual([]);
  });

  it('getIncident: an incident without an element instance sees the root only; an unknown key is not found', async () => {
    const { fake, engine } = adapterOnFake();
    fake
      .on(`GET /v2/incidents/${KEYS.incident}`, ok(incidentResult({ elementInstanceKey: undefined, jobKey: undefined, errorType: 'CALLED_ELEMENT_ERROR' })))
      .on('POST /v2/variables/search', ok(page([variable('score', 60), variable('note', 'x', KEYS.elementInstance)])));
    const detail = await engine.getIncident(KEYS.incident);
    expect(detail).toMatchObject({ job: null, jobType: null, businessKey: null, variables: { score: 60 } });
    await expect(engine.getIncident('not-a-key')).rejects.toMatchObject({ name: 'EngineNotFoundError' });
    expect(fake.unrouted).toEqual([]);
  });

  it('updateJobRetries: PATCH /v2/jobs/{key} with changeset.retries; fewer than 1 or not an integer is refused before any request', async () => {
    const { fake, engine } = adapterOnFake();
    fake.on(`PATCH /v2/jobs/${KEYS.job}`, ok());
    await engine.updateJobRetries(KEYS.job, 3);
    expect(fake.seen(`PATCH /v2/jobs/${KEYS.job}`).map((r) => r.body)).toEqual([{ changeset: { retries: 3 } }]);
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      await expect(engine.updateJobRetries(KEYS.job, bad)).rejects.toMatchObject({ name: 'EngineInputError', message: expect.stringMatching(/^retries 必须是不小于 1 的整数/) });
    }
    expect(fake.seen(`PATCH /v2/jobs/${KEYS.job}`)).toHaveLength(1);
  });

  it('resolveIncident keeps the retries a retry just gave the job; a job with none gets one', async () => {
    const { fake, engine } = adapterOnFake();
    fake
      .on(`GET /v2/incidents/${KEYS.incident}`, ok(incidentResult()))
      .once('POST /v2/jobs/search', ok(page([job({ retries: 3 })])))
      .on(`PATCH /v2/jobs/${KEYS.job}`, ok())
      .on(`POST /v2/incidents/${KEYS.incident}/resolution`, ok());
    await engine.resolveIncident(KEYS.incident);
    expect(fake.seen(`PATCH /v2/jobs/${KEYS.job}`)).toHaveLength(0);
    fake.once('POST /v2/jobs/search', ok(page([job({ retries: 0 })])));
    await engine.resolveIncident(KEYS.incident);
    expect(fake.seen(`PATCH /v2/jobs/${KEYS.job}`).map((r) => r.body)).toEqual([{ changeset: { retries: 1 } }]);
    expect(fake.seen(`POST /v2/incidents/${KEYS.incident}/resolution`)).toHaveLength(2);
  });
});

describe('Camunda job poller: each new incident is logged at error level with the case', () => {
  async function runOnce(outcome: JobOutcome, retries: number) {
    const setup = adapterOnFake();
    running = setup.engine;
    setup.fake
      .once('POST /v2/jobs/activation', ok({ jobs: [activatedJob('check-credit', { businessKey: 'JP-2026-0042' }, { retries })] }))
      .on('POST /v2/jobs/activation', { status: 200, json: { jobs: [] }, delayMs: 40 })
      .on(`POST /v2/jobs/${KEYS.job}/failure`, ok())
      .on(`POST /v2/jobs/${KEYS.job}/completion`, ok());
    await setup.engine.startWorkers(
      createWorkerRegistry([defineWorker({ taskType: 'check-credit', description: 'x', input: Type.Object({}), handler: async () => outcome })]),
    );
    await vi.waitFor(() => expect(setup.fake.requests.some((r) => r.path.startsWith(`/v2/jobs/${KEYS.job}/`))).toBe(true), { timeout: 2000 });
    await setup.engine.stop();
    running = undefined;
    return setup.log.lines.filter((l) => l.level === 'error');
  }

  it('incident(msg): one error line naming the business key, process, element, error type and message', async () => {
    const lines = await runOnce(incident('证书格式错误 / bad certificate format'), 3);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.fields).toMatchObject({
      businessKey: 'JP-2026-0042',
      processDefinitionId: 'declaration',
      elementId: 'checkCredit',
      errorType: 'JOB_NO_RETRIES',
      errorMessage: '证书格式错误 / bad certificate format',
      jobKey: KEYS.job,
    });
    expect(lines[0]!.message).toBe(
      '流程事件：JP-2026-0042 停在 declaration/checkCredit（JOB_NO_RETRIES）：证书格式错误 / bad certificate format / incident: JP-2026-0042 is stuck at declaration/checkCredit (JOB_NO_RETRIES): 证书格式错误 / bad certificate format',
    );
  });

  it('the last retry used up raises (and logs) an incident; a retry with retries left and a completion log nothing', async () => {
    expect(await runOnce(retry(1000, 'registry down'), 1)).toHaveLength(1);
    expect(await runOnce(retry(1000, 'registry down'), 2)).toHaveLength(0);
    expect(await runOnce(complete(), 1)).toHaveLength(0);
  });
});
