import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eligibleFacts } from '../../bin/demo/facts.ts';
import { certifyAll, declare, expertReview, memberUnitsAnswer, recommend, startPublicity } from '../cycle/scenario-steps.ts';
import { memberUnits, smallDirectory } from '../cycle/directory.fixture.ts';
import { createApiHarness, E1, type ApiHarness } from './api-harness.ts';
import { multipart, pdf } from './multipart.ts';
import type { SignedIn } from './sign-in.ts';

let t: ApiHarness;
beforeEach(async () => {
  t = await createApiHarness();
});
afterEach(() => t.close());

async function openTask(user: SignedIn, elementId: string, businessKey: string) {
  const list = await t.app.inject({ method: 'GET', url: '/tasks', headers: user.headers });
  const task = (list.json() as { key: string; elementId: string; businessKey: string }[]).find((x) => x.elementId === elementId && x.businessKey === businessKey);
  expect(task, `${user.username} has ${elementId} for ${businessKey}`).toBeDefined();
  const opened = await t.app.inject({ method: 'GET', url: `/tasks/${task!.key}`, headers: user.headers });
  expect(opened.statusCode, opened.body).toBe(200);
  return opened.json();
}

describe('what reviewers see', () => {
  it('the county check, the city review and the case view show the facts, each rule\'s reason, the attachments and earlier opinions', async () => {
    const { driver } = t.c;
    await driver.openCampaign(2023);
    const n = await declare(driver, smallDirectory().enterprises[0]!, 2023, 1);
    await t.settle();
    const enterprise = await t.as('enterprise', E1);
    const form = multipart([{ name: 'kind', value: 'ATTACHMENT_1_DECLARATION_FORM' }, { name: 'file', filename: '申报书.pdf', contentType: 'application/pdf', data: pdf('form') }]);
    const upload = await t.app.inject({ method: 'POST', url: `/declarations/${n}/attachments`, payload: form.payload, headers: { ...enterprise.headers, ...form.headers } });
    expect(upload.statusCode, upload.body).toBe(201);

    const county = await t.as('county_office', '320102');
    const countyTask = await openTask(county, 'countyCheck', n);
    expect(countyTask.case.facts).toEqual(eligibleFacts('MANUFACTURING', 2023, 1));
    expect(countyTask.case.eligibility.outcome).toBe('ELIGIBLE_PENDING_REVIEW');
    const reasons = countyTask.case.eligibility.reasons as { rule: string; outcome: string; zh: string }[];
    expect(reasons.map((r) => r.rule)).toEqual(expect.arrayContaining(['D1', 'D2', 'D4', 'D5', 'D7', 'D8']));
    for (const r of reasons) expect(r.zh).toMatch(new RegExp(`^${r.rule}( 第\\d+行)?：.*\\p{Script=Han}`, 'u'));
    // The enterprise's own upload, beside the materials it came with (one file per kind it lists).
    expect(countyTask.case.attachments).toContainEqual(expect.objectContaining({ kind: 'ATTACHMENT_1_DECLARATION_FORM', fileName: '申报书.pdf' }));
    expect(countyTask.case.attachments.length).toBeGreaterThan(1);
    expect(countyTask.case.auditTrail.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['declaration.submitted', 'eligibility.eligible_pending_review', 'attachment.uploaded']),
    );
    expect(countyTask.correction).toBeUndefined();

    const complete = await t.app.inject({ method: 'POST', url: `/tasks/${countyTask.key}/claim`, headers: county.headers });
    expect(complete.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: `/tasks/${countyTask.key}/complete`, headers: county.headers, payload: { recommended: true, reason: '材料齐全，同意推荐 / complete' } })).statusCode).toBe(200);
    await t.settle();

    // The city sees the county's opinion among the earlier ones.
    const city = await t.as('city_office', '320100');
    const cityTask = await openTask(city, 'cityReview', n);
    expect(cityTask.case.recommendations).toEqual([expect.objectContaining({ level: 'COUNTY', recommended: true, reason: '材料齐全，同意推荐 / complete' })]);
    expect(cityTask.case.eligibility.reasons).toEqual(reasons);

    // The case view shows the same to everyone who sees the declaration.
    const view = await t.app.inject({ method: 'GET', url: `/declarations/${n}`, headers: enterprise.headers });
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json()).toMatchObject({ facts: countyTask.case.facts, eligibility: { outcome: 'ELIGIBLE_PENDING_REVIEW', reasons }, attachments: countyTask.case.attachments, objections: [] });
  });

  it('an expert\'s scoring task shows the case file of each declaration of his panel', async () => {
    const { c } = t;
    const timetable = await c.driver.openCampaign(2023);
    const n = await declare(c.driver, smallDirectory().enterprises[0]!, 2023, 1);
    await recommend(c.driver, [n]);
    await c.driver.advanceTo(timetable.citySubmissionDeadline);
    const { rows } = await c.h.db.pool.query<{ expert_id: string }>(`SELECT expert_id FROM panel_assignments WHERE declaration_number = $1 AND role = 'MEMBER' ORDER BY expert_id LIMIT 1`, [n]);
    const expert = await t.as('expert', rows[0]!.expert_id);
    const task = await openTask(expert, 'scoreDeclarations', '2023');
    expect(task.declarations).toEqual([n]);
    expect(task.cases).toEqual([expect.objectContaining({ number: n, facts: eligibleFacts('MANUFACTURING', 2023, 1), eligibility: expect.objectContaining({ outcome: 'ELIGIBLE_PENDING_REVIEW' }) })]);
    expect(task.cases[0].recommendations.map((r: { level: string }) => r.level)).toEqual(['COUNTY', 'CITY']);
  });

  it('the objection decision shows its own objection and who filed it; only the deciding office sees the objector', async () => {
    const { c } = t;
    const timetable = await c.driver.openCampaign(2023);
    const n = await declare(c.driver, smallDirectory().enterprises[0]!, 2023, 1);
    await recommend(c.driver, [n]);
    await expertReview(c.driver, timetable);
    await certifyAll(c.driver, [n]);
    await startPublicity(c, timetable);

    const filed = [];
    for (const [name, text] of [
      ['张三', '销量数据存疑 / doubtful sales figures'],
      ['李四', '近三年有质量违法记录 / a quality violation'],
    ] as const) {
      const response = await t.app.inject({ method: 'POST', url: `/publicity/${n}/objections`, payload: { objectorKind: 'PERSON', objectorName: name, contact: `${name}@example.cn`, text } });
      expect(response.statusCode, response.body).toBe(201);
      filed.push({ name, text });
    }
    await t.settle();

    const province = await t.as('provincial_office');
    const task = await openTask(province, 'decideObjection', n);
    expect(task.objection).toMatchObject({ text: filed[0]!.text, decision: null, objector: { kind: 'PERSON', name: '张三', contact: '张三@example.cn' } });
    expect(task.case.eligibility.reasons.length).toBeGreaterThan(0);
    expect(task.case.objections.map((o: { text: string }) => o.text)).toEqual(filed.map((f) => f.text));

    const list = await t.app.inject({ method: 'GET', url: `/objections?declaration=${n}`, headers: province.headers });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().map((o: { objector: { name: string } }) => o.objector.name)).toEqual(['张三', '李四']);
    const one = await t.app.inject({ method: 'GET', url: `/objections/${list.json()[1].id}`, headers: province.headers });
    expect(one.json()).toMatchObject({ declarationNumber: n, text: filed[1]!.text, objector: { contact: '李四@example.cn' } });

    // The enterprise objected to reads the objections, not who filed them; the objection routes are closed to it.
    const enterprise = await t.as('enterprise', E1);
    const view = await t.app.inject({ method: 'GET', url: `/declarations/${n}`, headers: enterprise.headers });
    expect(view.json().objections.map((o: { text: string; objector: unknown }) => [o.text, o.objector])).toEqual(filed.map((f) => [f.text, null]));
    expect(view.body).not.toContain('example.cn');
    expect((await t.app.inject({ method: 'GET', url: `/objections?declaration=${n}`, headers: enterprise.headers })).statusCode).toBe(403);

    // Deciding the first shows the second objection in the next task.
    expect((await t.app.inject({ method: 'POST', url: `/tasks/${task.key}/claim`, headers: province.headers })).statusCode).toBe(200);
    const done = await t.app.inject({ method: 'POST', url: `/tasks/${task.key}/complete`, headers: province.headers, payload: { objectionUpheld: false, objectionReason: '有审计报告佐证 / audited' } });
    expect(done.statusCode, done.body).toBe(200);
    await t.settle();
    const next = await openTask(province, 'decideObjection', n);
    expect(next.objection).toMatchObject({ text: filed[1]!.text, objector: { name: '李四' } });
    expect(next.case.objections[0]).toMatchObject({ decision: 'DISMISSED', decisionReason: '有审计报告佐证 / audited' });
  });

  it('a task comes with what the process prepared for its form (the unit asked, the candidates to tick), never an earlier answer', async () => {
    const { c } = t;
    const timetable = await c.driver.openCampaign(2023);
    const e = smallDirectory().enterprises[0]!;
    const n = await declare(c.driver, e, 2023, 1);
    await c.driver.completeAll('countyCheck', () => ({ recommended: true, reason: '县级理由 / the county\'s reason' }));
    // The county's answer is a variable the city's task sees; its form has a field of that name.
    const cityTask = await openTask(await t.as('city_office', '320100'), 'cityReview', n);
    expect((await c.h.engine.getUserTaskVariables(cityTask.key))['reason']).toBe('县级理由 / the county\'s reason');
    expect(cityTask.formData).toEqual({});
    await recommend(c.driver, [n]);
    await expertReview(c.driver, timetable);
    await certifyAll(c.driver, [n]);
    await c.driver.advanceTo(timetable.certificationDeadline);

    // One opinion task per member unit, for its own people: it names the unit, in the list and for the form.
    for (const { id, name } of memberUnits) {
      const unit = await t.as('member_unit', id);
      const list = (await t.app.inject({ method: 'GET', url: '/tasks', headers: unit.headers })).json() as { key: string; elementId: string; memberUnit?: { id: string; name: string } }[];
      const asked = list.filter((x) => x.elementId === 'giveMemberOpinion');
      expect(asked.map((x) => x.memberUnit)).toEqual([{ id, name }]);
      const opened = (await t.app.inject({ method: 'GET', url: `/tasks/${asked[0]!.key}`, headers: unit.headers })).json();
      expect(opened.formData).toEqual({ memberUnit: { id, name } });
      expect(opened.comprehensiveReview.candidates.map((x: { declarationNumber: string }) => x.declarationNumber)).toEqual([n]);
    }
    await memberUnitsAnswer(c.driver);

    // The office's list starts from every candidate proposed, its credit in words.
    const review = await openTask(await t.as('provincial_office'), 'decideProposedList', '2023');
    expect(review.formData).toEqual({ proposedList: [{ declarationNumber: n, enterpriseName: e.name, creditResult: '良好 / clean', proposed: true }] });
  });

  it('the credit decision shows the consultation: the adapter, and that nothing on record is NOT_CONSULTED, not clean', async () => {
    const { c } = t;
    const timetable = await c.driver.openCampaign(2023);
    const e = smallDirectory().enterprises[0]!;
    const n = await declare(c.driver, e, 2023, 1);
    await recommend(c.driver, [n]);
    await expertReview(c.driver, timetable);
    await c.h.db.pool.query('DELETE FROM credit_records WHERE enterprise_id = $1', [e.id]);
    await certifyAll(c.driver, [n]);

    const task = await openTask(await t.as('provincial_office'), 'decideCredit', n);
    expect(task.creditConsultation).toMatchObject({ result: 'NOT_CONSULTED', adapter: 'credit-records', sources: [], decision: null });
    expect(task.case).toBeDefined();
  });
});
