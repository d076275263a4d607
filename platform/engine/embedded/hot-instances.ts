import type { InstanceRun } from './instance-run.ts';
import type { InstanceSnapshot } from './run-context.ts';

/** An instance live in memory, as of its last save. */
export interface LiveInstance {
  readonly run: InstanceRun;
  readonly snapshot: InstanceSnapshot;
  /** The lock version its last save left; any other means another process advanced it. */
  lockVersion: number;
  readonly parentKey: string | null;
  readonly parentElementInstance: string | null;
}

/**
 * The instances this process keeps live between commands (Temporal's sticky cache): the next
 * command is applied without recovering bpmn-engine from its saved state, which is most of a
 * run's cost. Bounded, least recently used first out; an evicted instance's lease is given up so
 * another process may take it. Nothing here is needed for durability: each run is saved as
 * before, and a lock version that moved on marks the entry stale.
 */
export class HotInstances {
  readonly #capacity: number;
  readonly #release: (instanceKeys: readonly string[]) => Promise<void>;
  readonly #live = new Map<string, LiveInstance>();

  constructor(capacity: number, release: (instanceKeys: readonly string[]) => Promise<void>) {
    this.#capacity = capacity;
    this.#release = release;
  }

  keys(): string[] {
    return [...this.#live.keys()];
  }

  /** The lock version the live copy was saved at, if the instance is live here. */
  versionOf(instanceKey: string): number | undefined {
    return this.#live.get(instanceKey)?.lockVersion;
  }

  /** Takes the live instance out for a run, if it is current; a stale one is closed. */
  take(instanceKey: string, lockVersion: number): LiveInstance | null {
    const live = this.#live.get(instanceKey);
    if (!live) return null;
    this.#live.delete(instanceKey);
    if (live.lockVersion === lockVersion) return live;
    void live.run.close();
    return null;
  }

  /** Keeps the instance live after a saved run; the least recently used one goes if full. */
  put(instanceKey: string, live: LiveInstance): void {
    if (this.#capacity <= 0) {
      void live.run.close();
      this.#releaseLater([instanceKey]);
      return;
    }
    this.#live.delete(instanceKey);
    this.#live.set(instanceKey, live);
    const evicted: string[] = [];
    for (const [key, oldest] of this.#live) {
      if (this.#live.size <= this.#capacity) break;
      this.#live.delete(key);
      void oldest.run.close();
      evicted.push(key);
    }
    if (evicted.length) this.#releaseLater(evicted);
  }

  #releaseLater(instanceKeys: string[]): void {
    // A lease not given up runs out by itself; nothing waits on this.
    this.#release(instanceKeys).catch(() => undefined);
  }

  async evict(instanceKey: string, options: { release?: boolean } = {}): Promise<void> {
    const live = this.#live.get(instanceKey);
    this.#live.delete(instanceKey);
    if (live) await live.run.close();
    if (options.release ?? true) await this.#release([instanceKey]);
  }

  async clear(): Promise<void> {
    const keys = this.keys();
    for (const live of this.#live.values()) await live.run.close();
    this.#live.clear();
    await this.#release(keys);
  }
}
