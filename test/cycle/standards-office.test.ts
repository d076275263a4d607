import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eligibleFacts } from '../../bin/demo/facts.ts';
import { createApiHarness, E1, E2, type ApiHarness } from '../api/api-harness.ts';
import type { SignedIn } from '../api/sign-in.ts';
import { enterprise } from './directory.fixture.ts';
import { auditOf, declare, expertReview, instituteJudgement, recommend } from './scenario-steps.ts';

/**
 * The Standardization Management Office (issue 12 item 9): it lists the self-declared enterprise
 * standards of the year's declarations and flags one with a reason; the flag is in the audit
 * trail and in what the institute judges from, beside the table the enterprise filed and the
 * automatic proposal; the institute's judgements then show there too.
 */
let t: ApiHarness;
const n = { declared: '', tableOnly: '', national: '' };
let office: SignedIn;
let institute: SignedIn;

const selfDeclared = (() => {
  const facts = eligibleFacts('MANUFACTURING', 2023, 1) as { evidence: string[] };
  return { ...facts, implementationStandard: { code: 'Q/320102 NJ 001-2023', kind: 'ENTERPRISE' }, evidence: [...facts.evidence, 'ENTERPRISE_STANDARD_DISCLOSURE'] };
})();
const withoutTable = (() => {
  const { standardComparison: _, ...facts } = eligibleFacts('MANUFACTURING', 2023, 3);
  return facts;
})();

beforeEach(async () => {
  t = await createApiHarness();
  const { driver } = t.c;
  const timetable = await driver.openCampaign(2023);
  n.declared = await declare(driver, enterprise('320100', 1), 2023, 1, 'COUNTY', selfDeclared);
  n.tableOnly = await declare(driver, enterprise('320200', 1), 2023, 2);
  n.national = await declare(driver, enterprise('320100', 2), 2023, 3, 'COUNTY', withoutTable);
  await recommend(driver, [n.declared, n.tableOnly, n.national]);
  await expertReview(driver, timetable);
  office = await t.as('standardization_office');
  institute = await t.as('standardization_institute');
}, 120_000);
afterEach(() => t.close());

const get = async (user: SignedIn, url: string) => {
  const response = await t.app.inject({ method: 'GET', url, headers: user.headers });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};
const flag = (number: string, reason: string) =>
  t.app.inject({ method: 'POST', url: `/standards/self-declared/${number}/flags`, headers: office.headers, payload: { reason } });

