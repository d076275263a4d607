import { CalendarYearNotPublished } from '../../domain/calendar/working-day-calendar.ts';
import { incident, type JobOutcome } from '../../platform/engine/outcome.ts';

/**
 * A deadline that reaches a year whose holidays are not published stays pending: the job
 * becomes an incident naming the year, and resolving it after `jingpin calendar load` computes
 * the deadline again. Anything else is rethrown (and retried as a passing fault).
 */
export function calendarIncident(error: unknown): JobOutcome {
  if (error instanceof CalendarYearNotPublished) return incident(error.message);
  throw error;
}
