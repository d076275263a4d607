/**
 * Chinese working days: Monday to Friday, minus statutory holidays, plus the make-up (调休)
 * weekend days the State Council announces each November for the next year. Every deadline in
 * jingpin is counted in these days.
 *
 * Dates are calendar dates in Beijing time, written `YYYY-MM-DD`.
 */
export type IsoDate = string;

export interface WorkingDayCalendar {
  /** Whether the date is a working day. Throws CalendarYearNotPublished for an uncovered year. */
  isWorkingDay(date: IsoDate): boolean;
  /**
   * The date `n` working days after `date`, counting from the next day (the date itself never
   * counts): addWorkingDays('2026-09-28', 7) is '2026-10-13'. Throws CalendarYearNotPublished
   * when the count reaches a year whose arrangement is not published.
   */
  addWorkingDays(date: IsoDate, n: number): IsoDate;
  /** Working days strictly after `from` up to and including `to`. */
  workingDaysBetween(from: IsoDate, to: IsoDate): number;
  /** The years this calendar knows, oldest first. */
  coveredYears(): readonly number[];
}

/**
 * A computation touched a year whose holiday arrangement has not been published or loaded:
 * the deadline stays pending until an administrator loads that year (`jingpin calendar load`).
 */
export class CalendarYearNotPublished extends Error {
  override readonly name = 'CalendarYearNotPublished';
  constructor(readonly year: number) {
    super(
      `${year} 年的节假日安排尚未公布或未导入 / the holiday arrangement for ${year} is not published or not loaded: ` +
        `load it with \`jingpin calendar load ${year} FILE\``,
    );
  }
}
