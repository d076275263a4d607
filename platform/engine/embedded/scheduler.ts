import type { Clock } from '../clock.ts';
import type { InstanceStore } from './instance-store.ts';

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
  readonly #running = new Map<string, Promise<void>>();
  #timer: NodeJS.Timeout | null = null;
  #polling: Promise<boolean> | null = null;
  #again = false;
  #stopped = true;
  #housekeptAt = -Infinity;

  constructor(store: InstanceStore, clock: Clock, options: SchedulerOptions, process: (instanceKey: string) => Promise<void>) {
    this.#store = store;
    this.#clock = clock;
    this.#options = options;
    this.#process = process;
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
      this.#again = true;
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
        if (this.#again) {
          this.#again = false;
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
      if (!found && this.#running.size === 0) return;
    }
    throw new Error(`引擎未能在 ${maxPolls} 轮内空闲 / engine did not become idle after ${maxPolls} polls`);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#polling) await this.#polling.catch(() => undefined);
    await Promise.allSettled(this.#running.values());
  }

  /** One poll: takes due instances up to the concurrency limit; true if it found any. */
  async #pollOnce(): Promise<boolean> {
    const now = this.#clock.now();
    if (now.getTime() - this.#housekeptAt >= HOUSEKEEPING_EVERY_MS) {
      this.#housekeptAt = now.getTime();
      await this.#store.deleteExpiredMessages(now);
    }
    const keys = await this.#store.findWork(this.#clock.now(), this.#options.batchSize ?? 100);
    let found = false;
    for (const key of keys) {
      if (this.#running.has(key)) continue;
      found = true;
      while (this.#running.size >= this.#options.concurrency) await Promise.race(this.#running.values());
      const run = this.#process(key)
        .catch((error: unknown) => this.#options.onError(error))
        .finally(() => this.#running.delete(key));
      this.#running.set(key, run);
    }
    return found;
  }
}
