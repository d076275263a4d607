/**
 * FEEL for the embedded engine: feelin 8.2.0 plus the Camunda 8 extensions it lacks
 * (feel-builtins.ts), with results turned into the plain JSON-like values a Zeebe variable
 * holds. docs/portable-subset.md lists what feelin does and does not do.
 *
 * No parse cache: feelin's public API only offers `evaluate`, which parses every time, and
 * the parse itself depends on the context (a key such as `order total` is recognised as one
 * name only if it is in the context), so a parsed tree could not be reused across variable
 * stores anyway. feelin also deep-copies the whole context on every call. What we can save is
 * our own share: the built-ins are built once, and an expression gets only those it names,
 * since every context key costs feelin's parser work on every call (measured: with all twelve
 * in the context, simple mappings over a 30-variable store took about 1.5 times as long).
 */
import {
  FeelDate,
  FeelDateTime,
  FeelDuration,
  FeelFunction,
  FeelRange,
  FeelTime,
  SyntaxError as FeelSyntaxError,
  evaluate,
  parseDateTime,
  parseExpression,
} from 'feelin';
import type { Warning } from 'feelin';
import { FeelAssertionFailure, camundaBuiltins, withScope } from './feel-builtins.ts';

export type FeelContext = Record<string, unknown>;

export interface FeelOptions {
  /** The clock behind `now()` and `today()`; the real clock when absent. */
  now?: () => Date;
  /** Warnings (missing variable, wrong argument type, ...) become a FeelError. Used in tests. */
  strict?: boolean;
}

/** Backtick names (`` `order-id` ``) are a Camunda extension that feelin only parses in this dialect. */
const DIALECT = 'camunda';

/** Why an evaluation failed: a summary in both languages, then details (feelin's, in English) once. */
export interface FeelErrorReason {
  zh: string;
  en: string;
  detail?: string;
}

export class FeelError extends Error {
  readonly expression: string;
  readonly warnings: string[];

  constructor(expression: string, reason: FeelErrorReason, warnings: readonly string[] = [], options?: ErrorOptions) {
    const detail = reason.detail === undefined ? '' : ` — ${reason.detail}`;
    super(`${reason.zh} / ${reason.en}: ${quote(expression)}${detail}`, options);
    this.name = 'FeelError';
    this.expression = expression;
    this.warnings = [...warnings];
  }
}

