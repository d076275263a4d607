import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eligibleFacts } from '../../bin/demo/facts.ts';
import { beijingDateOf } from '../../domain/deadlines/beijing-time.ts';
import { addCalendarDays } from '../../domain/deadlines/iso-date.ts';
import { memberUnits } from '../cycle/directory.fixture.ts';
import { instituteJudgement } from '../cycle/scenario-steps.ts';
import { uploadDraftMaterials } from './draft-materials.ts';
import { createApiHarness, E1, E2, type ApiHarness } from './api-harness.ts';
import type { SignedIn } from './sign-in.ts';

let t: ApiHarness;
beforeEach(async () => {
  t = await createApiHarness();
});
afterEach(() => t.close());

interface TaskView {
  key: string;
  elementId: string;
  businessKey: string | null;
  dueDate: string | null;
  declarations?: string[];
}

async function inbox(user: SignedIn): Promise<TaskView[]> {
  const response = await t.app.inject({ method: 'GET', url: '/tasks', headers: user.headers });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

/** Completes the one task of `elementId` in the user's inbox (for `businessKey`), through the API. */
async function complete(user: SignedIn, elementId: string, businessKey: string, data: Record<string, unknown>): Promise<void> {
  const task = (await inbox(user)).find((x) => x.elementId === elementId && x.businessKey === businessKey);
  expect(task, `${user.username} has a ${elementId} task for ${businessKey}`).toBeDefined();
  const claimed = await t.app.inject({ method: 'POST', url: `/tasks/${task!.key}/claim`, headers: user.headers });
  expect(claimed.statusCode, claimed.body).toBe(200);
  const done = await t.app.inject({ method: 'POST', url: `/tasks/${task!.key}/complete`, headers: user.headers, payload: data });
  expect(done.statusCode, done.body).toBe(200);
  await t.settle();
}

async function stageOf(user: SignedIn, number: string): Promise<{ stage: string; outcome: string | null }> {
  const response = await t.app.inject({ method: 'GET', url: `/declarations/${number}`, headers: user.headers });
  expect(response.statusCode, response.body).toBe(200);
  const { stage, outcome } = response.json();
  return { stage, outcome };
}

describe('a whole declaration through the API alone', () => {
  it('goes from submission to announcement, each step taken by the role that owns it', async () => {
    const province = await t.as('provincial_office');
    const opened = await t.app.inject({ method: 'POST', url: '/campaigns', headers: province.headers, payload: { year: 2023 } });
    expect(opened.statusCode, opened.body).toBe(202);
    await t.settle();
    const campaign = (await t.app.inject({ method: 'GET', url: '/campaigns/2023', headers: province.headers })).json();
    expect(campaign).toMatchObject({ year: 2023, status: 'OPEN', timetable: { citySubmissionDeadline: expect.stringMatching(/\+08:00$/) } });

    // The enterprise drafts, corrects and submits; a member unit recommends a second enterprise.
    const enterprise = await t.as('enterprise', E1);
    const draft = await t.app.inject({
      method: 'POST',
      url: '/declarations',
      headers: enterprise.headers,
      payload: { campaignYear: 2023, productName: '草稿名', category: 'MANUFACTURING', facts: eligibleFacts('MANUFACTURING', 2023, 1) },
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const draftId = draft.json().id;
    const edited = await t.app.inject({ method: 'PATCH', url: `/declarations/drafts/${draftId}`, headers: enterprise.headers, payload: { productName: '高强度螺栓 / high-strength bolts' } });
    expect(edited.json()).toMatchObject({ productName: '高强度螺栓 / high-strength bolts', status: 'DRAFT' });
    await uploadDraftMaterials(t, enterprise, draftId, eligibleFacts('MANUFACTURING', 2023, 1));
    const submitted = await t.app.inject({ method: 'POST', url: `/declarations/drafts/${draftId}/submit`, headers: enterprise.headers, payload: {} });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const a: string = submitted.json().number;
    expect(a).toBe('JP-2023-320100-0001');
    const memberUnit = await t.as('member_unit', 'MU-GXT');
    const recommended = await t.app.inject({
      method: 'POST',
      url: '/declarations',
      headers: memberUnit.headers,
      payload: { campaignYear: 2023, enterpriseId: E2, productName: '精密轴承 / precision bearings', category: 'MANUFACTURING', facts: eligibleFacts('MANUFACTURING', 2023, 2) },
    });
    expect(recommended.statusCode, recommended.body).toBe(201);
    await uploadDraftMaterials(t, memberUnit, recommended.json().id, eligibleFacts('MANUFACTURING', 2023, 2));
    const b: string = (await t.app.inject({ method: 'POST', url: `/declarations/drafts/${recommended.json().id}/submit`, headers: memberUnit.headers })).json().number;
    await t.settle();
    expect(await stageOf(enterprise, a)).toEqual({ stage: 'COUNTY_CHECK', outcome: null });

    // One case's tasks, as the case page asks for them: only that case's, only the caller's.
    const county = await t.as('county_office', '320102');
    const onCase = async (number: string) => (await t.app.inject({ method: 'GET', url: `/tasks?businessKey=${number}`, headers: county.headers })).json();
    expect((await onCase(a)).map((task: TaskView) => [task.elementId, task.businessKey])).toEqual([['countyCheck', a]]);
    expect(await onCase(b)).toEqual([]);

    // County check and city recommendation, each through its own inbox.
    await complete(county, 'countyCheck', a, { recommended: true, reason: '材料齐全 / complete' });
    const city = await t.as('city_office', '320100');
    const cityTask = (await inbox(city)).find((x) => x.businessKey === a);
    expect(cityTask).toMatchObject({ elementId: 'cityReview', dueDate: expect.stringMatching(/\+08:00$/) });
    await complete(city, 'cityReview', a, { recommended: true, reason: '推荐 / recommended' });
    expect(await stageOf(enterprise, a)).toEqual({ stage: 'EXPERT_REVIEW', outcome: null });

    // City submissions close: panels are formed; every expert scores his panel from his inbox.
    await t.c.driver.advanceTo(campaign.timetable.citySubmissionDeadline);
    const experts = (await t.c.h.db.pool.query<{ id: string }>('SELECT id FROM experts ORDER BY id')).rows.map((r) => r.id);
    let sheets = 0;
    for (const expertId of experts) {
      const expert = await t.as('expert', expertId);
      for (const task of (await inbox(expert)).filter((x) => x.elementId === 'scoreDeclarations')) {
        const scores = task.declarations!.map((n) => ({ declarationNumber: n, STANDARDS: 90, QUALITY: 88, TECHNOLOGY: 86, MARKET_BRAND: 84 }));
        await complete(expert, 'scoreDeclarations', '2023', { scores });
        sheets += scores.length;
      }
    }
    expect(sheets).toBeGreaterThanOrEqual(2);
    expect(await stageOf(enterprise, a)).toMatchObject({ outcome: null });

    // The provincial office sees the ranked proposal with scores and opinions, and decides the list.
    const listTask = (await inbox(province)).find((x) => x.elementId === 'decideKeyList')!;
    const shown = (await t.app.inject({ method: 'GET', url: `/tasks/${listTask.key}`, headers: province.headers })).json();
    expect(shown.keyListProposal.map((r: { declarationNumber: string }) => r.declarationNumber).sort()).toEqual([a, b].sort());
    expect(shown.keyListProposal[0]).toMatchObject({ rank: 1, score: expect.any(Number), selected: null, sheets: expect.arrayContaining([expect.objectContaining({ total: expect.any(Number) })]) });
    const partial = await t.app.inject({ method: 'POST', url: `/tasks/${listTask.key}/complete`, headers: province.headers, payload: { keyList: [{ declarationNumber: a, selected: true }], keyListReason: '确认 / confirmed' } });
    expect(partial.statusCode, partial.body).toBe(400);
    expect(partial.json().errors).toEqual([expect.objectContaining({ in: 'body', field: '/keyList', rule: 'missing' })]);
    await complete(province, 'decideKeyList', '2023', { keyList: [a, b].map((n) => ({ declarationNumber: n, selected: true })), keyListReason: '同意排名建议 / the ranked proposal is confirmed' });

    // The institute evaluates the standards; each enterprise chooses its body, which certifies and reports.
    const institute = await t.as('standardization_institute');
    for (const n of [a, b]) await complete(institute, 'evaluateStandard', n, instituteJudgement('ADVANCED'));
    // A body id that is not in the directory is refused, naming the field; the task stays open.
    const choosing = (await inbox(enterprise)).find((x) => x.elementId === 'chooseBody' && x.businessKey === a)!;
    const typo = await t.app.inject({ method: 'POST', url: `/tasks/${choosing.key}/complete`, headers: enterprise.headers, payload: { certificationBodyId: 'CB-X' } });
    expect(typo.statusCode, typo.body).toBe(400);
    expect(typo.json().errors).toEqual([expect.objectContaining({ in: 'body', field: '/certificationBodyId', rule: 'exists' })]);
    await complete(enterprise, 'chooseBody', a, { certificationBodyId: 'CB-A' });
    // The second enterprise lets the period pass: the secretariat sees the proposal and the bodies' loads, and changes it.
    const open = (await inbox(await t.as('enterprise', E2))).find((x) => x.elementId === 'chooseBody' && x.businessKey === b)!;
    await t.c.driver.advanceTo(new Date(new Date(open.dueDate!).getTime() + 60_000));
    const secretariat = await t.as('alliance_secretariat');
    const arranging = (await inbox(secretariat)).find((x) => x.elementId === 'arrangeBody' && x.businessKey === b)!;
    const proposal = (await t.app.inject({ method: 'GET', url: `/tasks/${arranging.key}`, headers: secretariat.headers })).json();
    expect(proposal.bodyProposal).toEqual({
      proposedBodyId: 'CB-B',
      bodies: [
        { id: 'CB-B', name: '认证机构乙 / Body B', inProgress: 0 },
        { id: 'CB-C', name: '认证机构丙 / Body C', inProgress: 0 },
        { id: 'CB-A', name: '认证机构甲 / Body A', inProgress: 1 },
      ],
    });
    expect(proposal.case).toBeDefined();
    await complete(secretariat, 'arrangeBody', b, { certificationBodyId: 'CB-A', arrangementReason: '与甲机构已有合作检测安排 / Body A already tests for this enterprise' });
    const body = await t.as('certification_body', 'CB-A');
    // A certified result without the certificate the body issued is refused, naming the fields.
    const bare = await t.app.inject({ method: 'POST', url: `/certifications/${a}/result`, headers: body.headers, payload: { certified: true } });
    expect(bare.statusCode, bare.body).toBe(400);
    expect(bare.json().errors).toEqual([
      expect.objectContaining({ in: 'body', field: '/certificateNumber', rule: 'required' }),
      expect.objectContaining({ in: 'body', field: '/certificateDate', rule: 'required' }),
    ]);
    const today = beijingDateOf(t.c.h.clock.now());
    const refused = async (payload: Record<string, unknown>) => {
      const response = await t.app.inject({ method: 'POST', url: `/certifications/${a}/result`, headers: body.headers, payload });
      expect(response.statusCode, response.body).toBe(400);
      return response.json().errors.map((e: { field: string; rule: string }) => [e.field, e.rule]);
    };
    expect(await refused({ certified: true, certificateNumber: 'CQC-1', certificateDate: addCalendarDays(today, 1) })).toEqual([['/certificateDate', 'notFuture']]);
    expect(await refused({ certified: true, certificateNumber: 'CQC-1', certificateDate: '2023-02-30' })).toEqual([['/certificateDate', 'date']]);
    expect(await refused({ certified: false, certificateNumber: 'CQC-1' })).toEqual([['/certificateNumber', 'notAllowed']]);
    for (const n of [a, b]) {
      const result = await t.app.inject({
        method: 'POST',
        url: `/certifications/${n}/result`,
        headers: body.headers,
        payload: { certified: true, certificateNumber: `CQC-${n.slice(3)}`, certificateDate: today },
      });
      expect(result.statusCode, result.body).toBe(202);
      await t.settle();
      await complete(body, 'reportToCnca', n, { cncaReportNumber: `CNCA-2023-${n.slice(-4)}` });
    }
    expect(await stageOf(enterprise, a)).toEqual({ stage: 'AWAITING_PUBLICITY', outcome: null });

    // The comprehensive review: each member unit's user answers his unit's request (his inbox shows the candidates with their
    // credit consultation), the office writes its evaluation and proposes both; a list missing one is refused.
    await t.c.driver.advanceTo(campaign.timetable.certificationDeadline);
    for (const unit of memberUnits) await complete(await t.as('member_unit', unit.id), 'giveMemberOpinion', '2023', { memberAgrees: true, memberOpinion: '同意 / agree' });
    const [reviewTask] = (await inbox(province)).filter((x) => x.elementId === 'decideProposedList');
    const reviewShown = (await t.app.inject({ method: 'GET', url: `/tasks/${reviewTask!.key}`, headers: province.headers })).json();
    expect(reviewShown.comprehensiveReview.candidates.map((c: { declarationNumber: string; creditResult: string; creditSources: unknown[] }) => [c.declarationNumber, c.creditResult, c.creditSources.length])).toEqual([[a, 'CLEAN', 2], [b, 'CLEAN', 2]]);
    expect(reviewShown.comprehensiveReview.memberOpinions.map((o: { status: string }) => o.status)).toEqual(['AGREED', 'AGREED']);
    await t.app.inject({ method: 'POST', url: `/tasks/${reviewTask!.key}/claim`, headers: province.headers });
    const partialList = await t.app.inject({
      method: 'POST',
      url: `/tasks/${reviewTask!.key}/complete`,
      headers: province.headers,
      payload: { proposedList: [{ declarationNumber: a, proposed: true }], evaluationOpinion: '符合条件 / qualifies', proposedListReason: '同意 / agreed' },
    });
    expect(partialList.statusCode, partialList.body).toBe(400);
    expect(partialList.json().errors.map((e: { field: string; rule: string }) => [e.field, e.rule])).toEqual([['/proposedList', 'missing']]);
    await complete(province, 'decideProposedList', '2023', {
      proposedList: [a, b].map((declarationNumber) => ({ declarationNumber, proposed: true })),
      evaluationOpinion: '经综合评审符合认证条件 / qualifies after the comprehensive review',
      proposedListReason: '同意全部候选 / all candidates proposed',
    });

    // Publicity: the public files an objection without signing in; the office dismisses it.
    const publicity = await t.app.inject({ method: 'GET', url: '/publicity' });
    expect(publicity.json().map((x: { number: string }) => x.number)).toEqual([a, b]);
    const objection = await t.app.inject({
      method: 'POST',
      url: `/publicity/${a}/objections`,
      payload: { objectorKind: 'PERSON', objectorName: '张三', contact: 'zhangsan@example.cn', text: '该产品去年曾被抽检不合格 / failed a spot check last year' },
    });
    expect(objection.statusCode, objection.body).toBe(201);
    await t.settle();
    await complete(province, 'decideObjection', a, { objectionUpheld: false, objectionReason: '经核查不属实 / not substantiated' });

    // Publicity ends on its timer; the office approves the announcement, the secretariat reports.
    const [campaignInstance] = await t.c.h.engine.searchInstances({ processDefinitionId: 'annual-campaign' });
    await t.c.driver.advanceTo(String((await t.c.h.instance(campaignInstance!.processInstanceKey)).variables.publicityEnd));
    await complete(province, 'approveAnnouncement', '2023', { announcementApproved: true, announcementNote: '同意发布 / approved' });
    await complete(await t.as('alliance_secretariat'), 'allianceReport', '2023', { reportSummary: '2023年度认证工作报告 / certification work report 2023' });

    for (const n of [a, b]) expect(await stageOf(province, n)).toEqual({ stage: 'CLOSED', outcome: 'ANNOUNCED' });
    const detail = (await t.app.inject({ method: 'GET', url: `/declarations/${a}`, headers: enterprise.headers })).json();
    expect(detail).toMatchObject({
      recommendations: [expect.objectContaining({ level: 'COUNTY', decidedBy: 'county-office-320102' }), expect.objectContaining({ level: 'CITY', decidedBy: 'city-office-320100' })],
      keyCultivation: expect.objectContaining({ selected: true }),
      standardEvaluation: expect.objectContaining({ verdict: 'ADVANCED', legitimacy: 'LEGITIMATE', compliance: 'COMPLIANT' }),
      certification: expect.objectContaining({ bodyId: 'CB-A', status: 'CERTIFIED' }),
      certificate: expect.objectContaining({ number: 'CQC-2023-320100-0001', status: 'VALID' }),
    });
    const status = (await t.app.inject({ method: 'GET', url: `/declarations/${a}/status`, headers: enterprise.headers })).json();
    expect(status.waiting).toEqual([]);
    expect(status.trail.map((x: { action: string }) => x.action)).toEqual(
      expect.arrayContaining(['declaration.submitted', 'county.recommended', 'city.recommended', 'objection.filed', 'objection.dismissed', 'declaration.closed']),
    );
    const csv = await t.app.inject({ method: 'GET', url: '/exports/announced.csv?year=2023' });
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body).toContain(`${a},`);
    expect(csv.body).toContain('2023年第1号');
    const keyList = await t.app.inject({ method: 'GET', url: '/exports/key-cultivation.csv?year=2023', headers: province.headers });
    expect(keyList.body.split('\r\n').filter((line) => line.includes('JP-2023-'))).toHaveLength(2);
    expect(await t.c.h.engine.searchIncidents({ state: 'ACTIVE' })).toEqual([]);
  }, 120_000);
});
