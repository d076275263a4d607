import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCycleHarness, type CycleHarness } from './cycle-harness.ts';
import { smallDirectory } from './directory.fixture.ts';
import { auditOf, caseOf, chooseBody, declare, evaluateStandards, expertReview, recommend, reportToCnca } from './scenario-steps.ts';

describe('a certification body suspended mid-certification', () => {
  let c: CycleHarness;
  const directory = smallDirectory();
  beforeEach(async () => {
    c = await createCycleHarness({ directory });
  });
  afterEach(() => c.close());

  it('hands the case to another active body, which completes the certification', async () => {
    const { driver } = c;
    const db = c.h.db.pool;
    const timetable = await driver.openCampaign(2023);
    const [moved, other] = [await declare(driver, directory.enterprises[0]!, 2023, 1), await declare(driver, directory.enterprises[2]!, 2023, 2)];
    await recommend(driver, [moved, other]);
    await expertReview(driver, timetable);
    await evaluateStandards(driver, [moved, other]);
    await chooseBody(driver, [moved], 'CB-A');
    await chooseBody(driver, [other], 'CB-B');
    expect((await db.query('SELECT declaration_number, body_id, chosen_by, status FROM certifications ORDER BY 1')).rows).toEqual([
      { declaration_number: moved, body_id: 'CB-A', chosen_by: 'ENTERPRISE', status: 'IN_PROGRESS' },
      { declaration_number: other, body_id: 'CB-B', chosen_by: 'ENTERPRISE', status: 'IN_PROGRESS' },
    ]);

    const reason = '违规开展捆绑咨询 / bundled paid consulting with certification';
    expect(await driver.suspendCertificationBody('CB-A', reason)).toEqual([moved]);

    // CB-B already has a case and CB-C none: the least-loaded active body takes it over.
    const { rows: handovers } = await db.query('SELECT declaration_number, from_body_id, to_body_id, reason FROM certification_handovers');
    expect(handovers).toEqual([{ declaration_number: moved, from_body_id: 'CB-A', to_body_id: 'CB-C', reason: '原机构被暂停 / the body was suspended' }]);
    expect((await db.query('SELECT body_id, status FROM certifications WHERE declaration_number = $1', [moved])).rows).toEqual([{ body_id: 'CB-C', status: 'IN_PROGRESS' }]);
    expect((await db.query(`SELECT status, suspension_reason FROM certification_bodies WHERE id = 'CB-A'`)).rows).toEqual([{ status: 'SUSPENDED', suspension_reason: reason }]);
    const waiting = await caseOf(c, moved);
    expect(waiting.activeElementIds).toEqual(['awaitCertification']);
    expect(waiting.variables.certificationBodyId).toBe('CB-C');
    expect(waiting.path.slice(-6)).toEqual(['certificationMerge', 'awaitCertification', 'bodySuspended', 'handOver', 'certificationMerge', 'awaitCertification']);
    expect(waiting.history.filter((h) => h.elementId === 'awaitCertification').map((h) => h.state)).toEqual(['TERMINATED', 'ACTIVE']);
    // The other body's case is untouched.
    expect((await caseOf(c, other)).path).not.toContain('handOver');

    await driver.certificationResult(moved, true);
    const [task, ...more] = await driver.tasks('reportToCnca');
    expect(more).toEqual([]);
    expect(task).toMatchObject({ businessKey: moved, candidateGroups: ['cb-CB-C'] });
    expect(await reportToCnca(driver, [moved])).toBe(1);

    expect((await db.query('SELECT body_id, status, cnca_reported_at IS NOT NULL AS reported FROM certifications WHERE declaration_number = $1', [moved])).rows).toEqual([
      { body_id: 'CB-C', status: 'CERTIFIED', reported: true },
    ]);
    expect(await driver.declaration(moved)).toEqual({ stage: 'AWAITING_PUBLICITY', outcome: null });
    expect(await auditOf(db, moved, ['certification.body_assigned', 'certification.handed_over', 'certification.certified', 'cnca_report.reported'])).toEqual([
      { actor: 'demo', role: 'enterprise', action: 'certification.body_assigned', reason: '企业自选 / chosen by the enterprise' },
      { actor: 'jingpin', role: 'alliance_secretariat', action: 'certification.handed_over', reason: '原机构被暂停 / the body was suspended' },
      { actor: 'CB-C', role: 'certification_body', action: 'certification.certified', reason: null },
      { actor: 'CB-C', role: 'certification_body', action: 'cnca_report.reported', reason: null },
    ]);
    expect(await auditOf(db, 'CB-A')).toEqual([
      { actor: 'jingpin-demo', role: 'alliance_secretariat', action: 'certification_body.created', reason: null },
      { actor: 'demo', role: 'alliance_secretariat', action: 'certification_body.suspended', reason },
    ]);
    expect(await c.h.engine.searchIncidents({ state: 'ACTIVE' })).toEqual([]);
  });
});
