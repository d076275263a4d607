import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eligibleFacts } from '../../bin/demo/facts.ts';
import { createApiHarness, E1, type ApiHarness } from './api-harness.ts';

/**
 * Issue 9, item 1, as a person meets it: an action accepted while its task was still open, but
 * applied after an earlier action had ended the case, is not dropped silently; the case's status
 * says it did not apply and why.
 */
let t: ApiHarness;

beforeAll(async () => {
  t = await createApiHarness();
  await t.c.driver.openCampaign(2023);
}, 60_000);
afterAll(() => t.close());

describe('an action that no longer applied', () => {
  it('is listed in the status with the reason: a county check completed just after the enterprise withdrew', async () => {
    const { number } = await t.c.driver.submit({
      campaignYear: 2023,
      enterpriseId: E1,
      productName: '撤回中的申报 / being withdrawn',
      category: 'MANUFACTURING',
      channel: 'COUNTY',
      facts: eligibleFacts('MANUFACTURING', 2023, 1),
      submittedBy: E1,
    });
    const county = await t.as('county_office', '320102');
    const enterprise = await t.as('enterprise', E1);
    const tasks = (await t.app.inject({ method: 'GET', url: '/tasks', headers: county.headers })).json() as { key: string; elementId: string; businessKey: string }[];
    const task = tasks.find((x) => x.businessKey === number && x.elementId === 'countyCheck');
    expect(task).toBeDefined();

    // The enterprise withdraws; before the engine has ended the case, the county completes its check.
    const withdrawn = await t.app.inject({ method: 'POST', url: `/declarations/${number}/withdraw`, headers: enterprise.headers, payload: { reason: '企业决定撤回 / the enterprise withdraws' } });
    expect(withdrawn.statusCode, withdrawn.body).toBeLessThan(300);
    await t.app.inject({ method: 'POST', url: `/tasks/${task!.key}/claim`, headers: county.headers });
    const completed = await t.app.inject({ method: 'POST', url: `/tasks/${task!.key}/complete`, headers: county.headers, payload: { recommended: true, reason: '材料齐全 / complete' } });
    expect(completed.statusCode, completed.body).toBe(200);
    await t.settle();

    const status = await t.app.inject({ method: 'GET', url: `/declarations/${number}/status`, headers: county.headers });
    expect(status.statusCode, status.body).toBe(200);
    expect(status.json().outcome).toBe('WITHDRAWN');
    expect(status.json().rejected).toEqual([
      {
        kind: 'completeUserTask',
        userTaskKey: task!.key,
        acceptedAt: expect.stringMatching(/\+08:00$/),
        rejectedAt: expect.stringMatching(/\+08:00$/),
        reason: expect.stringMatching(/^流程实例已结束 \/ process instance \d+ is TERMINATED$/),
      },
    ]);
  });

  it('answers one of 50 concurrent completions of one task with 200 and every other with 409 naming its state, whoever asked first', async () => {
    const { number } = await t.c.driver.submit({
      campaignYear: 2023,
      enterpriseId: E1,
      productName: '五十次完成 / completed fifty times',
      category: 'MANUFACTURING',
      channel: 'COUNTY',
      facts: eligibleFacts('MANUFACTURING', 2023, 2),
      submittedBy: E1,
    });
    const county = await t.as('county_office', '320102');
    const tasks = (await t.app.inject({ method: 'GET', url: '/tasks', headers: county.headers })).json() as { key: string; elementId: string; businessKey: string }[];
    const task = tasks.find((x) => x.businessKey === number && x.elementId === 'countyCheck')!;
    const complete = () =>
      t.app.inject({ method: 'POST', url: `/tasks/${task.key}/complete`, headers: county.headers, payload: { recommended: true, reason: '材料齐全 / complete' } });
    const answers = await Promise.all(Array.from({ length: 50 }, complete));
    const codes = answers.map((a) => a.statusCode).sort();
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(49);
    for (const answer of answers.filter((a) => a.statusCode === 409)) expect(answer.json().detail).toMatch(/任务.*(正在完成|已结束|已由)/);
    // After the engine has applied it, a late repeat still answers 409 with the task's state.
    await t.settle();
    const late = await complete();
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toMatch(/^任务已完成 \/ task \d+ is COMPLETED$/);
  });
});