describe('the Standardization Management Office', () => {
  it('lists the year’s self-declared enterprise standards, flags one with its reason, and the institute sees the flag', async () => {
    const listed = await get(office, '/standards/self-declared?year=2023');
    expect(listed.map((s: { declarationNumber: string }) => s.declarationNumber)).toEqual([n.declared, n.tableOnly].sort());
    const declared = listed.find((s: { declarationNumber: string }) => s.declarationNumber === n.declared);
    expect(declared).toMatchObject({ enterpriseId: E1, standardCode: 'Q/320102 NJ 001-2023', disclosed: true, legitimacy: null, flags: [] });
    const tableOnly = listed.find((s: { declarationNumber: string }) => s.declarationNumber === n.tableOnly);
    const filed = (eligibleFacts('MANUFACTURING', 2023, 2) as { standardComparison: { enterpriseStandardCode: string } }).standardComparison;
    expect(tableOnly).toMatchObject({ enterpriseId: E2, standardCode: filed.enterpriseStandardCode, disclosed: false });

    const reason = '该企业标准未在企业标准信息公共服务平台公开 / not disclosed on the public platform';
    const raised = await flag(n.tableOnly, reason);
    expect(raised.statusCode, raised.body).toBe(201);
    expect(raised.json()).toMatchObject({ standardCode: filed.enterpriseStandardCode, reason, flaggedBy: office.username, flaggedAt: expect.stringMatching(/\+08:00$/) });
    expect(await auditOf(t.c.h.db.pool, n.tableOnly, ['standard.flagged'])).toEqual([{ actor: office.username, role: 'standardization_office', action: 'standard.flagged', reason }]);
    expect((await get(office, '/standards/self-declared?year=2023')).find((s: { declarationNumber: string }) => s.declarationNumber === n.tableOnly).flags).toEqual([
      expect.objectContaining({ reason }),
    ]);

    // The institute judges from the table the enterprise filed, the proposal and the office's flag.
    const review = await get(institute, `/declarations/${n.tableOnly}/standard-review`);
    expect(review.comparisonTable).toEqual(filed);
    expect(review.proposal).toMatchObject({ verdict: 'ADVANCED', enterpriseStandardCode: filed.enterpriseStandardCode, summary: { zh: expect.stringContaining('具有先进性') } });
    expect(review.flags).toEqual([expect.objectContaining({ reason, flaggedBy: office.username })]);
    expect(review.judgement).toBeNull();

    const [task] = await t.c.driver.tasks('evaluateStandard').then((tasks) => tasks.filter((x) => x.businessKey === n.tableOnly));
    // Its task shows the same: the form beside the filed table, the proposal and the flag.
    const view = await get(institute, `/tasks/${task!.userTaskKey}`);
    expect(view.standardReview).toEqual(review);
    expect(view.case.facts.standardComparison).toEqual(filed);
    expect(Object.keys(view.formSchema.properties)).toEqual(['legitimacy', 'legitimacyReason', 'compliance', 'complianceReason', 'advancement', 'advancementReason']);
    await t.app.inject({ method: 'POST', url: `/tasks/${task!.userTaskKey}/claim`, headers: institute.headers });
    const judgement = { ...instituteJudgement('ADVANCED'), legitimacy: 'NOT_LEGITIMATE', legitimacyReason: '未自我声明公开，依省标准化管理部门标记核实 / not disclosed, as the office flagged' };
    const done = await t.app.inject({ method: 'POST', url: `/tasks/${task!.userTaskKey}/complete`, headers: institute.headers, payload: judgement });
    expect(done.statusCode, done.body).toBe(200);
    await t.settle();

    expect(await t.c.driver.declaration(n.tableOnly)).toEqual({ stage: 'CLOSED', outcome: 'STANDARD_NOT_COMPLIANT' });
    const judged = await get(office, `/declarations/${n.tableOnly}/standard-review`);
    expect(judged.judgement).toMatchObject({ legitimacy: 'NOT_LEGITIMATE', legitimacyReason: judgement.legitimacyReason, compliance: 'COMPLIANT', advancement: 'ADVANCED', evaluatedBy: institute.username });
    const { rows } = await t.c.h.db.pool.query(`SELECT detail->'officeFlagsSeen' AS seen FROM audit_log WHERE subject_id = $1 AND action = 'standard.not_compliant'`, [n.tableOnly]);
    expect(rows).toEqual([{ seen: [String(raised.json().id)] }]);
  });

  it('refuses a flag without a reason, on a declaration made to no enterprise standard, or on one that does not exist', async () => {
    const blank = await flag(n.declared, ' ');
    expect(blank.statusCode).toBe(400);
    expect(blank.json().errors).toEqual([expect.objectContaining({ field: '/reason' })]);
    const national = await flag(n.national, '无 / none at all');
    expect(national.statusCode).toBe(409);
    expect(national.json().detail).toContain('企业标准');
    expect((await flag('JP-2023-320100-0999', '不存在 / missing')).statusCode).toBe(404);
    expect((await t.c.h.db.pool.query('SELECT 1 FROM standard_flags')).rowCount).toBe(0);
  });

  it('keeps the standards from roles that do not supervise or judge them', async () => {
    for (const [role, scope] of [['enterprise', E1], ['city_office', '320100'], ['alliance_secretariat', null]] as const) {
      const user = await t.as(role, scope);
      expect((await t.app.inject({ method: 'GET', url: `/declarations/${n.declared}/standard-review`, headers: user.headers })).statusCode).toBe(403);
      expect((await t.app.inject({ method: 'POST', url: `/standards/self-declared/${n.declared}/flags`, headers: user.headers, payload: { reason: '越权 / overreach' } })).statusCode).toBe(403);
    }
    expect((await t.app.inject({ method: 'POST', url: `/standards/self-declared/${n.declared}/flags`, headers: institute.headers, payload: { reason: '越权 / overreach' } })).statusCode).toBe(403);
  });
});
