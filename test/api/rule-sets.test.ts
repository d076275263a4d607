import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCalendarYearFile } from '../../domain/calendar/calendar-year-file.ts';
import { saveCalendarYear } from '../../platform/db/calendar-years.ts';
import { createApiHarness, type ApiHarness } from './api-harness.ts';
import type { SignedIn } from './sign-in.ts';

const packaged = (year: number) => JSON.parse(readFileSync(new URL(`../../rules/${year}.json`, import.meta.url), 'utf8')) as Record<string, object>;
const rules2027 = () => ({ ...packaged(2024), campaignYear: 2027, salesReferenceYear: 2026, notice: { known: true, value: { reference: '苏质委办〔2027〕1号' }, basis: 'FOUND' } });
const calendar2027 = fileURLToPath(new URL('../fixtures/calendar/2027.test-fixture.json', import.meta.url));

/**
 * The provincial office's rule sets and timetables through the HTTP API. The harness's clock
 * stands at 2023-03-20 09:00 Beijing time.
 */
let t: ApiHarness;
let office: SignedIn;
beforeAll(async () => {
  t = await createApiHarness();
  office = await t.as('provincial_office');
}, 60_000);
afterAll(() => t.close());

const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: office.headers, payload });

describe('rule sets through the API', () => {
  it('POST /rule-sets names each bad field and rule, and stores nothing', async () => {
    const response = await post('/rule-sets', { ...rules2027(), version: 'one', publicityWorkingDays: { known: true, value: 0, basis: 'FOUND' }, extra: true });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      { in: 'body', field: '/version', rule: 'rule-set', message: '应为整数 / must be a whole number' },
      { in: 'body', field: '/publicityWorkingDays/value', rule: 'rule-set', message: '不得小于 1 / must be at least 1' },
      { in: 'body', field: '/extra', rule: 'rule-set', message: '不允许的字段 / field not allowed here' },
    ]);
    expect((await t.app.inject({ method: 'GET', url: '/rule-sets/2027', headers: office.headers })).statusCode).toBe(404);
  });

  it('POST /rule-sets stores a new year with what changed against the year before; the same version twice is refused', async () => {
    const loaded = await post('/rule-sets', rules2027());
    expect(loaded.statusCode, loaded.body).toBe(201);
    expect(loaded.json()).toEqual({
      year: 2027,
      version: 1,
      result: 'loaded',
      against: { year: 2024, version: 1 },
      changes: [{ path: '/notice/value/reference', before: '苏质委办〔2024〕2号', after: '苏质委办〔2027〕1号' }],
    });
    const again = await post('/rule-sets', rules2027());
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain('a correction is a new version');
    const list = await t.app.inject({ method: 'GET', url: '/rule-sets', headers: office.headers });
    expect(list.json().map((v: { year: number; version: number; inForce: boolean }) => `${v.year}/${v.version}${v.inForce ? '*' : ''}`)).toEqual(['2022/1*', '2023/1*', '2024/1*', '2027/1*']);
    const one = await t.app.inject({ method: 'GET', url: '/rule-sets/2027', headers: office.headers });
    expect(one.json()).toMatchObject({ year: 2027, version: 1, loadedBy: office.username, usedSince: null, ruleSet: rules2027() });
  });

  it('POST /campaigns refuses a year without a rule set, and one without its holiday calendar, saying what to load', async () => {
    const noRules = await post('/campaigns', { year: 2030 });
    expect(noRules.statusCode).toBe(422);
    expect(noRules.json()).toMatchObject({ type: 'urn:jingpin:problem:no-rule-set', detail: expect.stringContaining('`jingpin rules load rules/2030.json` or POST /rule-sets') });
    const noCalendar = await post('/campaigns', { year: 2027, noticeDate: '2027-03-22' });
    expect(noCalendar.statusCode).toBe(422);
    expect(noCalendar.json()).toMatchObject({ type: 'urn:jingpin:problem:no-calendar', detail: expect.stringContaining('jingpin calendar load 2027 FILE') });
  });

  it('POST /campaigns/plan gives the 2027 timetable in working days once the calendar is loaded', async () => {
    const year = parseCalendarYearFile(2027, JSON.parse(readFileSync(calendar2027, 'utf8')), '测试通知 / test notice');
    await saveCalendarYear(t.c.h.db.pool, year, { at: new Date(), by: 'test' });
    const plan = await post('/campaigns/plan', { year: 2027, noticeDate: '2027-03-22' });
    expect(plan.statusCode, plan.body).toBe(200);
    expect(plan.json().dates).toEqual({
      noticeDate: '2027-03-22',
      citySubmission: '2027-05-17',
      expertReview: '2027-06-07',
      certification: '2027-10-25',
      publicity: '2027-11-01',
      allianceReport: '2027-12-31',
    });
    expect(plan.json().stages.map((s: { stage: string; workingDays: number }) => `${s.stage} ${s.workingDays}`)).toEqual([
      'citySubmission 40',
      'expertReview 15',
      'certification 100',
      'publicity 5',
      'allianceReport 44',
    ]);
  });

  it('POST /campaigns opens 2027 with the office’s deadlines; its rule set version is then frozen, and a correction is a new version', async () => {
    const deadlines = { citySubmission: '2027-05-21', expertReview: '2027-06-11', certification: '2027-10-29', publicity: '2027-11-05', allianceReport: '2027-12-31' };
    const opened = await post('/campaigns', { year: 2027, noticeNumber: '苏质委办〔2027〕1号', noticeDate: '2027-03-22', deadlines });
    expect(opened.statusCode, opened.body).toBe(202);
    expect(opened.json()).toMatchObject({ year: 2027, ruleSetVersion: '1', dates: { noticeDate: '2027-03-22', ...deadlines } });
    await t.settle();
    const campaign = await t.app.inject({ method: 'GET', url: '/campaigns/2027', headers: office.headers });
    expect(campaign.json()).toMatchObject({
      year: 2027,
      status: 'OPEN',
      noticeNumber: '苏质委办〔2027〕1号',
      timetable: {
        citySubmissionDeadline: '2027-05-21T17:00:00+08:00',
        cityReminderAt: '2027-05-18T17:00:00+08:00',
        expertReviewDue: '2027-06-11T17:00:00+08:00',
        certificationDeadline: '2027-10-29T17:00:00+08:00',
        publicityPlannedEnd: '2027-11-05T17:00:00+08:00',
        allianceReportDue: '2027-12-31T17:00:00+08:00',
      },
    });
    expect((await t.app.inject({ method: 'GET', url: '/rule-sets/2027', headers: office.headers })).json().usedSince).not.toBeNull();
    const replaced = await t.app.inject({ method: 'POST', url: '/rule-sets?replace=true', headers: office.headers, payload: { ...rules2027(), correctionWorkingDays: { known: true, value: 10, basis: 'FOUND' } } });
    expect(replaced.statusCode).toBe(409);
    expect(replaced.json().detail).toContain('is used by a campaign and cannot be changed');
    const corrected = await post('/rule-sets', { ...rules2027(), version: 2, correctionWorkingDays: { known: true, value: 10, basis: 'FOUND' } });
    expect(corrected.statusCode, corrected.body).toBe(201);
    const now = await t.app.inject({ method: 'GET', url: '/rule-sets/2027', headers: office.headers });
    // Loaded while the campaign runs: in force, and used, at once.
    expect(now.json()).toMatchObject({ version: 2, inForce: true, usedSince: expect.any(String), ruleSet: { correctionWorkingDays: { value: 10 } } });
    expect(now.json().versions.map((v: { version: number; inForce: boolean }) => `${v.version}${v.inForce ? '*' : ''}`)).toEqual(['1', '2*']);
  });

  it('POST /campaigns checks the office’s deadlines for order and working days, naming each', async () => {
    const refused = await post('/campaigns', {
      year: 2024,
      noticeDate: '2024-03-20',
      deadlines: { citySubmission: '2024-06-01', expertReview: '2024-05-31', publicity: '2024-12-29', allianceReport: '2024-12-27' },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors.map((e: { field: string; message: string }) => `${e.field} ${e.message}`)).toEqual([
      '/deadlines/citySubmission 2024-06-01 不是工作日 / 2024-06-01 is not a working day',
      '/deadlines/expertReview 应晚于设区市报送截止（2024-06-01） / must be after city submission closes (2024-06-01)',
      '/deadlines/publicity 2024-12-29 不是工作日 / 2024-12-29 is not a working day',
      '/deadlines/allianceReport 不得早于公示期满（2024-12-29） / must not be before publicity ends (2024-12-29)',
    ]);
    const late = await post('/campaigns', { year: 2024, noticeDate: '2024-03-20', deadlines: { allianceReport: '2025-01-06' } });
    expect(late.json().errors).toEqual([expect.objectContaining({ field: '/deadlines/allianceReport', message: '应在 2024 年内（12月31日前，含当日） / must be within 2024, by 31 December inclusive' })]);
  });

  it('POST /campaigns accepts the alliance report on 31 December itself, the last working day of 2024', async () => {
    const opened = await post('/campaigns', { year: 2024, noticeDate: '2024-03-20', deadlines: { allianceReport: '2024-12-31' } });
    expect(opened.statusCode, opened.body).toBe(202);
    expect(opened.json().dates).toMatchObject({ noticeDate: '2024-03-20', allianceReport: '2024-12-31' });
  });

  it('POST /campaigns refuses dates in the past unless the office states it records a past year', async () => {
    const refused = await post('/campaigns', { year: 2022, noticeDate: '2022-03-21' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors.map((e: { field: string }) => e.field)).toEqual([
      '/deadlines/citySubmission',
      '/deadlines/expertReview',
      '/deadlines/certification',
      '/deadlines/publicity',
      '/deadlines/allianceReport',
    ]);
    expect(refused.json().errors[0].message).toContain('is in the past; to record a past year, state recordingPastYear');
    const recorded = await post('/campaigns', { year: 2022, noticeDate: '2022-03-21', recordingPastYear: true });
    expect(recorded.statusCode, recorded.body).toBe(202);
    // Its timers lie in the past and fire as the engine settles: the case runs on to the publicity.
    await t.settle();
    const campaign = await t.app.inject({ method: 'GET', url: '/campaigns/2022', headers: office.headers });
    expect(campaign.json()).toMatchObject({ year: 2022, timetable: { allianceReportDue: '2022-12-30T17:00:00+08:00' } });
    const { rows } = await t.c.h.db.pool.query('SELECT rule_set_version, (SELECT used_since IS NOT NULL FROM rule_sets WHERE year = 2022 AND version = 1) AS used FROM campaigns WHERE year = 2022');
    expect(rows).toEqual([{ rule_set_version: 1, used: true }]);
  });
});
