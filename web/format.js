// Dates as people in Jiangsu read them: Beijing time (UTC+8 all year), whatever the browser's zone.

const BEIJING_MS = 8 * 3_600_000;

function parts(iso) {
  const shifted = new Date(new Date(iso).getTime() + BEIJING_MS);
  const pad = (n) => String(n).padStart(2, '0');
  return {
    date: `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`,
    time: `${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}`,
    zh: `${shifted.getUTCFullYear()}年${shifted.getUTCMonth() + 1}月${shifted.getUTCDate()}日`,
  };
}

/** "2026年10月13日 17:00" (Beijing time). */
export function beijingDateTime(iso) {
  if (!iso) return '—';
  const p = parts(iso);
  return `${p.zh} ${p.time}`;
}

/** "2026-10-13" (Beijing time), for machine-readable <time datetime>. */
export function beijingDay(iso) {
  return parts(iso).date;
}

/** A <time> element showing the instant in Beijing time. */
export function timeElement(iso) {
  const time = document.createElement('time');
  time.dateTime = iso;
  time.textContent = beijingDateTime(iso);
  return time;
}
