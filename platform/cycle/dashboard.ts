import type { Pool } from 'pg';
import { declarationTasks } from '../../bpmn/contract.ts';
import { jiangsuCities } from '../../domain/directory/divisions.ts';
import { timeLeft } from '../../domain/deadlines/time-left.ts';
import { beijingIso } from '../../domain/notifications/beijing-time.ts';
import { loadWorkingDayCalendar } from '../db/calendar-years.ts';
import type { Clock } from '../engine/clock.ts';
import type { EnginePort } from '../engine/port.ts';
import { cncaTimelinessSql } from './cnca-timeliness.ts';
import type { Dashboard } from './dashboard-view.ts';

/** A correction with this many working days left, or fewer, is marked as running out. */
export const CORRECTION_ENDING_WORKING_DAYS = 2;

export interface DashboardDeps {
  readonly db: Pool;
  readonly engine: Pick<EnginePort, 'searchUserTasks'>;
  readonly clock: Clock;
}

const iso = (at: Date | null): string | null => (at ? beijingIso(at) : null);

const CASE = `d.number, e.name AS "enterpriseName", e.city_code AS "cityCode", d.product_name AS "productName"`;

/**
 * One campaign as the provincial office follows it: declarations per city and stage, what is late
 * (city submissions missed, CNCA reports overdue, corrections running out), the key-cultivation
 * ranking, publicity with its objections, and the announcement. Undefined for a year never opened.
 */
export async function campaignDashboard(deps: DashboardDeps, year: number): Promise<Dashboard | undefined> {
  const { db, clock } = deps;
  const now = clock.now();
  const campaign = (
    await db.query<{ status: string; noticeNumber: string; timetable: Record<string, string>; announcedAt: Date | null; announcementNumber: string | null }>(
      `SELECT status, notice_number AS "noticeNumber", timetable, announced_at AS "announcedAt", announcement_number AS "announcementNumber" FROM campaigns WHERE year = $1`,
      [year],
    )
  ).rows[0];
  if (!campaign) return undefined;

  const [counts, missed, cnca, keyList, publicity, objections, announced, corrections] = await Promise.all([
    // A closed declaration keeps the stage CLOSED: counted there, whatever its outcome.
    db.query<{ cityCode: string; stage: string; declarations: number }>(
      `SELECT e.city_code AS "cityCode", d.stage, count(*)::int AS declarations
         FROM declarations d JOIN enterprises e ON e.id = d.enterprise_id
        WHERE d.campaign_year = $1 GROUP BY e.city_code, d.stage ORDER BY e.city_code, d.stage`,
      [year],
    ),
    // The model closes a case NOT_RECOMMENDED three ways: the county or the city said no (a
    // recommendation row with recommended = false), or the deadline passed first (no such row).
    // Of the last, the level missing its row is the one that had not acted.
    db.query<{ number: string; enterpriseName: string; cityCode: string; productName: string; level: 'COUNTY' | 'CITY'; closedAt: Date }>(
      `SELECT ${CASE}, CASE WHEN EXISTS (SELECT 1 FROM recommendations r WHERE r.declaration_number = d.number AND r.level = 'COUNTY') THEN 'CITY' ELSE 'COUNTY' END AS level,
              d.closed_at AS "closedAt"
         FROM declarations d JOIN enterprises e ON e.id = d.enterprise_id
        WHERE d.campaign_year = $1 AND d.outcome = 'NOT_RECOMMENDED' AND d.channel = 'COUNTY'
          AND NOT EXISTS (SELECT 1 FROM recommendations r WHERE r.declaration_number = d.number AND NOT r.recommended)
        ORDER BY e.city_code, d.number`,
      [year],
    ),
    db.query<{ number: string; enterpriseName: string; cityCode: string; productName: string; bodyId: string; bodyName: string; dueAt: Date; escalatedAt: Date | null }>(
      `SELECT ${CASE}, c.body_id AS "bodyId", b.name AS "bodyName", c.cnca_due_at AS "dueAt", c.cnca_escalated_at AS "escalatedAt"
         FROM certifications c JOIN declarations d ON d.number = c.declaration_number JOIN enterprises e ON e.id = d.enterprise_id
         JOIN certification_bodies b ON b.id = c.body_id
        WHERE d.campaign_year = $1 AND ${cncaTimelinessSql('c', '$2')} = 'OVERDUE'
        ORDER BY c.cnca_due_at, d.number`,
      [year, now],
    ),
    db.query<{ number: string; enterpriseName: string; cityCode: string; productName: string; rank: number; score: string; selected: boolean | null }>(
      `SELECT ${CASE}, k.rank, k.score::text AS score, k.selected
         FROM key_cultivation k JOIN declarations d ON d.number = k.declaration_number JOIN enterprises e ON e.id = d.enterprise_id
        WHERE k.campaign_year = $1 ORDER BY k.rank, d.number`,
      [year],
    ),
    // In publicity now, or through it: announced, or removed after an objection.
    db.query<{ number: string; enterpriseName: string; cityCode: string; productName: string; stage: string; outcome: string | null; objections: number; undecided: number }>(
      `SELECT ${CASE}, d.stage, d.outcome,
              (SELECT count(*)::int FROM objections o WHERE o.declaration_number = d.number) AS objections,
              (SELECT count(*)::int FROM objections o WHERE o.declaration_number = d.number AND o.decision IS NULL) AS undecided
         FROM declarations d JOIN enterprises e ON e.id = d.enterprise_id
        WHERE d.campaign_year = $1 AND (d.stage IN ('PUBLICITY', 'ANNOUNCEMENT', 'ANNOUNCED') OR d.outcome IN ('ANNOUNCED', 'REMOVED_AFTER_OBJECTION'))
        ORDER BY d.number`,
      [year],
    ),
    db.query<{ id: string; number: string; enterpriseName: string; productName: string; filedAt: Date; objectorKind: string; text: string; decision: string | null; decidedAt: Date | null }>(
      `SELECT o.id, d.number, e.name AS "enterpriseName", d.product_name AS "productName", o.filed_at AS "filedAt", o.objector_kind AS "objectorKind", o.text,
              o.decision, o.decided_at AS "decidedAt"
         FROM objections o JOIN declarations d ON d.number = o.declaration_number JOIN enterprises e ON e.id = d.enterprise_id
        WHERE d.campaign_year = $1 ORDER BY o.filed_at, o.id`,
      [year],
    ),
    db.query<{ announced: number }>(`SELECT count(*)::int AS announced FROM declarations WHERE campaign_year = $1 AND outcome = 'ANNOUNCED'`, [year]),
    openCorrections(deps, year, now),
  ]);

  return {
    year,
    status: campaign.status,
    noticeNumber: campaign.noticeNumber,
    timetable: Object.fromEntries(Object.entries(campaign.timetable).map(([k, v]) => [k, beijingIso(v)])),
    asOf: beijingIso(now),
    cities: jiangsuCities.map(({ code, zh, en }) => ({ code, zh, en })),
    counts: counts.rows,
    late: {
      citySubmissionsMissed: missed.rows.map((r) => ({ ...r, closedAt: beijingIso(r.closedAt) })),
      cncaOverdue: cnca.rows.map((r) => ({ ...r, dueAt: beijingIso(r.dueAt), escalatedAt: iso(r.escalatedAt) })),
      corrections,
    },
    keyCultivation: keyList.rows.map((r) => ({ ...r, score: Number(r.score) })),
    publicity: publicity.rows,
    objections: objections.rows.map((r) => ({ ...r, id: Number(r.id), filedAt: beijingIso(r.filedAt), decidedAt: iso(r.decidedAt) })),
    announcement: { number: campaign.announcementNumber, announcedAt: iso(campaign.announcedAt), announced: announced.rows[0]!.announced },
  };
}

