import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiHarness, type ApiHarness } from '../api/api-harness.ts';
import type { SignedIn } from '../api/sign-in.ts';
import { smallDirectory } from './directory.fixture.ts';
import { caseOf, chooseBody, declare, evaluateStandards, expertReview, recommend, reportToCnca, startPublicity } from './scenario-steps.ts';

/**
 * The secretariat's periodic report per certification body (issue 12 item 10), from a year played
 * through the models: body A certifies two and reports both to CNCA in time, one of them then
 * removed on an upheld objection; body B certifies one and reports it late, and does not certify
 * the other; body C has no case.
 */
let t: ApiHarness;
const directory = smallDirectory();
const n = { a1: '', a2: '', b1: '', b2: '' };

beforeEach(async () => {
  t = await createApiHarness();
}, 60_000);
afterEach(() => t.close());

const report = async (user: SignedIn, year = 2023) => {
  const response = await t.app.inject({ method: 'GET', url: `/reports/certification-bodies?year=${year}`, headers: user.headers });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { year: number; asOf: string; bodies: Record<string, unknown>[]; totals: Record<string, number> };
};
const row = (r: Awaited<ReturnType<typeof report>>, id: string) => r.bodies.find((b) => b.bodyId === id);

describe('the report per certification body', () => {
  it('counts cases, results, CNCA timeliness and objections upheld per body, as JSON and as CSV', async () => {
    const { driver } = t.c;
    const timetable = await driver.openCampaign(2023);
    [n.a1, n.a2, n.b1, n.b2] = [
      await declare(driver, directory.enterprises[0]!, 2023, 1),
      await declare(driver, directory.enterprises[2]!, 2023, 2),
      await declare(driver, directory.enterprises[4]!, 2023, 3),
      await declare(driver, directory.enterprises[1]!, 2023, 4),
    ];
    const all = Object.values(n);
    await recommend(driver, all);
    await expertReview(driver, timetable);
    expect(await evaluateStandards(driver, all)).toBe(4);
    await chooseBody(driver, [n.a1, n.a2], 'CB-A');
    await chooseBody(driver, [n.b1, n.b2], 'CB-B');
    for (const x of [n.a1, n.a2, n.b1]) await driver.certificationResult(x, true);
    await driver.certificationResult(n.b2, false);
    await reportToCnca(driver, [n.a1, n.a2]);

    // B's report is due and missing: overdue as of now.
    const deadline = String((await caseOf(t.c, n.b1)).variables.cncaDeadline);
    await driver.advanceTo(new Date(new Date(deadline).getTime() + 3600_000));
    const secretariat = await t.as('alliance_secretariat');
    const midway = await report(secretariat);
    expect(row(midway, 'CB-B')).toMatchObject({ cases: 2, certified: 1, notCertified: 1, cncaOnTime: 0, cncaLate: 0, cncaOverdue: 1, cncaNotYetDue: 0 });

    await reportToCnca(driver, [n.b1]);
    const publicityEnd = await startPublicity(t.c, timetable);
    expect(publicityEnd).toBeTruthy();
    await driver.fileObjection(n.a1, '该企业近三年有质量违法记录 / a quality violation in the last three years');
    await driver.completeAll('decideObjection', () => ({ objectionUpheld: true, objectionReason: '经核实 / verified' }), 'office-1');
    expect(await driver.declaration(n.a1)).toEqual({ stage: 'CLOSED', outcome: 'REMOVED_AFTER_OBJECTION' });

    const office = await t.as('provincial_office');
    const final = await report(office);
    expect(final.asOf).toMatch(/\+08:00$/);
    expect(final.bodies).toEqual([
      { bodyId: 'CB-A', bodyName: '认证机构甲 / Body A', status: 'ACTIVE', cases: 2, certified: 2, notCertified: 0, inProgress: 0, handedOver: 0, cncaOnTime: 2, cncaLate: 0, cncaOverdue: 0, cncaNotYetDue: 0, objectionsUpheld: 1 },
      { bodyId: 'CB-B', bodyName: '认证机构乙 / Body B', status: 'ACTIVE', cases: 2, certified: 1, notCertified: 1, inProgress: 0, handedOver: 0, cncaOnTime: 0, cncaLate: 1, cncaOverdue: 0, cncaNotYetDue: 0, objectionsUpheld: 0 },
      { bodyId: 'CB-C', bodyName: '认证机构丙 / Body C', status: 'ACTIVE', cases: 0, certified: 0, notCertified: 0, inProgress: 0, handedOver: 0, cncaOnTime: 0, cncaLate: 0, cncaOverdue: 0, cncaNotYetDue: 0, objectionsUpheld: 0 },
    ]);
    expect(final.totals).toMatchObject({ cases: 4, certified: 3, notCertified: 1, cncaOnTime: 2, cncaLate: 1, objectionsUpheld: 1 });
    // Another year has its own (empty) counts.
    expect((await report(office, 2024)).totals.cases).toBe(0);

    const csv = await t.app.inject({ method: 'GET', url: '/reports/certification-bodies.csv?year=2023', headers: secretariat.headers });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="certification-bodies-2023.csv"');
    const lines = csv.body.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toContain('按时报送认监委 / CNCA on time');
    expect(lines[2]).toBe('CB-B,认证机构乙 / Body B,ACTIVE,2,1,1,0,0,0,1,0,0,0');
    expect(lines[4]).toBe('合计 / total,,,4,3,1,0,0,2,1,0,0,1');

    for (const role of ['standardization_institute', 'supervision_department'] as const) {
      const user = await t.as(role);
      expect((await t.app.inject({ method: 'GET', url: '/reports/certification-bodies?year=2023', headers: user.headers })).statusCode).toBe(403);
    }
  });
});
