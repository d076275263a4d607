import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eligibleFacts } from '../../bin/demo/facts.ts';
import { startPendingCases, type FailedCaseStart } from '../../platform/cycle/case-start-relay.ts';
import { CaseStartPending, recordCaseStart, startCase } from '../../platform/cycle/case-starts.ts';
import { recordDeclaration, submitDeclaration, type DeclarationSubmission } from '../../platform/cycle/submit-declaration.ts';
import { withdrawDeclaration } from '../../platform/cycle/withdraw-declaration.ts';
import { withTransaction } from '../../platform/db/pool.ts';
import { EngineNotFoundError } from '../../platform/engine/port.ts';
import { createCycleHarness, type CycleHarness } from './cycle-harness.ts';
import { smallDirectory } from './directory.fixture.ts';

/**
 * Case starts on the embedded engine: what a crash between the caller's commit and the engine
 * call leaves behind is started by the relay's sweep, once; a lost answer holds the case until
 * its claim runs out; a refusal frees it at once.
 */
describe('case starts', () => {
  let c: CycleHarness;
  const directory = smallDirectory();
  const deps = () => ({ db: c.h.db.pool, clock: c.h.clock, engine: c.h.engine });
  const submission: DeclarationSubmission = {
    campaignYear: 2023,
    enterpriseId: directory.enterprises[0]!.id,
    productName: '高强度螺栓 / high-strength bolts',
    category: 'MANUFACTURING',
    channel: 'COUNTY',
    facts: eligibleFacts('MANUFACTURING', 2023, 1),
    submittedBy: 'enterprise-1',
  };
  const failures: FailedCaseStart[] = [];
  const onFailure = (failure: FailedCaseStart) => void failures.push(failure);
  const declarationCases = async () =>
    (await c.h.db.pool.query<{ key: string }>(`SELECT key::text FROM engine_instances WHERE process_id = 'declaration' ORDER BY key`)).rows.map((r) => r.key);
  const caseStart = async (businessKey: string) =>
    (await c.h.db.pool.query('SELECT process_instance_key, unanswered_attempts, claimed_until IS NOT NULL AS claimed, last_error FROM case_starts WHERE business_key = $1', [businessKey])).rows[0];

  beforeEach(async () => {
    failures.length = 0;
    c = await createCycleHarness({ directory });
    await c.driver.openCampaign(2023);
  });
  afterEach(() => c.close());

  it('a declaration committed by a process that died before starting its case is started by the sweep, once, and its row gets the key', async () => {
    // The process commits the declaration with its case start, then dies: no engine call.
    const number = await withTransaction(c.h.db.pool, (db) => recordDeclaration(db, c.h.clock.now(), submission));
    expect(await declarationCases()).toEqual([]);

    expect(await startPendingCases(deps(), onFailure)).toBe(1);
    const [key] = await declarationCases();
    expect(await caseStart(number)).toMatchObject({ process_instance_key: key, unanswered_attempts: 0, claimed: false });
    const { rows } = await c.h.db.pool.query('SELECT process_instance_key FROM declarations WHERE number = $1', [number]);
    expect(rows).toEqual([{ process_instance_key: key }]);

    // Nothing left for the next sweep; the enterprise's retry answers the same case.
    expect(await startPendingCases(deps(), onFailure)).toBe(0);
    expect(await submitDeclaration(deps(), submission)).toEqual({ number, processInstanceKey: key });
    expect(await declarationCases()).toEqual([key]);
    await c.driver.settle();
    expect((await c.h.instance(key!)).variables).toMatchObject({ declarationNumber: number, cityCode: '320100', channel: 'COUNTY' });
    expect(failures).toEqual([]);
  });

  it('a start whose answer was lost holds the case until its claim runs out; then the next claimant adopts the instance it made', async () => {
    const number = await withTransaction(c.h.db.pool, (db) => recordDeclaration(db, c.h.clock.now(), submission));
    // A claimant called the engine, which started the instance, and died before writing the key down.
    await c.h.db.pool.query(`UPDATE case_starts SET claimed_until = clock_timestamp() + interval '1 hour', unanswered_attempts = 1 WHERE business_key = $1`, [number]);
    const made = await c.h.engine.startInstance({ processDefinitionId: 'declaration', businessKey: number, variables: { declarationNumber: number } });

    await expect(startCase(deps(), 'declaration', number, { waitMs: 50 })).rejects.toBeInstanceOf(CaseStartPending);
    expect(await startPendingCases(deps(), onFailure)).toBe(0);

    await c.h.db.pool.query(`UPDATE case_starts SET claimed_until = clock_timestamp() - interval '1 second' WHERE business_key = $1`, [number]);
    expect(await startPendingCases(deps(), onFailure)).toBe(1);
    expect(await caseStart(number)).toMatchObject({ process_instance_key: made.processInstanceKey, unanswered_attempts: 0, claimed: false });
    expect(await declarationCases()).toEqual([made.processInstanceKey]);
  });

  it('a declaration withdrawn before its case started: the case is started and cancelled, so nothing runs for it later', async () => {
    const number = await withTransaction(c.h.db.pool, (db) => recordDeclaration(db, c.h.clock.now(), submission));
    await withdrawDeclaration(deps(), { number, reason: '产品停产 / product discontinued', withdrawnBy: 'enterprise-1' });
    await c.driver.settle();
    const [key] = await declarationCases();
    expect((await c.h.instance(key!)).state).toBe('TERMINATED');
    expect(await startPendingCases(deps(), onFailure)).toBe(0);
    expect(await declarationCases()).toEqual([key]);
  });

  it('a start the engine refuses frees the case at once, is not counted as unanswered, and the sweep reports it', async () => {
    await withTransaction(c.h.db.pool, (db) => recordCaseStart(db, { processDefinitionId: 'not-deployed', businessKey: 'X-1', variables: {} }, c.h.clock.now()));
    await expect(startCase(deps(), 'not-deployed', 'X-1')).rejects.toBeInstanceOf(EngineNotFoundError);
    expect(await caseStart('X-1')).toMatchObject({ process_instance_key: null, unanswered_attempts: 0, claimed: false, last_error: expect.stringMatching(/^流程未部署 /) });

    expect(await startPendingCases(deps(), onFailure)).toBe(0);
    expect(failures).toEqual([{ processId: 'not-deployed', businessKey: 'X-1', error: expect.any(EngineNotFoundError) }]);
  });
});
