import { dateAndTime } from 'feelin';
import { describe, expect, it } from 'vitest';
import { FeelError, evaluateCondition, evaluateFeel, isFeel, resolveValue, toIsoDateTime } from './feel.ts';

const strict = { strict: true } as const;
const fixedClock = (iso: string) => ({ now: () => new Date(iso) });

/** Runs `run` and returns the FeelError it must throw. */
function feelError(run: () => unknown): FeelError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(FeelError);
    return error as FeelError;
  }
  throw new Error('expected a FeelError');
}

/** The calendar date of an instant in the process's zone, which is where Zeebe's today() lives. */
function localDate(instant: Date): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

describe('isFeel and resolveValue: Zeebe\'s "=" rule', () => {
  it('recognises an expression by its first non-blank character', () => {
    expect(isFeel('=a')).toBe(true);
    expect(isFeel('  = a')).toBe(true);
    expect(isFeel('a = b')).toBe(false);
    expect(isFeel('')).toBe(false);
    expect(isFeel(42)).toBe(false);
    expect(isFeel(null)).toBe(false);
  });

  it('returns a literal unchanged and evaluates an expression', () => {
    expect(resolveValue('hello world', { hello: 1 })).toBe('hello world');
    expect(resolveValue('x > 1', { x: 5 })).toBe('x > 1');
    expect(resolveValue('', {})).toBe('');
    expect(resolveValue('=1 + 1', {})).toBe(2);
    expect(resolveValue(' = "a" + "b"', {})).toBe('ab');
    expect(resolveValue('=taskType', { taskType: 'review' })).toBe('review');
  });

  it('evaluateFeel tolerates the leading "="', () => {
    expect(evaluateFeel('= 2 * 3', {})).toBe(6);
  });
});