function quote(expression: string): string {
  const text = JSON.stringify(expression);
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

/** Zeebe's rule: a value is an expression when its first non-blank character is `=`. */
export function isFeel(value: unknown): value is string {
  return typeof value === 'string' && value.trimStart().startsWith('=');
}

/** Accepts the source with or without its `=`: no FEEL expression can start with `=`, so stripping is safe. */
function stripEquals(expression: string): string {
  const trimmed = expression.trimStart();
  return trimmed.startsWith('=') ? trimmed.slice(1) : expression;
}

/**
 * Evaluates a FEEL expression (given without its leading `=`; one is tolerated) and returns
 * a plain value: temporal values become ISO strings, contexts plain objects, lists arrays,
 * FEEL null null. Throws FeelError for a syntax error, a failed `assert`, and in strict mode
 * for any warning.
 */
export function evaluateFeel(expression: string, context: FeelContext, options?: FeelOptions): unknown {
  return evaluateSource(stripEquals(expression), context, options);
}

function evaluateSource(source: string, context: FeelContext, options: FeelOptions = {}): unknown {
  const scope = { now: options.now ?? systemNow, warnings: [] as string[] };
  const builtins = builtinsFor(source);
  const evalContext = builtins ? { ...builtins, ...context } : context;
  let result: { value: unknown; warnings: Warning[] };
  let value: unknown;
  try {
    result = withScope(scope, () => evaluate(source, evalContext, DIALECT));
    value = normalise(result.value, scope.warnings);
  } catch (error) {
    throw failure(source, error);
  }
  if (options.strict) {
    const warnings = [...reportable(source, evalContext, result.warnings), ...scope.warnings];
    if (warnings.length > 0) {
      throw new FeelError(
        source,
        { zh: 'FEEL 表达式产生警告（严格模式）', en: 'FEEL expression produced warnings (strict mode)', detail: warnings.join('; ') },
        warnings,
      );
    }
  }
  return value;
}

const systemNow = (): Date => new Date();

/** Each built-in with the first word of its name, which any call of it must contain. */
const BUILTIN_WORDS = Object.entries(camundaBuiltins).map(([name, fn]) => ({
  name,
  fn,
  word: new RegExp(`(?<![\\p{L}\\p{N}_?])${name.split(' ')[0] ?? name}(?![\\p{L}\\p{N}_?])`, 'u'),
}));
const usedBuiltins = new Map<string, Readonly<Record<string, unknown>> | undefined>();
const USED_BUILTINS_LIMIT = 1000;

/** The built-ins an expression may call, or undefined for none; remembered per source text. */
function builtinsFor(source: string): Readonly<Record<string, unknown>> | undefined {
  if (usedBuiltins.has(source)) return usedBuiltins.get(source);
  const used = BUILTIN_WORDS.filter((b) => b.word.test(source));
  const result = used.length === 0 ? undefined : Object.freeze(Object.fromEntries(used.map((b) => [b.name, b.fn])));
  // Bounded, oldest first out: sources come from deployed models, but nothing stops a caller
  // from evaluating generated text.
  if (usedBuiltins.size >= USED_BUILTINS_LIMIT) {
    const oldest = usedBuiltins.keys().next();
    if (!oldest.done) usedBuiltins.delete(oldest.value);
  }
  usedBuiltins.set(source, result);
  return result;
}

/** Zeebe's rule for every attribute that may hold an expression: `=...` is FEEL, anything else a literal. */
export function resolveValue(raw: string, context: FeelContext, options?: FeelOptions): unknown {
  return isFeel(raw) ? evaluateFeel(raw, context, options) : raw;
}

/**
 * A condition must come out as a boolean. Zeebe raises an incident for anything else,
 * null included (a missing variable in `x > 5` gives null), so null is an error here too
 * rather than a quiet "false".
 */
export function evaluateCondition(expression: string, context: FeelContext, options?: FeelOptions): boolean {
  const source = stripEquals(expression);
  const value = evaluateSource(source, context, options);
  if (typeof value === 'boolean') return value;
  throw new FeelError(source, {
    zh: '条件表达式的结果不是布尔值',
    en: 'condition did not evaluate to a boolean',
    detail: `got ${describe(value)}`,
  });
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  const type = Array.isArray(value) ? 'list' : typeof value === 'object' ? 'context' : typeof value;
  const text = JSON.stringify(value) ?? String(value);
  return `${type} ${text.length > 60 ? `${text.slice(0, 59)}…` : text}`;
}

function failure(source: string, error: unknown): FeelError {
  if (error instanceof FeelError) return error;
  if (error instanceof FeelAssertionFailure) {
    const detail = error.reason ?? '条件不成立 / The condition is not fulfilled';
    return new FeelError(source, { zh: 'FEEL 断言失败', en: 'FEEL assertion failed', detail }, [], { cause: error });
  }
  if (error instanceof FeelSyntaxError) {
    const at = error.position.from + 1;
    return new FeelError(
      source,
      { zh: `FEEL 语法错误（第 ${at} 个字符）`, en: `FEEL syntax error at character ${at}`, detail: error.message },
      [],
      { cause: error },
    );
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new FeelError(source, { zh: 'FEEL 表达式求值失败', en: 'FEEL evaluation failed', detail }, [], { cause: error });
}

// Strict mode ----------------------------------------------------------------

const MISSING = new Set<Warning['type']>(['NO_VARIABLE_FOUND', 'NO_CONTEXT_ENTRY_FOUND', 'NO_PROPERTY_FOUND']);
const NULL_TOLERANT = new Set(['is defined', 'get or else']);
const MAY_BE_NULL_TOLERANT = /\bis\s+defined\b|\bget\s+or\s+else\b/;

/**
 * feelin warns about the missing variable in `is defined(x)` and `get or else(x, 1)`, though
 * asking about a possibly missing value is the whole point of those functions and Zeebe
 * evaluates them without complaint. Such warnings are dropped; the others are reported.
 */
function reportable(source: string, evalContext: FeelContext, warnings: Warning[]): string[] {
  let tolerated: Array<{ from: number; to: number }> = [];
  if (warnings.some((w) => MISSING.has(w.type)) && MAY_BE_NULL_TOLERANT.test(source)) {
    tolerated = nullTolerantArguments(source, evalContext);
  }
  return warnings
    .filter((w) => !(MISSING.has(w.type) && tolerated.some((r) => w.position.from >= r.from && w.position.to <= r.to)))
    .map((w) => `${w.type}: ${w.message}`);
}

/** Source ranges of the first (`value`) argument of every `is defined(...)` / `get or else(...)`. */
function nullTolerantArguments(source: string, evalContext: FeelContext): Array<{ from: number; to: number }> {
  const ranges: Array<{ from: number; to: number }> = [];
  // Parsing again costs as much as the evaluation did; it happens only in strict mode (tests)
  // and only when a missing value meets one of these functions.
  parseExpression(source, evalContext, DIALECT).iterate({
    enter(ref) {
      if (ref.name !== 'FunctionInvocation') return;
      const callee = ref.node.firstChild;
      if (!callee || callee.name !== 'VariableName') return;
      if (!NULL_TOLERANT.has(source.slice(callee.from, callee.to).replace(/\s+/g, ' '))) return;
      const positional = ref.node.getChild('PositionalParameters')?.firstChild;
      if (positional) ranges.push({ from: positional.from, to: positional.to });
      for (const named of ref.node.getChild('NamedParameters')?.getChildren('NamedParameter') ?? []) {
        const name = named.getChild('ParameterName');
        if (name && source.slice(name.from, name.to).trim() === 'value') ranges.push({ from: named.from, to: named.to });
      }
    },
  });
  return ranges;
}

// Results ----------------------------------------------------------------------

const FIXED_OFFSET = /^[+-]\d{2}:\d{2}(:\d{2})?$/;

/**
 * A FEEL date-time as ISO 8601. A named zone (`@Asia/Shanghai`, feelin's own notation, which
 * neither `Date` nor most consumers parse) becomes its offset at that instant, DST included.
 * A local date-time stays local unless `localAsUtc`.
 */
function formatDateTime(value: FeelDateTime, localAsUtc: boolean): string {
  const zone = value.zone;
  if (zone === null) return localAsUtc ? `${value.toString()}Z` : value.toString();
  if (zone === 'UTC' || FIXED_OFFSET.test(zone)) return value.toString();
  return value.unwrap().toZonedDateTime(zone).toString({ timeZoneName: 'never' });
}

function normalise(value: unknown, warnings: string[]): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'function' || value instanceof FeelFunction || value instanceof FeelRange) {
    // Neither can be stored as a process variable; Zeebe cannot serialise them either.
    const kind = value instanceof FeelRange ? 'range' : 'function';
    warnings.push(`UNSUPPORTED_RESULT: a ${kind} cannot be a variable value and was replaced by null`);
    return null;
  }
  if (typeof value !== 'object') return value;
  if (value instanceof FeelDateTime) return formatDateTime(value, false);
  if (value instanceof FeelDate || value instanceof FeelTime || value instanceof FeelDuration) return value.toString();
  if (Array.isArray(value)) return value.map((item) => normalise(item, warnings));
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) {
    // fromEntries, not assignment, so a FEEL key "__proto__" stays an ordinary key.
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, normalise(item, warnings)]));
  }
  return value;
}

