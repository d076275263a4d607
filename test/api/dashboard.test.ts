import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eligibleFacts } from '../../bin/demo/facts.ts';
import { announce, certifyAll, chooseBody, declare, evaluateStandards, expertReview, recommend, startPublicity } from '../cycle/scenario-steps.ts';
import { enterprise } from '../cycle/directory.fixture.ts';
import { createApiHarness, type ApiHarness } from './api-harness.ts';

let t: ApiHarness;
beforeEach(async () => {
  t = await createApiHarness();
});
afterEach(() => t.close());

const seed = (city: string, n: number) => enterprise(city, n);

describe('the provincial office\'s dashboard', () => {
  it('counts per city and stage, names the missed city submission and the overdue CNCA report, and ranks the key-cultivation list', async () => {
    const { driver } = t.c;
    const timetable = await driver.openCampaign(2023);
    const a = await declare(driver, seed('320100', 1), 2023, 1);
    const b = await declare(driver, seed('320100', 2), 2023, 2);
    const w = await declare(driver, seed('320200', 1), 2023, 3);
    // Nanjing: a recommended, b turned down by the city; Wuxi's county never acts on w.
    await recommend(driver, [a, b], [b]);
    await expertReview(driver, timetable);
    await evaluateStandards(driver, [a]);
    await chooseBody(driver, [a], 'CB-A');
    await driver.certificationResult(a, true);
    const { rows } = await t.c.h.db.pool.query<{ due: Date }>('SELECT cnca_due_at AS due FROM certifications WHERE declaration_number = $1', [a]);
    await driver.advanceTo(new Date(rows[0]!.due.getTime() + 3_600_000));

    const office = await t.as('provincial_office');
    const response = await t.app.inject({ method: 'GET', url: '/dashboard?year=2023', headers: office.headers });
    expect(response.statusCode, response.body).toBe(200);
    const dashboard = response.json();
    expect(dashboard).toMatchObject({ year: 2023, noticeNumber: expect.any(String), asOf: expect.stringMatching(/\+08:00$/) });
    expect(dashboard.cities).toHaveLength(13);
    expect(dashboard.counts).toEqual(
      expect.arrayContaining([
        { cityCode: '320100', stage: 'CLOSED', declarations: 1 },
        { cityCode: '320100', stage: 'CERTIFICATION', declarations: 1 },
        { cityCode: '320200', stage: 'CLOSED', declarations: 1 },
      ]),
    );
    expect(dashboard.counts.reduce((sum: number, c: { declarations: number }) => sum + c.declarations, 0)).toBe(3);
    // Only w missed the deadline: b was turned down, which is a decision, not lateness.
    expect(dashboard.late.citySubmissionsMissed).toEqual([expect.objectContaining({ number: w, cityCode: '320200', level: 'COUNTY', closedAt: expect.stringMatching(/\+08:00$/) })]);
    expect(dashboard.late.cncaOverdue).toEqual([expect.objectContaining({ number: a, bodyId: 'CB-A', bodyName: '认证机构甲 / Body A', dueAt: expect.stringMatching(/\+08:00$/) })]);
    expect(dashboard.late.corrections).toEqual([]);
    expect(dashboard.keyCultivation).toEqual([expect.objectContaining({ number: a, rank: 1, selected: true, score: expect.any(Number) })]);
    expect(dashboard.publicity).toEqual([]);
    expect(dashboard.announcement).toEqual({ number: null, announcedAt: null, announced: 0 });

    // The exports carry the same numbers: the counts with a total, the late items, and the workbook's three sheets.
    const counts = await t.app.inject({ method: 'GET', url: '/exports/dashboard-counts.csv?year=2023', headers: office.headers });
    expect(counts.headers['content-type']).toContain('text/csv');
    const lines = counts.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('设区市代码 / city code,设区市 / city,CERTIFICATION,CLOSED,合计 / total');
    expect(lines).toContain('320100,南京市 / Nanjing,1,1,2');
    expect(lines).toContain('320200,无锡市 / Wuxi,0,1,1');
    expect(lines.at(-1)).toBe(',合计 / total,1,2,3');
    const late = await t.app.inject({ method: 'GET', url: '/exports/dashboard-late.csv?year=2023', headers: office.headers });
    expect(late.body).toContain(`设区市报送逾期 / city submission missed,${w}`);
    expect(late.body).toContain(`认监委报送逾期 / CNCA report overdue,${a}`);
    const xlsx = await t.app.inject({ method: 'GET', url: '/exports/dashboard.xlsx?year=2023', headers: office.headers });
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['各市各阶段 per city and stage', '逾期 late', '重点培育 key list']);
    expect(book.worksheets[2]!.getRow(2).getCell(2).value).toBe(a);

    // The office's alone; a year never opened is not found.
    const city = await t.as('city_office', '320100');
    expect((await t.app.inject({ method: 'GET', url: '/dashboard?year=2023', headers: city.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/dashboard?year=2024', headers: office.headers })).statusCode).toBe(404);
    const bad = await t.app.inject({ method: 'GET', url: '/dashboard?year=1999', headers: office.headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ field: '/year' });
  });

  it('follows publicity and its objections to the announcement', async () => {
    const { c } = t;
    const { driver } = c;
    const timetable = await driver.openCampaign(2023);
    const [removed, kept] = [await declare(driver, seed('320100', 1), 2023, 1), await declare(driver, seed('320500', 1), 2023, 2)];
    await recommend(driver, [removed, kept]);
    await expertReview(driver, timetable);
    await certifyAll(driver, [removed, kept]);
    const publicityEnd = await startPublicity(c, timetable);
    await driver.fileObjection(removed, '该企业近三年有质量违法记录 / a quality violation in the last three years');
    const office = await t.as('provincial_office');
    const read = async () => (await t.app.inject({ method: 'GET', url: '/dashboard?year=2023', headers: office.headers })).json();

    const during = await read();
    expect(during.publicity).toEqual([
      expect.objectContaining({ number: removed, stage: 'PUBLICITY', outcome: null, objections: 1, undecided: 1 }),
      expect.objectContaining({ number: kept, stage: 'PUBLICITY', outcome: null, objections: 0, undecided: 0 }),
    ]);
    expect(during.objections).toEqual([expect.objectContaining({ number: removed, objectorKind: expect.any(String), decision: null, decidedAt: null, filedAt: expect.stringMatching(/\+08:00$/) })]);
    // The CNCA reports were made in time: nothing late.
    expect(during.late.cncaOverdue).toEqual([]);

    await driver.completeAll('decideObjection', () => ({ objectionUpheld: true, objectionReason: '经核实，2021 年受到行政处罚 / verified: fined in 2021' }), 'office-1');
    await announce(c, publicityEnd);
    const after = await read();
    expect(after.publicity).toEqual([
      expect.objectContaining({ number: removed, outcome: 'REMOVED_AFTER_OBJECTION', objections: 1, undecided: 0 }),
      expect.objectContaining({ number: kept, outcome: 'ANNOUNCED', objections: 0 }),
    ]);
    expect(after.objections).toEqual([expect.objectContaining({ number: removed, decision: 'UPHELD', decidedAt: expect.stringMatching(/\+08:00$/) })]);
    expect(after.announcement).toEqual({ number: expect.any(String), announcedAt: expect.stringMatching(/\+08:00$/), announced: 1 });
  });

  it('lists an open correction with its deadline, running out as the deadline nears', async () => {
    const { driver } = t.c;
    await driver.openCampaign(2023);
    const complete = eligibleFacts('MANUFACTURING', 2023, 1) as { evidence: string[] };
    const n = await declare(driver, seed('320500', 1), 2023, 1, 'COUNTY', { ...complete, evidence: complete.evidence.filter((e) => e !== 'ATTACHMENT_3_COMMITMENT_LETTER') });
    const office = await t.as('provincial_office');
    const read = async () => (await t.app.inject({ method: 'GET', url: '/dashboard?year=2023', headers: office.headers })).json();
    const before = await read();
    expect(before.late.corrections).toEqual([expect.objectContaining({ number: n, cityCode: '320500', overdue: false, dueAt: expect.stringMatching(/\+08:00$/) })]);
    expect(before.counts).toEqual([{ cityCode: '320500', stage: 'CORRECTION', declarations: 1 }]);

    // On the deadline's day no working day is left: the correction is running out.
    const due = new Date(before.late.corrections[0].dueAt);
    await driver.advanceTo(new Date(due.getTime() - 3_600_000));
    const after = await read();
    expect(after.late.corrections).toEqual([expect.objectContaining({ number: n, overdue: false, workingDaysLeft: 0, endingSoon: true })]);
  });
});
