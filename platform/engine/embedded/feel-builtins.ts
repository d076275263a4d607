/**
 * Camunda 8's FEEL extension functions that feelin 8.2.0 lacks (or gets wrong), as plain
 * functions to place in the evaluation context. feelin resolves a name in the context before
 * its own built-ins, and its context-aware parser recognises context keys with spaces
 * (`is defined`, `get or else`) as single names, which is what makes this work at all.
 *
 * Checked against feelin 8.2.0: `string join` (one and two arguments) and `context merge`
 * exist and are not polyfilled; `now()` and `today()` exist but read the real clock, so they
 * are replaced to honour a virtual clock; `years and months duration` keeps the days
 * (`P6Y10M24D`) and is replaced with Zeebe's result (`P6Y10M`).
 */
import { randomUUID } from 'node:crypto';
import { FeelDate, FeelDateTime, FeelDuration, FeelTime, duration, toFeel } from 'feelin';

/**
 * What one evaluation lends the built-ins. feelin calls context functions without any handle
 * on the evaluation, so the clock and the warning sink travel in a module-level slot that
 * {@link withScope} sets for exactly the duration of a synchronous `evaluate` call.
 */
export interface EvaluationScope {
  readonly now: () => Date;
  /** Problems the built-ins met; they turn into errors in strict mode, like feelin's warnings. */
  readonly warnings: string[];
}

const systemNow = (): Date => new Date();
let scope: EvaluationScope | undefined;

export function withScope<T>(current: EvaluationScope, run: () => T): T {
  const outer = scope;
  scope = current;
  try {
    return run();
  } finally {
    scope = outer;
  }
}

/**
 * Thrown by `assert(...)` to stop the evaluation; feel.ts turns it into a FeelError. It is an
 * exception rather than a warning because Zeebe fails the evaluation here even in lenient mode.
 */
export class FeelAssertionFailure extends Error {
  /** The model's own words, `assert(value, condition, cause)`; undefined without a cause. */
  constructor(readonly reason: string | undefined) {
    super(reason ?? 'The condition is not fulfilled');
    this.name = 'FeelAssertionFailure';
  }
}

type Builtin = ((...args: unknown[]) => unknown) & { $args: string[] };

/**
 * Declares the parameter names explicitly: without `$args` feelin parses them out of
 * `fn.toString()`, which a bundler or a default value would silently break, and named
 * invocation (`is defined(value: x)`) needs Camunda's names.
 */
function builtin(name: string, params: string[], required: number, fn: (...args: unknown[]) => unknown): Builtin {
  const wrapped = (...args: unknown[]): unknown => {
    // feelin passes a parameter that was not given as undefined; FEEL's own null is null.
    if (args.length < required || args.slice(0, required).some((arg) => arg === undefined)) {
      return invalid(name, `expects ${required} argument(s): ${params.slice(0, required).join(', ')}`);
    }
    return fn(...args);
  };
  return Object.assign(wrapped, { $args: params });
}

/**
 * Zeebe answers a misused function with null plus a warning; so do we. In English, like
 * feelin's own warnings, since FeelError quotes them verbatim after its bilingual summary.
 */
function invalid(name: string, why: string): null {
  scope?.warnings.push(`INVALID_ARGUMENTS: ${name}(): ${why}`);
  return null;
}

function isList(value: unknown): value is unknown[] {
  return Array.isArray(value);
}

/**
 * The process's own zone, as Zeebe's FEEL clock uses `ZoneId.systemDefault()` and feelin's
 * `now()` uses Temporal's system zone. Read per call because tests may change `TZ`.
 */
function systemZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

function zonedNow() {
  const instant = (scope?.now ?? systemNow)();
  // toFeel turns a Date into a UTC date-time; the zone conversion itself is Temporal's.
  const utc = toFeel(instant) as FeelDateTime;
  return utc.unwrap().toZonedDateTime('UTC').withTimeZone(systemZone());
}

/**
 * An equality key for `duplicate values`: FEEL compares by value (contexts regardless of key
 * order, temporal values by their canonical text), which `===` on objects would not do.
 */
function valueKey(value: unknown, ids: Map<object, number>): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return `s${JSON.stringify(value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value}:${String(value)}`;
  if (typeof value !== 'object' && typeof value !== 'function') return `${typeof value}:${String(value)}`;
  if (Array.isArray(value)) return `[${value.map((item) => valueKey(item, ids)).join(',')}]`;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${valueKey(item, ids)}`).join(',')}}`;
  }
  if (value instanceof FeelDate) return `date:${value.toString()}`;
  if (value instanceof FeelTime) return `time:${value.toString()}`;
  if (value instanceof FeelDateTime) return `date time:${value.toString()}`;
  if (value instanceof FeelDuration) return `duration:${value.toString()}`;
  // Functions and foreign objects are only ever equal to themselves.
  let id = ids.get(value);
  if (id === undefined) {
    id = ids.size + 1;
    ids.set(value, id);
  }
  return `#${id}`;
}

