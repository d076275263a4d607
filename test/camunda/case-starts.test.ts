import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CaseStartPending, recordCaseStart, startCase } from '../../platform/cycle/case-starts.ts';
import { withTransaction } from '../../platform/db/pool.ts';
import { CamundaUnavailableError } from '../../platform/engine/camunda/errors.ts';
import { EngineInputError } from '../../platform/engine/port.ts';
import { createTestSchema, type TestSchema } from '../pg.ts';
import { adapterOnFake } from './adapter-setup.ts';
import { problem } from './fake-cluster.ts';
import { KEYS, created, page, processInstance, variable } from './responses.ts';

/**
 * Start once per business key on Camunda 8, which has no such rule and whose search trails the
 * engine: jingpin's case starts (real PostgreSQL) in front of the adapter (fake cluster). One
 * claimant calls POST /v2/process-instances; a search is made only after a call whose answer was
 * lost, once its claim has run out (longer than a request may take plus the search lag).
 */
const CREATE = 'POST /v2/process-instances';
const SEARCH = 'POST /v2/process-instances/search';
const KEY = 'JP-2026-0042';
// The adapter's requests time out after 300 ms here; a claim outlives that and the search lag.
const timing = { leaseMs: 800, waitMs: 5000 };

let db: TestSchema;
beforeEach(async () => {
  db = await createTestSchema({ migrate: true });
  await withTransaction(db.pool, (tx) => recordCaseStart(tx, { processDefinitionId: 'declaration', businessKey: KEY, variables: { year: 2026 } }, new Date()));
});
afterEach(() => db.drop());

function onFake() {
  const { fake, engine } = adapterOnFake();
  fake.on(CREATE, { status: 200, json: created, delayMs: 50 });
  return { fake, deps: { db: db.pool, clock: { now: () => new Date() }, engine } };
}

describe('case starts on Camunda 8', () => {
  it('20 concurrent starts of one case send one create; every caller gets its key, and nothing searches', async () => {
    const { fake, deps } = onFake();
    const keys = await Promise.all(Array.from({ length: 20 }, () => startCase(deps, 'declaration', KEY, timing)));
    expect(new Set(keys)).toEqual(new Set([KEYS.instance]));
    expect(fake.seen(CREATE)).toHaveLength(1);
    expect(fake.seen(CREATE)[0]?.body).toMatchObject({ processDefinitionId: 'declaration', variables: { year: 2026, businessKey: KEY } });
    expect(fake.seen(SEARCH)).toEqual([]);
    // A later repeat is answered from PostgreSQL.
    expect(await startCase(deps, 'declaration', KEY, timing)).toBe(KEYS.instance);
    expect(fake.seen(CREATE)).toHaveLength(1);
    expect(fake.unrouted).toEqual([]);
  });

  it('a create whose answer was lost holds the case until its claim runs out; then the search finds the instance it made, and no second create is sent', async () => {
    const { fake, deps } = onFake();
    fake.once(CREATE, 'hang');
    await expect(startCase(deps, 'declaration', KEY, timing)).rejects.toBeInstanceOf(CamundaUnavailableError);
    // Zeebe may have made the instance; its search may not show it yet: nobody starts again meanwhile.
    await expect(startCase(deps, 'declaration', KEY, { ...timing, waitMs: 100 })).rejects.toBeInstanceOf(CaseStartPending);
    expect(fake.seen(CREATE)).toHaveLength(1);

    await sleep(timing.leaseMs);
    fake.on(SEARCH, { status: 200, json: page([processInstance()]) });
    fake.on('POST /v2/variables/search', { status: 200, json: page([variable('businessKey', KEY)]) });
    expect(await startCase(deps, 'declaration', KEY, timing)).toBe(KEYS.instance);
    expect(fake.seen(CREATE)).toHaveLength(1);
    expect(fake.seen(SEARCH)).toHaveLength(1);
    expect(fake.seen(SEARCH)[0]?.body).toMatchObject({ filter: { processDefinitionId: 'declaration', variables: [{ name: 'businessKey', value: JSON.stringify(KEY) }] } });
    const { rows } = await db.pool.query('SELECT process_instance_key, unanswered_attempts FROM case_starts WHERE business_key = $1', [KEY]);
    expect(rows).toEqual([{ process_instance_key: KEYS.instance, unanswered_attempts: 0 }]);
  });

  it('a create whose answer was lost and that made nothing: once the claim has run out, the search finds none and the case is created', async () => {
    const { fake, deps } = onFake();
    fake.once(CREATE, 'hang');
    await expect(startCase(deps, 'declaration', KEY, timing)).rejects.toBeInstanceOf(CamundaUnavailableError);
    await sleep(timing.leaseMs);
    fake.on(SEARCH, { status: 200, json: page([]) });
    fake.on('POST /v2/variables/search', { status: 200, json: page([]) });
    expect(await startCase(deps, 'declaration', KEY, timing)).toBe(KEYS.instance);
    expect(fake.seen(SEARCH)).toHaveLength(1);
    expect(fake.seen(CREATE)).toHaveLength(2);
    expect(fake.unrouted).toEqual([]);
  });

  it('a create Camunda refuses (400) made nothing: the case is free at once and the next start neither waits nor searches', async () => {
    const { fake, deps } = onFake();
    fake.once(CREATE, problem(400, 'INVALID_ARGUMENT', 'Expected to find process definition with process ID declaration'));
    await expect(startCase(deps, 'declaration', KEY, timing)).rejects.toBeInstanceOf(EngineInputError);
    expect(await startCase(deps, 'declaration', KEY, { ...timing, waitMs: 0 })).toBe(KEYS.instance);
    expect(fake.seen(CREATE)).toHaveLength(2);
    expect(fake.seen(SEARCH)).toEqual([]);
  });
});
