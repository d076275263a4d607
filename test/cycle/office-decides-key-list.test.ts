import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keyListProposal } from '../../platform/cycle/key-list-proposal.ts';
import { createCycleHarness, type CycleHarness } from './cycle-harness.ts';
import { smallDirectory } from './directory.fixture.ts';
import { auditOf, caseOf, declare, recommend } from './scenario-steps.ts';

/**
 * The notice: after the experts' comparison the provincial office "proposes a list of key
 * cultivation enterprises". The ranking is a proposal shown with scores and the panel's opinions;
 * the office puts on the list whom it decides, as many as it decides, and says why.
 */
describe('the provincial office decides the key-cultivation list', () => {
  let c: CycleHarness;
  const directory = smallDirectory();
  beforeEach(async () => {
    c = await createCycleHarness({ directory });
  });
  afterEach(() => c.close());

  async function scored() {
    const { driver } = c;
    const timetable = await driver.openCampaign(2023);
    const numbers = [
      await declare(driver, directory.enterprises[0]!, 2023, 1),
      await declare(driver, directory.enterprises[2]!, 2023, 2),
      await declare(driver, directory.enterprises[4]!, 2023, 3),
    ];
    await recommend(driver, numbers);
    await driver.advanceTo(timetable.citySubmissionDeadline);
    const marks = new Map([[numbers[0]!, 92], [numbers[1]!, 88], [numbers[2]!, 75]]);
    await driver.scoreAll((n) => marks.get(n)!, (n, expertId) => `${expertId} 对 ${n} 的意见 / opinion of ${expertId}`);
    return numbers;
  }

  it('shows the ranked proposal with scores and opinions; the office leaves one off and confirms the others, recorded with who, when and why', async () => {
    const { driver } = c;
    const db = c.h.db.pool;
    const [first, second, third] = await scored();

    // Nothing is decided by the code: every ranked declaration waits, and the office has the task.
    for (const n of [first!, second!, third!]) expect((await caseOf(c, n)).activeElementIds).toEqual(['awaitKeyList']);
    const [task, ...more] = await driver.tasks('decideKeyList');
    expect(more).toEqual([]);
    expect(task).toMatchObject({ businessKey: '2023', candidateGroups: ['provincial-office'] });
    expect((await db.query('SELECT declaration_number, rank, selected FROM key_cultivation ORDER BY rank')).rows).toEqual([
      { declaration_number: first, rank: 1, selected: null },
      { declaration_number: second, rank: 2, selected: null },
      { declaration_number: third, rank: 3, selected: null },
    ]);
    const proposal = await keyListProposal(db, 2023);
    expect(proposal.map((p) => [p.rank, p.declarationNumber, p.score])).toEqual([
      [1, first, 92],
      [2, second, 88],
      [3, third, 75],
    ]);
    expect(proposal[0]!.sheets.length).toBeGreaterThanOrEqual(5);
    expect(proposal[0]!.sheets[0]).toMatchObject({ total: 92, opinion: expect.stringContaining(`对 ${first} 的意见`) });
    expect(proposal[0]).toMatchObject({ enterpriseName: directory.enterprises[0]!.name, productName: expect.any(String), category: 'MANUFACTURING' });

    const reason = '第二名企业近期有质量投诉，暂不列入 / the second has recent quality complaints: left off for now';
    await driver.completeAll(
      'decideKeyList',
      () => ({ keyList: [{ declarationNumber: first, selected: true }, { declarationNumber: second, selected: false }, { declarationNumber: third, selected: true }], keyListReason: reason }),
      'office-1',
    );
    expect((await db.query('SELECT declaration_number, selected FROM key_cultivation ORDER BY rank')).rows).toEqual([
      { declaration_number: first, selected: true },
      { declaration_number: second, selected: false },
      { declaration_number: third, selected: true },
    ]);
    expect(await driver.declaration(second!)).toEqual({ stage: 'CLOSED', outcome: 'NOT_SELECTED' });
    for (const n of [first!, third!]) expect((await caseOf(c, n)).activeElementIds).toEqual(['evaluateStandard']);
    expect(await auditOf(db, '2023', ['key_list.decided'])).toEqual([{ actor: 'office-1', role: 'provincial_office', action: 'key_list.decided', reason }]);
    const { rows } = await db.query(`SELECT detail, at FROM audit_log WHERE action = 'key_list.decided'`);
    expect(rows[0].detail).toEqual({ ranked: 3, selected: [first, third], notSelected: [second] });
    expect(rows[0].at).toEqual(c.h.clock.now());
    expect((await db.query('SELECT status FROM campaigns WHERE year = 2023')).rows).toEqual([{ status: 'CERTIFICATION' }]);
    expect(await c.h.engine.searchIncidents({ state: 'ACTIVE' })).toEqual([]);
  }, 60_000);

  it('a decision that does not name every ranked declaration once is not applied: an incident names what is wrong', async () => {
    const { driver } = c;
    const db = c.h.db.pool;
    const [first, second] = await scored();
    // As Camunda Tasklist could complete it, without the API's check.
    await driver.completeAll('decideKeyList', () => ({ keyList: [{ declarationNumber: first, selected: true }, { declarationNumber: 'JP-2023-999999-0001', selected: true }], keyListReason: '确认 / confirmed' }));
    const incidents = await c.h.engine.searchIncidents({ state: 'ACTIVE' });
    expect(incidents).toHaveLength(1);
    expect(incidents[0]!.errorMessage).toContain('JP-2023-999999-0001');
    expect(incidents[0]!.errorMessage).toContain(second);
    expect((await db.query('SELECT count(*)::int AS n FROM key_cultivation WHERE selected IS NOT NULL')).rows).toEqual([{ n: 0 }]);
  }, 60_000);
});
