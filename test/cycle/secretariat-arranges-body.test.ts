import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCycleHarness, type CycleHarness } from './cycle-harness.ts';
import { smallDirectory } from './directory.fixture.ts';
import { auditOf, caseOf, chooseBody, declare, evaluateStandards, expertReview, recommend } from './scenario-steps.ts';

/**
 * The notice: the alliance secretariat "can arrange" a body when the enterprise has none. The
 * least-loaded body is proposed; a person of the secretariat confirms or changes it, with a reason.
 * A body id that is not in the directory is refused, never silently replaced.
 */
describe('the secretariat arranges a certification body', () => {
  let c: CycleHarness;
  const directory = smallDirectory();
  beforeEach(async () => {
    c = await createCycleHarness({ directory });
  });
  afterEach(() => c.close());

  async function toChoosing() {
    const timetable = await c.driver.openCampaign(2023);
    const numbers = [await declare(c.driver, directory.enterprises[0]!, 2023, 1), await declare(c.driver, directory.enterprises[2]!, 2023, 2)];
    await recommend(c.driver, numbers);
    await expertReview(c.driver, timetable);
    await evaluateStandards(c.driver, numbers);
    return numbers;
  }

  it('proposes the least-loaded body to a person of the secretariat, who changes it; who, when and why are recorded', async () => {
    const { driver } = c;
    const db = c.h.db.pool;
    const [chosen, notChosen] = await toChoosing();
    await chooseBody(driver, [chosen!], 'CB-A');
    const [open] = await driver.tasks('chooseBody');
    await driver.advanceTo(new Date(new Date(open!.dueDate!).getTime() + 60_000));

    // Nothing is assigned yet: the secretariat has a task with the proposal (CB-A has a case, CB-B none).
    expect((await db.query('SELECT body_id FROM certifications WHERE declaration_number = $1', [notChosen])).rows).toEqual([]);
    const [task, ...more] = await driver.tasks('arrangeBody');
    expect(more).toEqual([]);
    expect(task).toMatchObject({ businessKey: notChosen, candidateGroups: ['alliance-secretariat'] });
    const waiting = await caseOf(c, notChosen!);
    expect(waiting.activeElementIds).toEqual(['arrangeBody']);
    expect(waiting.variables).toMatchObject({ proposedBodyId: 'CB-B', certificationBodyId: 'CB-B' });

    await driver.completeAll('arrangeBody', () => ({ certificationBodyId: 'CB-C', arrangementReason: '乙机构本月检查任务已满 / Body B is fully booked this month' }), 'secretariat-1');
    expect((await db.query('SELECT body_id, chosen_by, status FROM certifications WHERE declaration_number = $1', [notChosen])).rows).toEqual([
      { body_id: 'CB-C', chosen_by: 'SECRETARIAT', status: 'IN_PROGRESS' },
    ]);
    expect(await auditOf(db, notChosen!, ['certification.body_assigned'])).toEqual([
      { actor: 'secretariat-1', role: 'alliance_secretariat', action: 'certification.body_assigned', reason: '乙机构本月检查任务已满 / Body B is fully booked this month' },
    ]);
    const { rows: detail } = await db.query(`SELECT detail, at FROM audit_log WHERE subject_id = $1 AND action = 'certification.body_assigned'`, [notChosen]);
    expect(detail[0].detail).toEqual({ bodyId: 'CB-C', proposedBodyId: 'CB-B', confirmed: false });
    expect(detail[0].at).toEqual(c.h.clock.now());
    expect((await caseOf(c, notChosen!)).activeElementIds).toEqual(['awaitCertification']);
    expect(await c.h.engine.searchIncidents({ state: 'ACTIVE' })).toEqual([]);
  });

  it('confirms the proposal as it is', async () => {
    const { driver } = c;
    const db = c.h.db.pool;
    const [a, b] = await toChoosing();
    const [open] = await driver.tasks('chooseBody');
    await driver.advanceTo(new Date(new Date(open!.dueDate!).getTime() + 60_000));
    // Both proposed while no body had a case: the first body in order, CB-A, for both.
    for (const n of [a!, b!]) expect((await caseOf(c, n)).variables.proposedBodyId).toBe('CB-A');
    expect(await driver.completeAll('arrangeBody', () => ({ certificationBodyId: 'CB-A', arrangementReason: '同意推荐 / as proposed' }), 'secretariat-1')).toBe(2);
    const { rows } = await db.query(`SELECT subject_id, detail FROM audit_log WHERE action = 'certification.body_assigned' ORDER BY subject_id`);
    expect(rows).toEqual([
      { subject_id: a, detail: { bodyId: 'CB-A', proposedBodyId: 'CB-A', confirmed: true } },
      { subject_id: b, detail: { bodyId: 'CB-A', proposedBodyId: 'CB-A', confirmed: true } },
    ]);
  });

  it('refuses a body id that is not in the directory: an incident naming it, nothing assigned', async () => {
    const { driver } = c;
    const db = c.h.db.pool;
    const [typo] = await toChoosing();
    // As Camunda Tasklist would complete it, without the API's check.
    await chooseBody(driver, [typo!], 'CB-X');
    expect((await db.query('SELECT body_id FROM certifications WHERE declaration_number = $1', [typo])).rows).toEqual([]);
    const incidents = await c.h.engine.searchIncidents({ state: 'ACTIVE' });
    expect(incidents).toHaveLength(1);
    expect(incidents[0]!.errorMessage).toContain('CB-X');
    expect((await caseOf(c, typo!)).activeElementIds).toEqual(['assignBody']);
  });
});
