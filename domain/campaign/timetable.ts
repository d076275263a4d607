import type { IsoDate, WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { ALLIANCE_REPORT_REMINDER_WORKING_DAYS, allianceAnnualReportDue } from '../deadlines/alliance-annual-report.ts';
import { citySubmissionReminder } from '../deadlines/city-submission.ts';
import { deadlineOn } from '../deadlines/deadline.ts';
import { DEFAULT_PUBLICITY_WORKING_DAYS } from '../deadlines/publicity.ts';
import { reminderBefore } from '../deadlines/reminder.ts';
import type { CampaignRuleSet, Text } from './rule-set.ts';

/** The deadlines the office sets when it opens a campaign, in the order the stages run. */
export const timetableStages = ['citySubmission', 'expertReview', 'certification', 'publicity', 'allianceReport'] as const;
export type TimetableStage = (typeof timetableStages)[number];

export const stageNames: Readonly<Record<TimetableStage, Text>> = {
  citySubmission: { zh: '设区市报送截止', en: 'city submission closes' },
  expertReview: { zh: '专家比对论证完成', en: 'expert panels end' },
  certification: { zh: '认证期结束', en: 'certification period ends' },
  publicity: { zh: '公示期满', en: 'publicity ends' },
  allianceReport: { zh: '联盟年度工作报告截止', en: 'alliance annual report due' },
};

/** A campaign's dates: the notice's, and the last day of each stage. */
export type CampaignDates = { readonly noticeDate: IsoDate } & Readonly<Record<TimetableStage, IsoDate>>;

/** One stage of a plan: when it ends, and how many working days it runs after the one before. */
export interface PlannedStage {
  readonly stage: TimetableStage;
  readonly name: Text;
  readonly ends: IsoDate;
  readonly workingDays: number;
  /** Why it ends then: the notice's date, the rule set's length in working days, or the report rule (12月底前). */
  readonly from: 'NOTICE' | 'WORKING_DAYS' | 'YEAR_END';
}

/**
 * The proposed timetable of a campaign whose notice is dated `noticeDate`: each stage ends the
 * rule set's number of working days after the one before (or on the date the notice gives), the
 * publicity runs its working days after certification, and the alliance report is due on the last
 * working day on or before 31 December.
 * @throws {CalendarYearNotPublished} when a stage reaches a year whose holidays are not loaded.
 */
export function planCampaign(ruleSet: CampaignRuleSet, noticeDate: IsoDate, calendar: WorkingDayCalendar): { dates: CampaignDates; stages: PlannedStage[] } {
  const lengths = ruleSet.stageWorkingDays;
  const publicity = ruleSet.publicityWorkingDays.known ? ruleSet.publicityWorkingDays.value : DEFAULT_PUBLICITY_WORKING_DAYS;
  const stages: PlannedStage[] = [];
  let after = noticeDate;
  const next = (stage: TimetableStage, given: IsoDate | undefined, workingDays: number) => {
    const ends = given ?? calendar.addWorkingDays(after, workingDays);
    stages.push({ stage, name: stageNames[stage], ends, workingDays: calendar.workingDaysBetween(after, ends), from: given ? 'NOTICE' : 'WORKING_DAYS' });
    after = ends;
    return ends;
  };
  const citySubmission = next('citySubmission', ruleSet.stageDeadlines.citySubmissionDue, lengths.citySubmission);
  const expertReview = next('expertReview', ruleSet.stageDeadlines.expertComparisonDue, lengths.expertComparison);
  const certification = next('certification', ruleSet.stageDeadlines.certificationDue, lengths.certification);
  const publicityEnds = next('publicity', undefined, publicity);
  const allianceReport = allianceAnnualReportDue(calendar, ruleSet.campaignYear).due.date;
  stages.push({ stage: 'allianceReport', name: stageNames.allianceReport, ends: allianceReport, workingDays: calendar.workingDaysBetween(publicityEnds, allianceReport), from: 'YEAR_END' });
  return { dates: { noticeDate, citySubmission, expertReview, certification, publicity: publicityEnds, allianceReport }, stages };
}

/** A date of a proposed timetable that cannot be used, by its place in the request (`/deadlines/publicity`). */
export interface TimetableProblem {
  readonly path: string;
  readonly zh: string;
  readonly en: string;
}

const pathOf = (key: keyof CampaignDates) => (key === 'noticeDate' ? '/noticeDate' : `/deadlines/${key}`);

/**
 * What is wrong with a campaign's dates: each stage must end after the one before (the alliance
 * report may fall on the publicity's last day, and must be due by 31 December of the campaign
 * year, the 31st included), every deadline on a working day, and none in the past unless the
 * office says it records a past year. The notice may predate the opening.
 * @throws {CalendarYearNotPublished} when a date falls in a year whose holidays are not loaded.
 */
export function timetableProblems(
  dates: CampaignDates,
  context: { readonly year: number; readonly today: IsoDate; readonly recordingPastYear: boolean; readonly calendar: WorkingDayCalendar },
): TimetableProblem[] {
  const found: TimetableProblem[] = [];
  let previous: keyof CampaignDates = 'noticeDate';
  for (const stage of timetableStages) {
    const date = dates[stage];
    const before = dates[previous];
    const mayShare = stage === 'allianceReport';
    if (mayShare ? date < before : date <= before) {
      const rule = mayShare ? { zh: '不得早于', en: 'must not be before' } : { zh: '应晚于', en: 'must be after' };
      found.push({ path: pathOf(stage), zh: `${rule.zh}${previous === 'noticeDate' ? '通知日期' : stageNames[previous].zh}（${before}）`, en: `${rule.en} ${previous === 'noticeDate' ? 'the notice date' : stageNames[previous].en} (${before})` });
    }
    if (!context.calendar.isWorkingDay(date)) found.push({ path: pathOf(stage), zh: `${date} 不是工作日`, en: `${date} is not a working day` });
    if (date < context.today && !context.recordingPastYear) {
      found.push({
        path: pathOf(stage),
        zh: `${date} 已经过去；如为补录往年，请声明 recordingPastYear`,
        en: `${date} is in the past; to record a past year, state recordingPastYear`,
      });
    }
    previous = stage;
  }
  if (dates.allianceReport > `${context.year}-12-31` || dates.allianceReport < `${context.year}-01-01`) {
    found.push({ path: pathOf('allianceReport'), zh: `应在 ${context.year} 年内（12月31日前，含当日）`, en: `must be within ${context.year}, by 31 December inclusive` });
  }
  return found;
}

/** A campaign's timetable: what its timers read, as ISO date-times with the +08:00 offset. */
export interface CampaignTimetable {
  readonly citySubmissionDeadline: string;
  readonly cityReminderAt: string;
  readonly expertReviewDue: string;
  readonly certificationDeadline: string;
  readonly publicityPlannedEnd: string;
  readonly allianceReportDue: string;
  readonly allianceReportReminderAt: string;
}

/** The timers of a campaign whose dates were checked (see {@link timetableProblems}): deadlines at 17:00 Beijing time. */
export function campaignTimetable(dates: CampaignDates, calendar: WorkingDayCalendar): CampaignTimetable {
  const firstReminder = Math.max(...ALLIANCE_REPORT_REMINDER_WORKING_DAYS);
  return {
    citySubmissionDeadline: deadlineOn(dates.citySubmission).at,
    cityReminderAt: citySubmissionReminder(calendar, dates.citySubmission).at,
    expertReviewDue: deadlineOn(dates.expertReview).at,
    certificationDeadline: deadlineOn(dates.certification).at,
    publicityPlannedEnd: deadlineOn(dates.publicity).at,
    allianceReportDue: deadlineOn(dates.allianceReport).at,
    allianceReportReminderAt: reminderBefore(calendar, dates.allianceReport, firstReminder).at,
  };
}
