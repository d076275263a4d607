import { TimerEventDefinition } from 'bpmn-elements';
import { ISOInterval, getDate } from '@0dep/piso';
import type { Clock } from '../clock.ts';

/**
 * Timers on the engine clock instead of `setTimeout`.
 *
 * bpmn-elements computes timer expiry from `new Date()` and arms a Node timer, which never fires
 * for delays of 24.8 days or more and cannot follow a virtual clock. Here a timer is only a due
 * time: the instance is saved with its earliest due time and the scheduler wakes it then. On
 * resume, bpmn-elements recomputes the remaining delay from the stored expiry with the clock
 * below, so a timer that fell due while the instance slept fires at once, exactly once.
 */
export interface TimerRef {
  readonly dueAt: number;
  readonly owner: unknown;
  readonly fire: () => void;
}

type TimerCallback = (...args: unknown[]) => void;

export class ClockTimers {
  readonly #clock: Clock;
  readonly #refs = new Set<TimerRef>();

  constructor(clock: Clock) {
    this.#clock = clock;
    this.setTimeout = this.setTimeout.bind(this);
    this.clearTimeout = this.clearTimeout.bind(this);
  }

  get executing(): TimerRef[] {
    return [...this.#refs];
  }

  register(owner: unknown): { setTimeout: ClockTimers['setTimeout']; clearTimeout: ClockTimers['clearTimeout'] } {
    return {
      setTimeout: (callback: TimerCallback, delay: number, ...args: unknown[]) => this.#arm(owner, callback, delay, args),
      clearTimeout: (ref: TimerRef | undefined) => this.clearTimeout(ref),
    };
  }

  setTimeout(callback: TimerCallback, delay: number, ...args: unknown[]): TimerRef {
    return this.#arm(null, callback, delay, args);
  }

  clearTimeout(ref: TimerRef | undefined): undefined {
    if (ref) this.#refs.delete(ref);
    return undefined;
  }

  /**
   * Fires, in due order, the armed timers due at `at`: how an instance kept live in memory
   * between commands sees time pass (a recovered one recomputes its timers on resume).
   */
  fireDue(at: Date): number {
    const due = [...this.#refs].filter((ref) => ref.dueAt <= at.getTime()).sort((a, b) => a.dueAt - b.dueAt);
    for (const ref of due) {
      this.#refs.delete(ref);
      ref.fire();
    }
    return due.length;
  }

  /** Disarms every timer, including a zero-delay one not yet fired: its engine is being dropped. */
  clear(): void {
    this.#refs.clear();
  }

  /** The earliest due time of the armed timers, or null when none is armed. */
  nextDueAt(): Date | null {
    let min = Infinity;
    for (const ref of this.#refs) min = Math.min(min, ref.dueAt);
    return min === Infinity ? null : new Date(min);
  }

  #arm(owner: unknown, callback: TimerCallback, delay: number, args: unknown[]): TimerRef {
    const ref: TimerRef = { dueAt: this.#clock.now().getTime() + Math.max(0, delay), owner, fire: () => callback(...args) };
    // A due timer fires on the next turn, as a zero-delay setTimeout would.
    this.#refs.add(ref);
    if (delay <= 0) setImmediate(() => this.#refs.delete(ref) && callback(...args));
    return ref;
  }
}

const TIMER_TYPES = ['timeDuration', 'timeDate', 'timeCycle'] as const;
const HAS_OFFSET = /(?:Z|[+-]\d{2}:?\d{2})$/i;

interface TimerContent {
  expireAt?: string | Date;
  timeout?: number;
  inbound?: { repeat?: number }[];
  [key: string]: unknown;
}

interface ResolvedTimer {
  expireAt?: Date;
  timeout?: number;
  timerType?: string;
  repeat?: number;
  [key: string]: unknown;
}

/**
 * bpmn-elements' timer event definition with its two clock reads replaced by the engine clock,
 * and date-times without an offset read as UTC, as Zeebe reads them (bpmn-elements reads them
 * as local time). Handed to bpmn-engine through its `elements` option.
 */
export class ClockTimerEventDefinition extends (TimerEventDefinition as unknown as new (activity: unknown, def: unknown) => {
  environment: { options: { clock?: Clock }; resolveExpression(expr: unknown, message: unknown): unknown };
}) {
  #now(): Date {
    return this.environment.options.clock?.now() ?? new Date();
  }

  parse(timerType: string, value: string): { expireAt?: Date; repeat?: number; delay?: number } {
    const now = this.#now();
    if (timerType === 'timeDate') {
      const expireAt = getDate(HAS_OFFSET.test(value.trim()) ? value : `${value.trim()}Z`);
      return { expireAt, delay: expireAt.getTime() - now.getTime() };
    }
    const parsed = new ISOInterval(value).parse();
    const expireAt = parsed.getExpireAt(now, now);
    return { expireAt, repeat: parsed.repeat, delay: expireAt.getTime() - now.getTime() };
  }

  _getTimers(executeMessage: { content: TimerContent }): ResolvedTimer {
    const content = executeMessage.content;
    const now = this.#now();
    const result: ResolvedTimer = 'expireAt' in content && content.expireAt ? { expireAt: new Date(content.expireAt) } : {};
    const self = this as unknown as Record<string, unknown>;

    for (const timerType of TIMER_TYPES) {
      let value: unknown;
      if (timerType in content) value = content[timerType];
      else if (timerType in self) value = this.environment.resolveExpression(self[timerType], executeMessage);
      else continue;
      result[timerType] = value;

      if (value === null || value === undefined || value === '') {
        // Zeebe raises an incident; firing at once would skip a deadline nobody set.
        throw new TypeError(`计时器 ${timerType} 的表达式结果为空 / the ${timerType} expression yields null`);
      }
      const parsed = this.parse(timerType, String(value));
      if (!(parsed.expireAt instanceof Date) || Number.isNaN(parsed.expireAt.getTime())) {
        throw new TypeError(`计时器 ${timerType} "${String(value)}" 无法解析为时间 / does not resolve to a date`);
      }
      const expireAt = parsed.expireAt;
      const repeat = parsed.repeat;
      if (!result.expireAt || result.expireAt > expireAt) {
        result.timerType = timerType;
        result.expireAt = expireAt;
        result.repeat = repeat;
      }
    }

    if (result.expireAt) result.timeout = result.expireAt.getTime() - now.getTime();
    else if ('timeout' in content) result.timeout = content.timeout;
    else if (!Object.keys(result).length) result.timeout = 0;
    const inbound = content.inbound?.[0];
    if (inbound && 'repeat' in inbound) result.repeat = inbound.repeat;
    return result;
  }
}
