import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eligibleFacts } from '../../bin/demo/facts.ts';
import { createApiHarness, E1, E2, type ApiHarness } from './api-harness.ts';
import type { SignedIn } from './sign-in.ts';

/**
 * A case stuck on an incident, seen and fixed through the API: the campaign's timetable is
 * missing when a declaration is scheduled (its job raises an incident), the status says so, the
 * provincial office finds the incident, reads its variables, edits one, restores the timetable and
 * retries; another case's incident is resolved, a third case is cancelled. Every fix is audited.
 */
let t: ApiHarness;
let province: SignedIn;
let timetable: unknown;

beforeAll(async () => {
  t = await createApiHarness();
  timetable = await t.c.driver.openCampaign(2023);
  // The scheduling job reads the timetable: without it, the job raises an incident.
  await t.c.h.db.pool.query(`UPDATE campaigns SET timetable = '{}' WHERE year = 2023`);
  province = await t.as('provincial_office');
}, 60_000);
afterAll(() => t.close());

async function submitStuck(enterpriseId: string, productName: string): Promise<string> {
  const submitted = await t.c.driver.submit({
    campaignYear: 2023,
    enterpriseId,
    productName,
    category: 'MANUFACTURING',
    channel: 'COUNTY',
    facts: eligibleFacts('MANUFACTURING', 2023, 1),
    submittedBy: enterpriseId,
  });
  return submitted.number;
}

const call = (method: 'GET' | 'PUT' | 'POST', url: string, payload?: object, user: SignedIn = province) =>
  t.app.inject({ method, url, headers: user.headers, ...(payload ? { payload } : {}) });

interface IncidentJson {
  incidentKey: string;
  elementId: string;
  errorType: string;
  errorMessage: string;
  jobType: string | null;
  businessKey: string;
  creationTime: string;
}