/** The open correction tasks of the year's declarations, soonest deadline first, with working days left. */
async function openCorrections(deps: DashboardDeps, year: number, now: Date): Promise<Dashboard['late']['corrections']> {
  const tasks = await deps.engine.searchUserTasks({ elementId: declarationTasks.correctMaterials, state: 'CREATED' });
  const numbers = tasks.map((t) => t.businessKey).filter((n): n is string => n !== null);
  if (numbers.length === 0) return [];
  const [{ rows }, calendar] = await Promise.all([
    deps.db.query<{ number: string; enterpriseName: string; cityCode: string; productName: string }>(
      `SELECT ${CASE} FROM declarations d JOIN enterprises e ON e.id = d.enterprise_id WHERE d.campaign_year = $1 AND d.number = ANY($2)`,
      [year, numbers],
    ),
    loadWorkingDayCalendar(deps.db),
  ]);
  const ofYear = new Map(rows.map((r) => [r.number, r]));
  return tasks
    .filter((t) => t.businessKey !== null && ofYear.has(t.businessKey))
    .map((t) => {
      const left = t.dueDate ? timeLeft(t.dueDate, now, calendar) : { overdue: false, workingDaysLeft: null };
      const endingSoon = left.overdue || (left.workingDaysLeft !== null && left.workingDaysLeft <= CORRECTION_ENDING_WORKING_DAYS);
      return { ...ofYear.get(t.businessKey!)!, taskKey: t.userTaskKey, dueAt: t.dueDate ? beijingIso(t.dueDate) : null, ...left, endingSoon };
    })
    .sort((a, b) => (a.dueAt ?? '9').localeCompare(b.dueAt ?? '9') || a.number.localeCompare(b.number));
}