describe('evaluateFeel: the language', () => {
  it('reads paths, filters and aggregates', () => {
    const context = {
      a: { b: { c: 'deep' } },
      items: [
        { name: 'alpha', score: 90, price: 10 },
        { name: 'beta', score: 70, price: 2.5 },
        { name: 'gamma', score: 85, price: 1 },
      ],
    };
    expect(evaluateFeel('a.b.c', context, strict)).toBe('deep');
    expect(evaluateFeel('items[score > 80].name', context, strict)).toEqual(['alpha', 'gamma']);
    expect(evaluateFeel('sum(items.price)', context, strict)).toBe(13.5);
    expect(evaluateFeel('count(items[score > 80])', context, strict)).toBe(2);
    expect(evaluateFeel('list contains(items.name, "beta")', context, strict)).toBe(true);
  });

  it('concatenates strings and compares', () => {
    expect(evaluateFeel('"申报-" + year + "-" + string(n)', { year: '2026', n: 7 }, strict)).toBe('申报-2026-7');
    expect(evaluateFeel('x >= 10 and y = "ok"', { x: 10, y: 'ok' }, strict)).toBe(true);
    expect(evaluateFeel('if x > 1 then "big" else "small"', { x: 0 }, strict)).toBe('small');
  });

  it('resolves variable names with spaces from the context, and backtick names', () => {
    expect(evaluateFeel('order total * 2', { 'order total': 21 }, strict)).toBe(42);
    expect(evaluateFeel('`order-id` + "!"', { 'order-id': 'A1' }, strict)).toBe('A1!');
  });

  it('normalises contexts, lists and null recursively', () => {
    expect(evaluateFeel('{a: 1, b: [1, {c: null}], d: date("2026-10-13")}', {}, strict)).toEqual({
      a: 1,
      b: [1, { c: null }],
      d: '2026-10-13',
    });
    expect(evaluateFeel('null', {}, strict)).toBeNull();
  });

  it('does not let a "__proto__" key reach Object.prototype', () => {
    evaluateFeel('{"__proto__": {polluted: true}}', {});
    const fromJson = JSON.parse('{"__proto__": {"polluted": true}}') as unknown;
    const out = evaluateFeel('x', { x: fromJson }) as object;
    expect(Object.keys(out)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('copies rather than aliases the variables it returns', () => {
    const input = { list: [1, 2], nested: { a: 1 } };
    const out = evaluateFeel('input', { input }, strict) as typeof input;
    expect(out).toEqual(input);
    expect(out).not.toBe(input);
  });

  it('replaces function and range results, which cannot be variables, by null (an error in strict mode)', () => {
    expect(evaluateFeel('function(x) x + 1', {})).toBeNull();
    expect(evaluateFeel('[1..3]', {})).toBeNull();
    expect(feelError(() => evaluateFeel('function(x) x + 1', {}, strict)).warnings[0]).toMatch(/^UNSUPPORTED_RESULT/);
  });
});

describe('evaluateFeel: dates, times and durations become ISO strings', () => {
  it('adds durations to dates', () => {
    expect(evaluateFeel('date("2026-10-13") + duration("P1D")', {}, strict)).toBe('2026-10-14');
    expect(evaluateFeel('date("2026-01-31") + duration("P1M")', {}, strict)).toBe('2026-02-28');
    // feelin promotes a date plus hours to a UTC date-time
    expect(evaluateFeel('date("2026-10-13") + duration("PT1H")', {}, strict)).toBe('2026-10-13T01:00:00Z');
  });

  it('keeps the offset of a date-time and the locality of a local one', () => {
    expect(evaluateFeel('date and time("2026-10-13T10:00:00+08:00")', {}, strict)).toBe('2026-10-13T10:00:00+08:00');
    expect(evaluateFeel('@"2026-10-13T10:00:00Z"', {}, strict)).toBe('2026-10-13T10:00:00Z');
    expect(evaluateFeel('date and time("2026-10-13T10:00:00")', {}, strict)).toBe('2026-10-13T10:00:00');
    expect(evaluateFeel('date and time("2026-10-13T10:00:00.250Z")', {}, strict)).toBe('2026-10-13T10:00:00.25Z');
  });

  it('round-trips a date-time through a variable', () => {
    const due = evaluateFeel('date and time("2026-10-13T10:00:00+08:00") + duration("PT2H")', {}, strict);
    expect(due).toBe('2026-10-13T12:00:00+08:00');
    expect(evaluateFeel('date and time(due) + duration("P1D")', { due }, strict)).toBe('2026-10-14T12:00:00+08:00');
    expect(evaluateFeel('date and time(due) > date and time("2026-10-13T03:00:00Z")', { due }, strict)).toBe(true);
  });

  it('turns a named zone into its offset at that instant', () => {
    expect(evaluateFeel('date and time("2026-10-13T10:00:00@Asia/Shanghai")', {}, strict)).toBe('2026-10-13T10:00:00+08:00');
    expect(evaluateFeel('@"2026-07-01T10:00:00@Europe/Berlin"', {}, strict)).toBe('2026-07-01T10:00:00+02:00');
    expect(evaluateFeel('@"2026-12-01T10:00:00@Europe/Berlin"', {}, strict)).toBe('2026-12-01T10:00:00+01:00');
  });

  it('renders durations and times', () => {
    expect(evaluateFeel('duration("P3D")', {}, strict)).toBe('P3D');
    expect(evaluateFeel('duration("PT1H")', {}, strict)).toBe('PT1H');
    expect(evaluateFeel('duration("P1Y2M")', {}, strict)).toBe('P1Y2M');
    expect(evaluateFeel('duration("P1Y") + duration("P2M")', {}, strict)).toBe('P1Y2M');
    expect(evaluateFeel('date("2026-10-13") - date("2026-10-01")', {}, strict)).toBe('P12D');
    expect(evaluateFeel('time("10:30:00+05:00")', {}, strict)).toBe('10:30:00+05:00');
    expect(evaluateFeel('day of week(date("2026-10-13"))', {}, strict)).toBe('Tuesday');
  });

  it('reads a JS Date variable as a UTC date-time', () => {
    expect(evaluateFeel('t + duration("PT1M")', { t: new Date('2026-10-13T10:00:00Z') }, strict)).toBe('2026-10-13T10:01:00Z');
  });
});

describe('now() and today()', () => {
  it('use options.now when given', () => {
    const clock = fixedClock('2026-10-13T01:02:03Z');
    const now = evaluateFeel('now()', {}, { ...clock, strict: true });
    expect(typeof now).toBe('string');
    expect(now).toMatch(/(Z|[+-]\d{2}:\d{2})$/);
    expect(Date.parse(now as string)).toBe(Date.parse('2026-10-13T01:02:03Z'));
    expect(evaluateFeel('today()', {}, { ...clock, strict: true })).toBe(localDate(new Date('2026-10-13T01:02:03Z')));
  });

  it('do arithmetic on the virtual clock', () => {
    const clock = fixedClock('2026-10-13T10:00:00Z');
    const due = evaluateFeel('now() + duration("P3D")', {}, { ...clock, strict: true }) as string;
    expect(Date.parse(due)).toBe(Date.parse('2026-10-16T10:00:00Z'));
    expect(evaluateFeel('today() < date("2030-01-01")', {}, { ...clock, strict: true })).toBe(true);
  });

  it('use the real clock otherwise', () => {
    const before = Date.now();
    const now = evaluateFeel('now()', {}, strict) as string;
    const after = Date.now();
    expect(Date.parse(now)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(now)).toBeLessThanOrEqual(after);
    const today = evaluateFeel('today()', {}, strict);
    expect([localDate(new Date(before)), localDate(new Date(after))]).toContain(today);
  });
});

describe('Camunda extension functions', () => {
  it('is defined: false for a missing variable and for null, without a strict-mode warning', () => {
    expect(evaluateFeel('is defined(x)', { x: 1 }, strict)).toBe(true);
    expect(evaluateFeel('is defined(x)', { x: false }, strict)).toBe(true);
    expect(evaluateFeel('is defined(x)', { x: null }, strict)).toBe(false);
    expect(evaluateFeel('is defined(x)', {}, strict)).toBe(false);
    expect(evaluateFeel('is defined(x.y)', { x: {} }, strict)).toBe(false);
    expect(evaluateFeel('is defined(x.y)', {}, strict)).toBe(false);
    expect(evaluateFeel('is defined(value: x)', {}, strict)).toBe(false);
    expect(evaluateFeel('not(is defined(x)) and y = 1', { y: 1 }, strict)).toBe(true);
  });

  it('is defined does not excuse a missing variable elsewhere in the expression', () => {
    expect(feelError(() => evaluateFeel('is defined(x) and y', {}, strict)).message).toContain("Variable 'y' not found");
  });

  it('get or else', () => {
    expect(evaluateFeel('get or else("this", "default")', {}, strict)).toBe('this');
    expect(evaluateFeel('get or else(null, "default")', {}, strict)).toBe('default');
    expect(evaluateFeel('get or else(null, null)', {}, strict)).toBeNull();
    expect(evaluateFeel('get or else(a.priority, "prio-99")', {}, strict)).toBe('prio-99');
    expect(evaluateFeel('get or else(value: x, default: 0)', { x: 5 }, strict)).toBe(5);
    expect(evaluateFeel('get or else(false, true)', {}, strict)).toBe(false);
  });

  it('assert returns the value or fails the evaluation, even when not strict', () => {
    expect(evaluateFeel('assert(x, x != null)', { x: 'value' })).toBe('value');
    const plain = feelError(() => evaluateFeel('assert(x, x != null)', {}));
    expect(plain.expression).toBe('assert(x, x != null)');
    expect(plain.message).toContain('断言失败');
    expect(plain.message).toContain('The condition is not fulfilled');
    const withCause = feelError(() => evaluateFeel('assert(b, b >= 0, "\'b\' should be positive")', { b: -1 }));
    expect(withCause.message).toContain("'b' should be positive");
    expect(withCause.message).toContain('assert(b, b >= 0');
    // a null condition (comparison with a missing value) is not "true"
    expect(() => evaluateFeel('assert(b, b >= 0)', {})).toThrow(FeelError);
  });

  it('duplicate values, by value and in order of first occurrence', () => {
    expect(evaluateFeel('duplicate values([1,2,3,2,1])', {}, strict)).toEqual([1, 2]);
    expect(evaluateFeel('duplicate values([1,2,3])', {}, strict)).toEqual([]);
    expect(evaluateFeel('duplicate values([{a: 1, b: 2}, {b: 2, a: 1}, "1", 1])', {}, strict)).toEqual([{ a: 1, b: 2 }]);
    expect(evaluateFeel('duplicate values([date("2026-01-01"), date("2026-01-01"), "2026-01-01"])', {}, strict)).toEqual(['2026-01-01']);
    expect(evaluateFeel('duplicate values("abc")', {})).toBeNull();
    expect(() => evaluateFeel('duplicate values("abc")', {}, strict)).toThrow(/INVALID_ARGUMENTS/);
  });

  it('is empty', () => {
    expect(evaluateFeel('is empty([])', {}, strict)).toBe(true);
    expect(evaluateFeel('is empty([1, 2])', {}, strict)).toBe(false);
    expect(evaluateFeel('is empty(items[x > 5])', { items: [{ x: 1 }] }, strict)).toBe(true);
    expect(evaluateFeel('is empty(1)', {})).toBeNull();
  });

  it('partition', () => {
    expect(evaluateFeel('partition([1,2,3,4,5], 2)', {}, strict)).toEqual([[1, 2], [3, 4], [5]]);
    expect(evaluateFeel('partition([], 2)', {}, strict)).toEqual([]);
    expect(evaluateFeel('partition([1,2], 0)', {})).toBeNull();
    expect(() => evaluateFeel('partition([1,2], 1.5)', {}, strict)).toThrow(/size must be a positive integer/);
  });

  it('last day of month', () => {
    expect(evaluateFeel('last day of month(date("2024-02-10"))', {}, strict)).toBe('2024-02-29');
    expect(evaluateFeel('last day of month(date("2026-02-10"))', {}, strict)).toBe('2026-02-28');
    expect(evaluateFeel('last day of month(date and time("2026-04-03T10:00:00Z"))', {}, strict)).toBe('2026-04-30');
    expect(evaluateFeel('last day of month("2026-04-03")', {})).toBeNull();
  });

  it('uuid', () => {
    const a = evaluateFeel('uuid()', {}, strict);
    const b = evaluateFeel('uuid()', {}, strict);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a).not.toBe(b);
  });

  it('is blank', () => {
    expect(evaluateFeel('is blank("")', {}, strict)).toBe(true);
    expect(evaluateFeel('is blank("  \\t ")', {}, strict)).toBe(true);
    expect(evaluateFeel('is blank("hello world")', {}, strict)).toBe(false);
    expect(evaluateFeel('is blank(1)', {})).toBeNull();
  });

  it('string join and context merge come from feelin', () => {
    expect(evaluateFeel('string join(["a", "b", "c"])', {}, strict)).toBe('abc');
    expect(evaluateFeel('string join(["a", null, "c"], ", ")', {}, strict)).toBe('a, c');
    expect(evaluateFeel('context merge([{a: 1}, {b: 2}, {a: 3}])', {}, strict)).toEqual({ a: 3, b: 2 });
  });

  it('years and months duration drops the days, as in Zeebe', () => {
    expect(evaluateFeel('years and months duration(date("2020-01-01"), date("2026-11-25"))', {}, strict)).toBe('P6Y10M');
    expect(evaluateFeel('years and months duration(date("2026-11-25"), date("2020-01-01"))', {}, strict)).toBe('-P6Y10M');
    expect(evaluateFeel('years and months duration(date("2020-01-31"), date("2020-02-29"))', {}, strict)).toBe('P0M');
    expect(evaluateFeel('years and months duration(date("2011-12-22"), date("2013-08-24"))', {}, strict)).toBe('P1Y8M');
    expect(
      evaluateFeel('years and months duration(date and time("2020-01-01T10:00:00Z"), date("2021-02-01"))', {}, strict),
    ).toBe('P1Y1M');
    expect(evaluateFeel('years and months duration(1, 2)', {})).toBeNull();
  });

  it('rejects a call with too few arguments (null, and an error in strict mode)', () => {
    expect(evaluateFeel('partition([1])', {})).toBeNull();
    expect(() => evaluateFeel('get or else(1)', {}, strict)).toThrow(/expects 2 argument/);
  });

  it('lets a variable shadow a built-in of the same name, as feelin does for its own', () => {
    expect(evaluateFeel('uuid', { uuid: 'mine' }, strict)).toBe('mine');
    expect(evaluateFeel('count', { count: 3 }, strict)).toBe(3);
    expect(evaluateFeel('now + 1', { now: 1 }, strict)).toBe(2);
  });

  it('leaves names that merely contain a built-in\'s name alone', () => {
    expect(evaluateFeel('nowhere + today2 + is_ok', { nowhere: 1, today2: 2, is_ok: 3 }, strict)).toBe(6);
    expect(evaluateFeel('last item', { 'last item': 'z' }, strict)).toBe('z');
  });
});

describe('errors and strict mode', () => {
  it('names the expression of a syntax error, Chinese first', () => {
    const error = feelError(() => evaluateFeel('amount +', { amount: 1 }));
    expect(error.expression).toBe('amount +');
    expect(error.message).toMatch(/^FEEL 语法错误.* \/ FEEL syntax error .*"amount \+"/);
    expect(feelError(() => resolveValue('=', {})).message).toContain('FEEL syntax error');
  });

  it('returns null for a missing variable unless strict', () => {
    expect(evaluateFeel('missing', {})).toBeNull();
    expect(evaluateFeel('missing > 5', {})).toBeNull();
    const error = feelError(() => evaluateFeel('missing > 5', {}, strict));
    expect(error.expression).toBe('missing > 5');
    expect(error.warnings).toEqual(["NO_VARIABLE_FOUND: Variable 'missing' not found"]);
    expect(error.message).toContain('严格模式');
  });

  it('reports other warnings in strict mode too', () => {
    expect(evaluateFeel('"a" + 1', {})).toBeNull();
    expect(feelError(() => evaluateFeel('"a" + 1', {}, strict)).warnings[0]).toMatch(/^INVALID_TYPE/);
    expect(feelError(() => evaluateFeel('nope(1)', {}, strict)).warnings.length).toBeGreaterThan(0);
  });
});

describe('evaluateCondition', () => {
  it('returns the boolean, with or without "="', () => {
    expect(evaluateCondition('=amount > 100', { amount: 150 })).toBe(true);
    expect(evaluateCondition('amount > 100', { amount: 50 })).toBe(false);
    expect(evaluateCondition('= approved', { approved: false })).toBe(false);
  });

  it('fails on anything that is not a boolean, null included, naming the expression', () => {
    for (const [expression, context] of [
      ['=amount', { amount: 1 }],
      ['="yes"', {}],
      ['=missing > 5', {}],
      ['=null', {}],
      ['=[true]', {}],
    ] as const) {
      const error = feelError(() => evaluateCondition(expression, context));
      expect(error.expression).toBe(expression.slice(1));
      expect(error.message).toContain('条件表达式的结果不是布尔值');
      expect(error.message).toContain(JSON.stringify(expression.slice(1)));
    }
  });

  it('passes strict mode through', () => {
    expect(evaluateCondition('=get or else(x, 0) > 1', {}, strict)).toBe(false);
    expect(evaluateCondition('=if is defined(x) then x > 1 else false', {}, strict)).toBe(false);
    expect(() => evaluateCondition('=x > 1 or true', {}, strict)).toThrow(/NO_VARIABLE_FOUND/);
  });

  it('known difference: feelin evaluates both sides of "and", so strict mode flags the skipped side', () => {
    expect(evaluateCondition('=is defined(x) and x > 1', {})).toBe(false);
    expect(() => evaluateCondition('=is defined(x) and x > 1', {}, strict)).toThrow(/Variable 'x' not found/);
  });
});

describe('toIsoDateTime', () => {
  it('keeps an offset', () => {
    expect(toIsoDateTime('2026-10-13T10:00:00+08:00')).toBe('2026-10-13T10:00:00+08:00');
    expect(toIsoDateTime('2026-10-13T10:00:00Z')).toBe('2026-10-13T10:00:00Z');
    expect(toIsoDateTime(' 2026-10-13T10:00:00.5-03:30 ')).toBe('2026-10-13T10:00:00.5-03:30');
  });

  it('reads a date-time without offset as UTC', () => {
    expect(toIsoDateTime('2026-10-13T10:00:00')).toBe('2026-10-13T10:00:00Z');
    expect(toIsoDateTime('2026-10-13T10:00')).toBe('2026-10-13T10:00:00Z');
  });

  it('converts a zone id to its offset, DST included', () => {
    expect(toIsoDateTime('2026-10-13T10:00:00@Asia/Shanghai')).toBe('2026-10-13T10:00:00+08:00');
    expect(toIsoDateTime('2026-07-01T10:00:00@Europe/Berlin')).toBe('2026-07-01T10:00:00+02:00');
    expect(toIsoDateTime('2026-01-01T10:00:00[Europe/Berlin]')).toBe('2026-01-01T10:00:00+01:00');
    expect(toIsoDateTime('2019-10-02T08:09:40+02:00[Europe/Berlin]')).toBe('2019-10-02T08:09:40+02:00');
    // a wall-clock time skipped by DST moves forward, like java.time
    expect(toIsoDateTime('2026-03-29T02:30:00@Europe/Berlin')).toBe('2026-03-29T03:30:00+02:00');
  });

  it('accepts FEEL date-times, evaluation results and Dates', () => {
    expect(toIsoDateTime(dateAndTime('2026-10-13T10:00:00@Asia/Shanghai'))).toBe('2026-10-13T10:00:00+08:00');
    expect(toIsoDateTime(dateAndTime('2026-10-13T10:00:00'))).toBe('2026-10-13T10:00:00Z');
    expect(toIsoDateTime(evaluateFeel('date and time("2026-10-13T10:00:00") + duration("P1D")', {}))).toBe('2026-10-14T10:00:00Z');
    expect(toIsoDateTime(new Date('2026-10-13T10:00:00Z'))).toBe('2026-10-13T10:00:00.000Z');
  });

  it('gives undefined for anything that is not a date-time, so the caller raises the incident', () => {
    for (const value of ['tomorrow', '2026-10-13', 'P1D', '2026-13-01T10:00:00Z', '2026-10-13T10:00:00@Mars/Olympus', '2026-10-13T10:00:00[Nowhere]', '', 42, null, undefined, new Date('nope'), {}]) {
      expect(toIsoDateTime(value)).toBeUndefined();
    }
    expect(toIsoDateTime(evaluateFeel('date("2026-10-13")', {}))).toBeUndefined();
  });
});
