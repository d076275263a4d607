import { processIds } from '../../bpmn/contract.ts';
import { CalendarYearNotPublished, type IsoDate, type WorkingDayCalendar } from '../../domain/calendar/working-day-calendar.ts';
import type { CampaignRuleSet } from '../../domain/campaign/rule-set.ts';
import {
  campaignTimetable,
  planCampaign,
  timetableProblems,
  type CampaignDates,
  type PlannedStage,
  type TimetableProblem,
  type TimetableStage,
} from '../../domain/campaign/timetable.ts';
import { beijingDateOf } from '../../domain/deadlines/beijing-time.ts';
import { loadWorkingDayCalendar } from '../db/calendar-years.ts';
import { withTransaction } from '../db/pool.ts';
import { ruleSetFor } from '../rule-sets/rule-sets.ts';
import { recordCaseStart, startCase, type CaseStartDependencies } from './case-starts.ts';

export class CampaignExists extends Error {
  override readonly name = 'CampaignExists';
}

/** The office's dates cannot make a timetable; each problem names the date and the rule. */
export class CampaignTimetableRefused extends Error {
  override readonly name = 'CampaignTimetableRefused';
  constructor(readonly problems: readonly TimetableProblem[]) {
    super(`时间表有误 / the timetable is wrong: ` + problems.map((p) => `${p.path} ${p.zh} / ${p.en}`).join('; '));
  }
}

/** What the provincial office gives when it opens a year: its notice and the deadlines it sets. */
export interface OpenCampaignRequest {
  readonly year: number;
  readonly noticeNumber?: string;
  /** The notice's date; today (Beijing) when not given. */
  readonly noticeDate?: IsoDate;
  /** Deadlines the office sets; a stage left out ends as the plan proposes. */
  readonly deadlines?: Partial<Record<TimetableStage, IsoDate>>;
  /** The office records a year gone by: dates in the past are then accepted. */
  readonly recordingPastYear?: boolean;
}

export interface CampaignPlanDependencies {
  readonly db: CaseStartDependencies['db'];
  readonly clock: CaseStartDependencies['clock'];
  /** The working-day calendar; the bundled data plus the loaded years when not given. */
  readonly calendar?: () => Promise<WorkingDayCalendar>;
}

/** A campaign's proposed timetable, from its rule set, notice date and the calendar. */
export interface CampaignPlan {
  readonly year: number;
  readonly ruleSetVersion: number;
  readonly dates: CampaignDates;
  readonly stages: readonly PlannedStage[];
}

/**
 * The timetable proposed for `year` with its notice dated `noticeDate` (`jingpin campaign plan`).
 * @throws {RuleSetNotLoaded} | {CalendarYearNotPublished}, each saying what to load.
 */
export async function planCampaignYear(deps: CampaignPlanDependencies, year: number, noticeDate?: IsoDate): Promise<CampaignPlan & { ruleSet: CampaignRuleSet; calendar: WorkingDayCalendar }> {
  const ruleSet = await ruleSetFor(deps.db, year);
  const calendar = await (deps.calendar ?? (() => loadWorkingDayCalendar(deps.db)))();
  // Refused before anything is computed: a year without its holidays would give wrong deadlines.
  if (!calendar.coveredYears().includes(year)) throw new CalendarYearNotPublished(year);
  const plan = planCampaign(ruleSet, noticeDate ?? beijingDateOf(deps.clock.now()), calendar);
  return { year, ruleSetVersion: ruleSet.version, ...plan, ruleSet, calendar };
}

/**
 * Starts the year's annual-campaign process under its loaded rule set, with the timetable checked
 * here (the open-campaign task then writes the campaigns row). The year is the case's business
 * key and opens one case for good: asking again with the same request (a retry, or many at once)
 * answers that case; asking with another notice number or other dates, or for a year opened
 * before case starts were recorded, is refused.
 * @throws {RuleSetNotLoaded} | {CalendarYearNotPublished} saying what to load; {@link CampaignTimetableRefused}; {@link CampaignExists}.
 */
export async function openCampaign(
  deps: CaseStartDependencies & Pick<CampaignPlanDependencies, 'calendar'>,
  request: OpenCampaignRequest,
): Promise<{ year: number; processInstanceKey: string; ruleSetVersion: string; dates: CampaignDates }> {
  const plan = await planCampaignYear(deps, request.year, request.noticeDate);
  const dates: CampaignDates = { ...plan.dates, ...request.deadlines };
  const problems = timetableProblems(dates, {
    year: request.year,
    today: beijingDateOf(deps.clock.now()),
    recordingPastYear: request.recordingPastYear === true,
    calendar: plan.calendar,
  });
  if (problems.length > 0) throw new CampaignTimetableRefused(problems);
  const timetable = campaignTimetable(dates, plan.calendar);
  const businessKey = String(request.year);
  const refused = () => new CampaignExists(`${request.year} 年度已开启，不能以不同的请求再次开启 / the ${request.year} campaign exists already; it cannot be opened again with a different request`);
  await withTransaction(deps.db, async (db) => {
    const variables = {
      campaignYear: request.year,
      ...(request.noticeNumber ? { noticeNumber: request.noticeNumber } : {}),
      noticeDate: dates.noticeDate,
      ruleSetVersion: plan.ruleSetVersion,
      timetable,
    };
    const recorded = await recordCaseStart(db, { processDefinitionId: processIds.campaign, businessKey, variables }, deps.clock.now());
    if (!recorded.sameRequest) throw refused();
    // A campaign opened before its start was recorded here: refused, and this record rolls back.
    if (recorded.created && (await db.query('SELECT 1 FROM campaigns WHERE year = $1', [request.year])).rowCount) throw refused();
  });
  const processInstanceKey = await startCase(deps, processIds.campaign, businessKey);
  return { year: request.year, processInstanceKey, ruleSetVersion: String(plan.ruleSetVersion), dates };
}
