/**
 * The one source of "now" for the engine and the workers. Production uses the system clock;
 * tests and `jingpin demo` use a {@link VirtualClock} that moves every timer, due date and
 * backoff at once, so a three-year certificate timer can be tested in milliseconds.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to. */
export class VirtualClock implements Clock {
  #epochMs: number;

  constructor(start: Date | string = new Date()) {
    this.#epochMs = new Date(start).getTime();
    if (Number.isNaN(this.#epochMs)) throw new TypeError(`VirtualClock: invalid start ${String(start)}`);
  }

  now(): Date {
    return new Date(this.#epochMs);
  }

  /** Moves forward by milliseconds or by an ISO 8601 duration such as `P30D` or `PT2H`. */
  advance(by: number | string): Date {
    const ms = typeof by === 'number' ? by : isoDurationMs(by, this.now());
    if (!(ms >= 0)) throw new RangeError(`VirtualClock only moves forward (got ${String(by)})`);
    this.#epochMs += ms;
    return this.now();
  }

  /** Moves to an instant that is not in the past. */
  set(to: Date | string): Date {
    const target = new Date(to).getTime();
    if (Number.isNaN(target) || target < this.#epochMs) throw new RangeError(`VirtualClock only moves forward (to ${String(to)})`);
    this.#epochMs = target;
    return this.now();
  }
}

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Milliseconds of an ISO 8601 duration measured from `from` (years and months are calendar units). */
export function isoDurationMs(duration: string, from: Date): number {
  const m = DURATION.exec(duration);
  if (!m || duration === 'P' || duration.endsWith('T')) throw new RangeError(`not an ISO 8601 duration: ${duration}`);
  const [, y, mo, w, d, h, mi, s] = m.map((v) => (v === undefined ? 0 : Number(v)));
  const end = new Date(from);
  end.setUTCFullYear(end.getUTCFullYear() + (y ?? 0), end.getUTCMonth() + (mo ?? 0), end.getUTCDate() + (w ?? 0) * 7 + (d ?? 0));
  return end.getTime() - from.getTime() + (((h ?? 0) * 60 + (mi ?? 0)) * 60 + (s ?? 0)) * 1000;
}
