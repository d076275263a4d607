import { describe, expect, it } from 'vitest';
import { Fake2026Calendar } from '../deadlines/fake-calendar.fixture.ts';
import { draftRuleSet } from './draft-rule-set.ts';
import { ruleSetFor } from './fixtures/rule-sets.ts';
import { campaignTimetable, planCampaign, timetableProblems, type CampaignDates } from './timetable.ts';

const rules2026 = draftRuleSet(ruleSetFor(2024), 2026);
const calendar = new Fake2026Calendar();
const context = { year: 2026, today: '2026-03-20', recordingPastYear: false, calendar };

describe('planCampaign', () => {
  it('ends each stage the rule set’s working days after the one before, over the holidays, and the report on the last working day of the year', () => {
    const plan = planCampaign(rules2026, '2026-03-20', calendar);
    // 40 working days from Friday 20 March: Qingming (6 April) and May Day (1, 4, 5 May) off, Saturday 9 May worked;
    // certification over the Dragon Boat, Mid-Autumn and National Day holidays and their make-up days.
    expect(plan.dates).toEqual({
      noticeDate: '2026-03-20',
      citySubmission: '2026-05-20',
      expertReview: '2026-06-10',
      certification: '2026-11-04',
      publicity: '2026-11-11',
      allianceReport: '2026-12-31',
    });
    expect(plan.stages.map((stage) => [stage.stage, stage.workingDays, stage.from])).toEqual([
      ['citySubmission', 40, 'WORKING_DAYS'],
      ['expertReview', 15, 'WORKING_DAYS'],
      ['certification', 100, 'WORKING_DAYS'],
      ['publicity', 5, 'WORKING_DAYS'],
      ['allianceReport', 36, 'YEAR_END'],
    ]);
    expect(timetableProblems(plan.dates, context)).toEqual([]);
  });

  it('takes a date the notice sets instead of counting', () => {
    const withDate = { ...rules2026, stageDeadlines: { citySubmissionDue: '2026-05-29' } };
    const plan = planCampaign(withDate, '2026-03-20', calendar);
    expect(plan.stages[0]).toMatchObject({ stage: 'citySubmission', ends: '2026-05-29', from: 'NOTICE', workingDays: 47 });
    expect(plan.dates.expertReview).toBe(calendar.addWorkingDays('2026-05-29', 15));
  });
});

describe('timetableProblems', () => {
  const planned = planCampaign(rules2026, '2026-03-20', calendar).dates;
  const problems = (dates: Partial<CampaignDates>, more = {}) => timetableProblems({ ...planned, ...dates }, { ...context, ...more });

  it('wants each stage after the one before, naming the date and the stage it must follow', () => {
    expect(problems({ expertReview: '2026-05-20' })).toEqual([
      { path: '/deadlines/expertReview', zh: '应晚于设区市报送截止（2026-05-20）', en: 'must be after city submission closes (2026-05-20)' },
    ]);
    expect(problems({ citySubmission: '2026-03-20' }).map((p) => p.path)).toEqual(['/deadlines/citySubmission']);
  });

  it('accepts the alliance report on 31 December, even on the publicity’s last day, but not after the year', () => {
    expect(problems({ publicity: '2026-12-31', allianceReport: '2026-12-31' })).toEqual([]);
    expect(problems({ allianceReport: '2026-12-30' })).toEqual([]);
    expect(problems({ publicity: '2026-12-31', allianceReport: '2026-12-30' })[0]).toMatchObject({ path: '/deadlines/allianceReport', en: 'must not be before publicity ends (2026-12-31)' });
  });

  it('wants every deadline on a working day', () => {
    expect(problems({ certification: '2026-10-01' })).toEqual([{ path: '/deadlines/certification', zh: '2026-10-01 不是工作日', en: '2026-10-01 is not a working day' }]);
  });

  it('refuses a deadline in the past unless the office records a past year; the notice may predate the opening', () => {
    expect(problems({}, { today: '2026-05-21' })).toEqual([
      { path: '/deadlines/citySubmission', zh: '2026-05-20 已经过去；如为补录往年，请声明 recordingPastYear', en: '2026-05-20 is in the past; to record a past year, state recordingPastYear' },
    ]);
    expect(problems({}, { today: '2026-05-21', recordingPastYear: true })).toEqual([]);
    expect(problems({}, { today: '2026-04-01' })).toEqual([]);
  });
});

describe('campaignTimetable', () => {
  it('gives the timers: deadlines at 17:00 Beijing time, reminders working days before', () => {
    const timetable = campaignTimetable(planCampaign(rules2026, '2026-03-20', calendar).dates, calendar);
    expect(timetable).toEqual({
      citySubmissionDeadline: '2026-05-20T17:00:00+08:00',
      cityReminderAt: '2026-05-15T17:00:00+08:00',
      expertReviewDue: '2026-06-10T17:00:00+08:00',
      certificationDeadline: '2026-11-04T17:00:00+08:00',
      publicityPlannedEnd: '2026-11-11T17:00:00+08:00',
      allianceReportDue: '2026-12-31T17:00:00+08:00',
      allianceReportReminderAt: '2026-12-17T17:00:00+08:00',
    });
  });
});
