import type { IsoDate } from './working-day-calendar.ts';

/**
 * One year's holiday arrangement as the State Council published it and the office loaded it
 * (`jingpin calendar load`), for a year the bundled chinese-days data does not cover.
 */
export interface CalendarYear {
  readonly year: number;
  /** Days off: the statutory holidays and the days moved next to them. */
  readonly holidays: readonly IsoDate[];
  /** Weekend days that are working days (调休上班). */
  readonly makeUpWorkdays: readonly IsoDate[];
  /** The notice it comes from, e.g. 国办发明电〔2025〕7号. */
  readonly notice: string;
  /** Holiday names by date, when the file gave them (Chinese, as published). */
  readonly names?: Readonly<Record<IsoDate, string>>;
}
