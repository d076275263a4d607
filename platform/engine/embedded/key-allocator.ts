import type { Pool } from 'pg';

const BLOCK = 1000n;

/**
 * Zeebe-like 64-bit keys, as strings (they exceed 2^53). The sequence moves in blocks of 1000,
 * so a run can take keys synchronously inside bpmn-engine's event handlers and the database is
 * asked once per thousand keys, not once per job or task.
 */
export class KeyAllocator {
  #next = 0n;
  #end = 0n;

  constructor(private readonly pool: Pool) {}

  /** Makes sure at least `count` keys (at most one block) can be taken without waiting. */
  async ensure(count = 500): Promise<void> {
    if (this.#end - this.#next >= BigInt(Math.min(count, Number(BLOCK)))) return;
    const { rows } = await this.pool.query<{ start: string }>("SELECT nextval('engine_keys')::text AS start");
    this.#next = BigInt(rows[0]!.start);
    this.#end = this.#next + BLOCK;
  }

  next(): string {
    if (this.#next >= this.#end) throw new Error('key block exhausted: call ensure() before a run');
    return (this.#next++).toString();
  }
}
