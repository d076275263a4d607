import type { Language } from './content.ts';

// China has kept UTC+8 all year since 1991, so Beijing time is a fixed shift: no time-zone
// database needed, and the result does not depend on the machine's zone.
const beijingOffsetMs = 8 * 3_600_000;
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function beijingParts(instant: string | Date) {
  const ms = new Date(instant).getTime();
  if (Number.isNaN(ms)) throw new RangeError(`not a date-time: ${String(instant)}`);
  const shifted = new Date(ms + beijingOffsetMs);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
  };
}

/** The calendar date in Beijing, `YYYY-MM-DD`. */
export function beijingDate(instant: string | Date): string {
  const { year, month, day } = beijingParts(instant);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * A deadline as people read it, in Beijing time: `2026年10月13日` / `13 Oct 2026`, with the
 * time added when it is not midnight (`2026年10月13日 17:00` / `13 Oct 2026, 17:00`).
 */
export function formatDeadline(instant: string | Date, language: Language): string {
  const { year, month, day, hour, minute } = beijingParts(instant);
  const time = hour === 0 && minute === 0 ? '' : `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  if (language === 'zh') return `${year}年${month}月${day}日${time ? ` ${time}` : ''}`;
  return `${day} ${months[month - 1]} ${year}${time ? `, ${time}` : ''}`;
}

/** An instant as ISO 8601 in Beijing time, e.g. `2026-10-13T17:00:00+08:00`. */
export function beijingIso(instant: string | Date): string {
  const ms = new Date(instant).getTime();
  if (Number.isNaN(ms)) throw new RangeError(`not a date-time: ${String(instant)}`);
  return `${new Date(ms + beijingOffsetMs).toISOString().slice(0, 19)}+08:00`;
}
