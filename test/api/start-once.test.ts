import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eligibleFacts } from '../../bin/demo/facts.ts';
import { createApiHarness, E1, type ApiHarness } from './api-harness.ts';

/**
 * One case per business key, under concurrent requests through the HTTP API (issue 9, item 7):
 * the requests really overlap (app.inject runs each handler on the event loop, so their database
 * calls interleave), and the engine is the embedded one on PostgreSQL.
 */
let t: ApiHarness;
beforeEach(async () => {
  t = await createApiHarness();
});
afterEach(() => t.close());

async function instancesOf(processId: string): Promise<{ key: string; business_key: string | null }[]> {
  const { rows } = await t.c.h.db.pool.query<{ key: string; business_key: string | null }>(
    'SELECT key::text, business_key FROM engine_instances WHERE process_id = $1 ORDER BY key',
    [processId],
  );
  return rows;
}

describe('start once per business key, through the HTTP API', () => {
  it('50 concurrent submissions of one draft give one declaration and one case, and every caller the same answer', async () => {
    await t.c.driver.openCampaign(2023);
    const enterprise = await t.as('enterprise', E1);
    const draft = await t.app.inject({
      method: 'POST',
      url: '/declarations',
      headers: enterprise.headers,
      payload: { campaignYear: 2023, productName: '高强度螺栓 / high-strength bolts', category: 'MANUFACTURING', facts: eligibleFacts('MANUFACTURING', 2023, 1) },
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const id: number = draft.json().id;

    const answers = await Promise.all(
      Array.from({ length: 50 }, () => t.app.inject({ method: 'POST', url: `/declarations/drafts/${id}/submit`, headers: enterprise.headers })),
    );
    await t.settle();

    const cases = await instancesOf('declaration');
    expect(cases).toEqual([{ key: expect.any(String), business_key: 'JP-2023-320100-0001' }]);
    for (const answer of answers) expect(answer.statusCode, answer.body).toBe(201);
    const bodies = answers.map((a) => a.json<{ number: string; processInstanceKey: string }>());
    expect(new Set(bodies.map((b) => b.number))).toEqual(new Set(['JP-2023-320100-0001']));
    expect(new Set(bodies.map((b) => b.processInstanceKey))).toEqual(new Set([cases[0]!.key]));
    const { rows } = await t.c.h.db.pool.query('SELECT number, process_instance_key FROM declarations');
    expect(rows).toEqual([{ number: 'JP-2023-320100-0001', process_instance_key: cases[0]!.key }]);
    const audit = await t.c.h.db.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'declaration.submitted'`);
    expect(audit.rows[0].n).toBe(1);
  });

  it('20 concurrent openings of one year start one campaign, and every caller gets that case', async () => {
    const province = await t.as('provincial_office');
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => t.app.inject({ method: 'POST', url: '/campaigns', headers: province.headers, payload: { year: 2024, noticeNumber: '苏质委办〔2024〕1号' } })),
    );
    await t.settle();

    const cases = await instancesOf('annual-campaign');
    expect(cases).toEqual([{ key: expect.any(String), business_key: '2024' }]);
    for (const answer of answers) expect(answer.statusCode, answer.body).toBe(202);
    expect(new Set(answers.map((a) => a.json().processInstanceKey))).toEqual(new Set([cases[0]!.key]));
    const campaign = await t.app.inject({ method: 'GET', url: '/campaigns/2024', headers: province.headers });
    expect(campaign.json()).toMatchObject({ year: 2024, status: 'OPEN', noticeNumber: '苏质委办〔2024〕1号' });
  });

  it('opening a year again with another notice number is refused (409) and starts nothing', async () => {
    const province = await t.as('provincial_office');
    const first = await t.app.inject({ method: 'POST', url: '/campaigns', headers: province.headers, payload: { year: 2024, noticeNumber: '苏质委办〔2024〕1号' } });
    expect(first.statusCode, first.body).toBe(202);
    await t.settle();
    const again = await t.app.inject({ method: 'POST', url: '/campaigns', headers: province.headers, payload: { year: 2024, noticeNumber: '苏质委办〔2024〕9号' } });
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json().detail).toBe('2024 年度已开启，不能以不同的请求再次开启 / the 2024 campaign exists already; it cannot be opened again with a different request');
    expect(await instancesOf('annual-campaign')).toHaveLength(1);
  });
});
