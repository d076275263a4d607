import { beijingDate } from '../notifications/beijing-time.ts';
import { CalendarYearNotPublished, type WorkingDayCalendar } from '../calendar/working-day-calendar.ts';

/** What a person sees of a due date: whether it has passed, and the working days left until it. */
export interface TimeLeft {
  readonly overdue: boolean;
  /**
   * Working days after today (Beijing) up to and including the due date's day; 0 when it falls
   * due today or has passed; null when the calendar of a year it spans is not loaded.
   */
  readonly workingDaysLeft: number | null;
}

export function timeLeft(due: string | Date, now: Date, calendar: WorkingDayCalendar): TimeLeft {
  const overdue = new Date(due).getTime() < now.getTime();
  const today = beijingDate(now);
  const dueDay = beijingDate(due);
  if (overdue || dueDay <= today) return { overdue, workingDaysLeft: 0 };
  try {
    return { overdue, workingDaysLeft: calendar.workingDaysBetween(today, dueDay) };
  } catch (error) {
    if (error instanceof CalendarYearNotPublished) return { overdue, workingDaysLeft: null };
    throw error;
  }
}
