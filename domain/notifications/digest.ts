import type { WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { beijingDate } from './beijing-time.ts';
import { officeOfGroup } from './candidate-groups.ts';
import type { DigestContent, DigestItem } from './content.ts';
import type { PartyRef } from './roles.ts';

/** An open user task as the digest sees it. */
export interface OpenTask {
  readonly userTaskKey: string;
  readonly caseNumber: string;
  readonly taskName: string;
  /** ISO 8601 date-time with offset; tasks without one never appear in a digest. */
  readonly dueDate: string | null;
  readonly candidateGroups: readonly string[];
}

/** How far ahead a digest looks, in working days. */
export const dueSoonWorkingDays = 5;

/**
 * Each office's digest for the morning of `now`: its open tasks that are overdue, and those due
 * by the end of the fifth working day after today (Beijing dates). A task
 * offered to several offices is on each one's list; an office with nothing to list gets no digest.
 * @throws CalendarYearNotPublished when the five working days reach a year not yet loaded.
 */
export function buildDigests(tasks: readonly OpenTask[], now: Date, calendar: WorkingDayCalendar): DigestContent[] {
  const today = beijingDate(now);
  const horizon = calendar.addWorkingDays(today, dueSoonWorkingDays);
  const byOffice = new Map<string, { office: PartyRef; overdue: DigestItem[]; dueSoon: DigestItem[] }>();
  for (const task of [...tasks].sort(byDueDate)) {
    if (task.dueDate === null) continue;
    const overdue = new Date(task.dueDate).getTime() < now.getTime();
    if (!overdue && beijingDate(task.dueDate) > horizon) continue;
    const item: DigestItem = { caseNumber: task.caseNumber, taskName: task.taskName, dueDate: task.dueDate, userTaskKey: task.userTaskKey };
    for (const group of new Set(task.candidateGroups)) {
      const office = officeOfGroup(group);
      if (!office) continue;
      const entry = byOffice.get(group) ?? { office, overdue: [], dueSoon: [] };
      (overdue ? entry.overdue : entry.dueSoon).push(item);
      byOffice.set(group, entry);
    }
  }
  return [...byOffice.values()].map((entry) => ({ kind: 'daily-digest', date: today, ...entry }));
}

function byDueDate(a: OpenTask, b: OpenTask): number {
  return new Date(a.dueDate ?? 0).getTime() - new Date(b.dueDate ?? 0).getTime() || a.userTaskKey.localeCompare(b.userTaskKey);
}