describe('incidents through the API', () => {
  it('the status shows the incident; the office lists, shows, edits variables and retries; the case moves on; each fix is audited', async () => {
    const number = await submitStuck(E1, '卡住的申报 / stuck');

    const status = await call('GET', `/declarations/${number}/status`);
    expect(status.statusCode, status.body).toBe(200);
    expect(status.json().waiting).toEqual([]);
    expect(status.json().incidents).toEqual([
      {
        incidentKey: expect.stringMatching(/^\d+$/),
        elementId: 'schedule',
        errorType: 'JOB_NO_RETRIES',
        errorMessage: expect.stringContaining('the 2023 campaign is not open'),
        since: '2023-03-20T09:00:00+08:00',
      },
    ]);
    const incidentKey: string = status.json().incidents[0].incidentKey;

    const listed = await call('GET', `/incidents?businessKey=${number}&state=ACTIVE`);
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json()).toEqual([
      // The embedded engine has no Operate to link to (operate-link.test.ts covers Camunda).
      expect.objectContaining({ incidentKey, businessKey: number, processDefinitionId: 'declaration', elementId: 'schedule', jobType: 'schedule-declaration', state: 'ACTIVE', creationTime: '2023-03-20T09:00:00+08:00', operateUrl: null }),
    ]);
    // The element's name in the model, Chinese first, for the incident desk.
    expect(listed.json()[0].elementName).toBe('安排期限 / Schedule the deadlines');
    expect((await call('GET', '/incidents?errorType=EXTRACT_VALUE_ERROR')).json()).toEqual([]);
    expect((await call('GET', '/incidents?processDefinitionId=annual-campaign')).json()).toEqual([]);
    expect((await call('GET', '/incidents?state=RESOLVED')).json()).toEqual([]);

    const shown = await call('GET', `/incidents/${incidentKey}`);
    expect(shown.statusCode, shown.body).toBe(200);
    expect(shown.json().job).toMatchObject({ type: 'schedule-declaration', retries: 0, state: 'FAILED' });
    expect(shown.json().variables).toMatchObject({ declarationNumber: number, campaignYear: 2023 });

    const edited = await call('PUT', `/incidents/${incidentKey}/variables`, { variables: { officeNote: '时间表已补 / timetable restored' }, reason: '补充说明 / add a note' });
    expect(edited.statusCode, edited.body).toBe(202);
    expect(edited.json()).toEqual({ incidentKey, processInstanceKey: expect.any(String), action: 'variables-edited' });
    await t.settle();
    expect((await call('GET', `/incidents/${incidentKey}`)).json().variables).toMatchObject({ officeNote: '时间表已补 / timetable restored' });

    await t.c.h.db.pool.query(`UPDATE campaigns SET timetable = $1 WHERE year = 2023`, [JSON.stringify(timetable)]);
    const retried = await call('POST', `/incidents/${incidentKey}/retry`, { retries: 2, reason: '时间表已恢复 / the timetable is back' });
    expect(retried.statusCode, retried.body).toBe(202);
    await t.settle();

    const after = (await call('GET', `/declarations/${number}/status`)).json();
    expect(after.incidents).toEqual([]);
    expect(after.waiting.map((w: { elementId: string }) => w.elementId)).toEqual(['countyCheck']);
    expect(after.trail.filter((e: { action: string }) => e.action.startsWith('incident.'))).toEqual([
      expect.objectContaining({ actor: province.username, role: 'provincial_office', action: 'incident.variables-edited', reason: '补充说明 / add a note' }),
      expect.objectContaining({ actor: province.username, role: 'provincial_office', action: 'incident.retried', reason: '时间表已恢复 / the timetable is back' }),
    ]);
    const { rows } = await t.c.h.db.pool.query(`SELECT detail FROM audit_log WHERE action = 'incident.retried' AND subject_id = $1`, [number]);
    expect(rows[0].detail).toMatchObject({ incidentKey, jobKey: expect.any(String), retries: 2, errorType: 'JOB_NO_RETRIES', elementId: 'schedule' });

    // The incident is resolved now: fixing it again is a conflict.
    const again = await call('POST', `/incidents/${incidentKey}/retry`, { reason: '再试 / again' });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toMatch(/^事件已解决 \/ incident \d+ is already resolved$/);
    await t.c.h.db.pool.query(`UPDATE campaigns SET timetable = '{}' WHERE year = 2023`);
  });

  it('resolve tries again (here the fault remains, so a new incident follows); cancel ends the case\'s instance', async () => {
    const first = await submitStuck(E2, '解决 / resolve');
    const [held] = (await call('GET', `/incidents?businessKey=${first}&state=ACTIVE`)).json() as IncidentJson[];
    const resolved = await call('POST', `/incidents/${held!.incidentKey}/resolution`, { reason: '试一次 / try once more' });
    expect(resolved.statusCode, resolved.body).toBe(202);
    await t.settle();
    const now = (await call('GET', `/incidents?businessKey=${first}`)).json() as (IncidentJson & { state: string })[];
    expect(now.map((i) => i.state).sort()).toEqual(['ACTIVE', 'RESOLVED']);

    const active = now.find((i) => i.state === 'ACTIVE')!;
    const cancelled = await call('POST', `/incidents/${active.incidentKey}/cancellation`, { reason: '企业放弃 / the enterprise gave up' });
    expect(cancelled.statusCode, cancelled.body).toBe(202);
    await t.settle();
    const instance = await t.c.h.engine.getInstance(cancelled.json().processInstanceKey);
    expect(instance.state).toBe('TERMINATED');
    expect((await call('GET', `/incidents?businessKey=${first}&state=ACTIVE`)).json()).toEqual([]);
    const { rows } = await t.c.h.db.pool.query(`SELECT action, reason FROM audit_log WHERE subject_id = $1 AND action LIKE 'incident.%' ORDER BY id`, [first]);
    expect(rows).toEqual([
      { action: 'incident.resolved', reason: '试一次 / try once more' },
      { action: 'incident.instance-cancelled', reason: '企业放弃 / the enterprise gave up' },
    ]);
  });

  it('bad input is refused naming the field, and changes nothing', async () => {
    const number = await submitStuck(E1, '坏输入 / bad input');
    const [held] = (await call('GET', `/incidents?businessKey=${number}&state=ACTIVE`)).json() as IncidentJson[];
    const key = held!.incidentKey;
    const fieldsOf = (body: string) => (JSON.parse(body) as { errors: { in: string; field: string }[] }).errors.map((e) => `${e.in}${e.field}`);

    const cases: Array<[string, 'GET' | 'PUT' | 'POST', string, object | undefined, string]> = [
      ['errorType', 'GET', '/incidents?errorType=bad', undefined, 'querystring/errorType'],
      ['state', 'GET', '/incidents?state=OPEN', undefined, 'querystring/state'],
      ['reason missing', 'POST', `/incidents/${key}/retry`, {}, 'body/reason'],
      ['reason blank', 'POST', `/incidents/${key}/resolution`, { reason: '   ' }, 'body/reason'],
      ['retries 0', 'POST', `/incidents/${key}/retry`, { retries: 0, reason: 'x' }, 'body/retries'],
      ['no variables', 'PUT', `/incidents/${key}/variables`, { variables: {}, reason: 'x' }, 'body/variables'],
      ['business key', 'PUT', `/incidents/${key}/variables`, { variables: { businessKey: 'JP-x' }, reason: 'x' }, 'body/variables/businessKey'],
      ['key', 'GET', '/incidents/abc', undefined, 'params/incidentKey'],
    ];
    for (const [label, method, url, payload, field] of cases) {
      const response = await call(method, url, payload);
      expect(response.statusCode, `${label}: ${response.body}`).toBe(400);
      expect(fieldsOf(response.body), label).toContain(field);
    }
    expect((await call('GET', '/incidents/12345')).statusCode).toBe(404);
    // Nothing was done: the incident is still active, its job still without retries, nothing audited.
    expect((await call('GET', `/incidents/${key}`)).json()).toMatchObject({ state: 'ACTIVE', job: { retries: 0 } });
    const { rowCount } = await t.c.h.db.pool.query(`SELECT 1 FROM audit_log WHERE subject_id = $1 AND action LIKE 'incident.%'`, [number]);
    expect(rowCount).toBe(0);
    // Only the provincial office may look.
    expect((await call('GET', `/incidents/${key}`, undefined, await t.as('city_office', '320100'))).statusCode).toBe(403);
  });
});
