import type { Clock } from '../clock.ts';
import type { InstanceStore } from './instance-store.ts';

/** Where the scheduler finds work and learns that work is still under way. */
export interface WorkSource {
  /** Claims instances with work due now (their leases) and adds those with answers waiting in memory. */
  find(now: Date, limit: number): Promise<string[]>;
  /** True while job handlers run or answers wait: a drain is not over yet. */
  busy(): boolean;
  /** Resolves when the handlers running now have answered. */
  settled(): Promise<void>;
}

/** Buffered messages past their time to live are removed at most this often (engine clock). */
const HOUSEKEEPING_EVERY_MS = 60_000;

export interface SchedulerOptions {
  readonly intervalMs: number;
  readonly concurrency: number;
  /** How many instances one poll takes at most. */
  readonly batchSize?: number;
  readonly onError: (error: unknown) => void;
}

/**
 * Wakes instances that have work: a command in their inbox, or a timer or job retry that fell
 * due on the engine clock. It polls the database (so a timer three years away needs no live
 * Node timer and survives restarts) and can be kicked to run at once after an API call.
 * Within one process an instance is never run twice at the same time; across processes the
 * instance's lock version decides.
 */
export class Scheduler {
  readonly #store: InstanceStore;
  readonly #clock: Clock;
  readonly #options: SchedulerOptions;
  readonly #process: (instanceKey: string) => Promise<void>;
  readonly #work: WorkSource;
  readonly #running = new Map<string, Promise<void>>();
  /** Instances asked for again while they ran: run once more when they finish. */
  readonly #again = new Set<string>();
  #timer: NodeJS.Timeout | null = null;
  #polling: Promise<boolean> | null = null;
  #pollAgain = false;
  #stopped = true;
  #housekeptAt = -Infinity;

  constructor(store: InstanceStore, clock: Clock, options: SchedulerOptions, work: WorkSource, process: (instanceKey: string) => Promise<void>) {
    this.#store = store;
    this.#clock = clock;
    this.#options = options;
    this.#work = work;
    this.#process = process;
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.kick();
  }

  /** Polls now (coalesced with a poll under way). */
  kick(): void {
    if (this.#stopped) return;
    if (this.#polling) {
      this.#pollAgain = true;
      return;
    }
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#polling = this.#pollOnce()
      .catch((error: unknown) => {
        this.#options.onError(error);
        return false;
      })
      .finally(() => {
        this.#polling = null;
        if (this.#stopped) return;
        if (this.#pollAgain) {
          this.#pollAgain = false;
          this.kick();
        } else {
          this.#timer = setTimeout(() => this.kick(), this.#options.intervalMs);
          this.#timer.unref();
        }
      });
  }

  /**
   * Runs until nothing is due at the clock's current time: what tests and `jingpin demo` call
   * after moving a virtual clock. Resolves with the number of instance runs it made.
   */
  async drain(maxPolls = 10_000): Promise<void> {
    for (let i = 0; i < maxPolls; i++) {
      if (this.#polling) await this.#polling;
      const found = await this.#pollOnce();
      await Promise.all(this.#running.values());
      if (!found && this.#running.size === 0 && !this.#work.busy()) return;
      if (!found && this.#running.size === 0) await this.#work.settled();
    }
    throw new Error(`引擎未能在 ${maxPolls} 轮内空闲 / engine did not become idle after ${maxPolls} polls`);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#polling) await this.#polling.catch(() => undefined);
    while (this.#running.size) await Promise.allSettled(this.#running.values());
  }

  /** One poll: takes due instances up to the concurrency limit; true if it found any. */
  async #pollOnce(): Promise<boolean> {
    const now = this.#clock.now();
    if (now.getTime() - this.#housekeptAt >= HOUSEKEEPING_EVERY_MS) {
      this.#housekeptAt = now.getTime();
      await this.#store.deleteExpiredMessages(now);
    }
    // Claim no more than this process can run now: the rest stays free for other processes.
    const room = Math.max(1, this.#options.concurrency - this.#running.size);
    const keys = await this.#work.find(this.#clock.now(), Math.min(room, this.#options.batchSize ?? 100));
    let found = false;
    for (const key of keys) {
      found = true;
      await this.#start(key);
    }
    return found;
  }

  /** Runs the instance now, or once more after the run under way (an answer arrived meanwhile). */
  async #start(key: string): Promise<void> {
    if (this.#running.has(key)) {
      this.#again.add(key);
      return;
    }
    while (this.#running.size >= this.#options.concurrency) await Promise.race(this.#running.values());
    if (this.#running.has(key)) {
      this.#again.add(key);
      return;
    }
    const run = this.#process(key)
      .catch((error: unknown) => this.#options.onError(error))
      .finally(() => {
        this.#running.delete(key);
        if (this.#stopped) return;
        if (this.#again.delete(key)) void this.#start(key);
        // Room for one more: look for it now rather than at the next interval.
        else this.kick();
      });
    this.#running.set(key, run);
  }

  /** An answer for this instance is waiting in memory: run it soon (in the background) or at the next drain. */
  poke(key: string): void {
    if (this.#stopped) return;
    void this.#start(key);
  }
}