/** The calendar date of a date or date-time, or undefined for anything else. */
function calendarDate(value: unknown): { year: number; month: number; day: number } | undefined {
  return value instanceof FeelDate || value instanceof FeelDateTime ? value : undefined;
}

const builtins: Record<string, Builtin> = {
  // Camunda: "Checks if a given value is not null" — so a missing variable and a variable
  // holding null both give false. (Camunda documents this as a breaking change: older
  // versions returned true for null. We follow the current docs.)
  'is defined': builtin('is defined', ['value'], 1, (value) => value !== null && value !== undefined),

  'get or else': builtin('get or else', ['value', 'default'], 2, (value, fallback) => value ?? fallback ?? null),

  assert: builtin('assert', ['value', 'condition', 'cause'], 2, (value, condition, cause) => {
    if (condition === true) return value ?? null;
    throw new FeelAssertionFailure(typeof cause === 'string' ? cause : undefined);
  }),

  'duplicate values': builtin('duplicate values', ['list'], 1, (list) => {
    if (!isList(list)) return invalid('duplicate values', 'expects a list');
    // In order of first occurrence, as Camunda's example shows: [1,2,3,2,1] gives [1,2].
    const ids = new Map<object, number>();
    const seen = new Map<string, { item: unknown; count: number }>();
    for (const item of list) {
      const key = valueKey(item, ids);
      const entry = seen.get(key);
      if (entry) entry.count += 1;
      else seen.set(key, { item, count: 1 });
    }
    return [...seen.values()].filter((entry) => entry.count > 1).map((entry) => entry.item);
  }),

  'is empty': builtin('is empty', ['list'], 1, (list) =>
    isList(list) ? list.length === 0 : invalid('is empty', 'expects a list'),
  ),

  partition: builtin('partition', ['list', 'size'], 2, (list, size) => {
    if (!isList(list)) return invalid('partition', 'expects a list');
    if (typeof size !== 'number' || !Number.isInteger(size) || size <= 0) {
      return invalid('partition', 'size must be a positive integer');
    }
    const parts: unknown[][] = [];
    for (let start = 0; start < list.length; start += size) parts.push(list.slice(start, start + size));
    return parts;
  }),

  'last day of month': builtin('last day of month', ['date'], 1, (date) => {
    if (date instanceof FeelDate) return new FeelDate(date.unwrap().with({ day: date.unwrap().daysInMonth }));
    if (date instanceof FeelDateTime) {
      const day = date.unwrap().toPlainDate();
      return new FeelDate(day.with({ day: day.daysInMonth }));
    }
    return invalid('last day of month', 'expects a date or date and time');
  }),

  uuid: builtin('uuid', [], 0, () => randomUUID()),

  'is blank': builtin('is blank', ['string'], 1, (text) =>
    typeof text === 'string' ? text.trim() === '' : invalid('is blank', 'expects a string'),
  ),

  now: builtin('now', [], 0, () => {
    const zoned = zonedNow();
    return new FeelDateTime(zoned.toPlainDateTime(), zoned.timeZoneId);
  }),

  today: builtin('today', [], 0, () => new FeelDate(zonedNow().toPlainDate())),

  // Java's Period.between(from, to).withDays(0), which feel-scala uses: whole months only,
  // counted towards zero. Date-times contribute their calendar date, as in feel-scala.
  'years and months duration': builtin('years and months duration', ['from', 'to'], 2, (from, to) => {
    const a = calendarDate(from);
    const b = calendarDate(to);
    if (!a || !b) return invalid('years and months duration', 'expects two dates or date and times');
    let months = b.year * 12 + b.month - (a.year * 12 + a.month);
    const days = b.day - a.day;
    if (months > 0 && days < 0) months -= 1;
    else if (months < 0 && days > 0) months += 1;
    const sign = months < 0 ? '-' : '';
    const abs = Math.abs(months);
    return duration(`${sign}P${Math.floor(abs / 12)}Y${abs % 12}M`);
  }),
};

/**
 * Built once. feel.ts puts the ones an expression names under its variables,
 * `{ ...used, ...variables }`, so a variable wins on a name clash, as it does over feelin's
 * own built-ins (feel-scala keeps functions and variables apart; feelin cannot, so `uuid()`
 * fails where a variable `uuid` exists).
 */
export const camundaBuiltins: Readonly<Record<string, Builtin>> = Object.freeze(builtins);