// Due dates and timers ---------------------------------------------------------------

const DATE_TIME_TEXT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const BRACKET_ZONE = /^(.*)\[([^\]]+)\]$/;
const HAS_OFFSET = /(?:[Zz]|[+-]\d{2}:\d{2}(?::\d{2})?)$/;

/**
 * An instant for a due date or timer, as an ISO 8601 date-time with an offset. Accepts ISO
 * strings (also Java's `+02:00[Europe/Berlin]` and FEEL's `@Europe/Berlin`), FEEL date-times
 * and Dates. A date-time without zone is UTC (Zeebe's rule) and gets a `Z`; a named zone is
 * turned into its offset.
 *
 * Anything that is not a date-time (a date alone, a duration, garbage) gives undefined rather
 * than an exception: the caller knows the element and the attribute and raises the incident.
 */
export function toIsoDateTime(value: unknown): string | undefined {
  try {
    return isoDateTime(value);
  } catch {
    // A zone Temporal rejects, a year out of range: not a date-time we can schedule.
    return undefined;
  }
}

function isoDateTime(value: unknown): string | undefined {
  if (value instanceof FeelDateTime) return formatDateTime(value, true);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  if (typeof value !== 'string') return undefined;
  let text = value.trim();
  if (!DATE_TIME_TEXT.test(text)) return undefined;
  const bracket = BRACKET_ZONE.exec(text);
  if (bracket) {
    const [, head = '', zone = ''] = bracket;
    if (parseDateTime(`2000-01-01T00:00:00@${zone}`) === null) return undefined;
    // With an offset the instant is fixed and the zone only names it (Java's ZonedDateTime.parse).
    text = HAS_OFFSET.test(head) ? head : `${head}@${zone}`;
  }
  const parsed = parseDateTime(text);
  return parsed ? formatDateTime(parsed, true) : undefined;
}
