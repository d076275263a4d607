import type { IsoDate, WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { allianceAnnualReportDue } from '../deadlines/alliance-annual-report.ts';
import { citySubmissionReminder } from '../deadlines/city-submission.ts';
import { deadlineOn } from '../deadlines/deadline.ts';
import type { CampaignRuleSet } from './rule-set.ts';

/**
 * Working days from the opening to each stage when the notice sets no date [ASSUMED: the
 * notices of 2022–2024 left these to the cities; chosen to fit the March–December cycle of
 * the 2023 notice]: the city submission 40 working days after the notice, the expert comparison
 * 15 after that, and certification 100 after the expert comparison.
 */
export const DEFAULT_STAGE_WORKING_DAYS = { citySubmission: 40, expertComparison: 15, certification: 100 } as const;

/** A campaign's timetable: what its timers read, as ISO date-times with the +08:00 offset. */
export interface CampaignTimetable {
  readonly citySubmissionDeadline: string;
  readonly cityReminderAt: string;
  readonly expertReviewDue: string;
  readonly certificationDeadline: string;
  readonly allianceReportDue: string;
  readonly allianceReportReminderAt: string;
}

/**
 * The timetable of a campaign opened on `openedOn`: the notice's dates where it gives them,
 * otherwise the default distances in working days. Throws CalendarYearNotPublished (untouched)
 * when a date falls in an unpublished year.
 */
export function campaignTimetable(ruleSet: CampaignRuleSet, openedOn: IsoDate, calendar: WorkingDayCalendar): CampaignTimetable {
  const stage = (given: IsoDate | undefined, after: IsoDate, workingDays: number) => given ?? calendar.addWorkingDays(after, workingDays);
  const citySubmission = stage(ruleSet.stageDeadlines.citySubmissionDue, openedOn, DEFAULT_STAGE_WORKING_DAYS.citySubmission);
  const expertReview = stage(ruleSet.stageDeadlines.expertComparisonDue, citySubmission, DEFAULT_STAGE_WORKING_DAYS.expertComparison);
  const certification = stage(ruleSet.stageDeadlines.certificationDue, expertReview, DEFAULT_STAGE_WORKING_DAYS.certification);
  const report = allianceAnnualReportDue(calendar, ruleSet.campaignYear);
  return {
    citySubmissionDeadline: deadlineOn(citySubmission).at,
    cityReminderAt: citySubmissionReminder(calendar, citySubmission).at,
    expertReviewDue: deadlineOn(expertReview).at,
    certificationDeadline: deadlineOn(certification).at,
    allianceReportDue: report.due.at,
    allianceReportReminderAt: (report.reminders[0] ?? report.due).at,
  };
}
