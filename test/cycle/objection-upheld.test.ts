import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCycleHarness, type CycleHarness } from './cycle-harness.ts';
import { smallDirectory } from './directory.fixture.ts';
import { announce, auditOf, campaignCase, caseOf, certifyAll, declare, expertReview, recommend, startPublicity } from './scenario-steps.ts';

describe('objections during publicity', () => {
  let c: CycleHarness;
  const directory = smallDirectory();
  beforeEach(async () => {
    c = await createCycleHarness({ directory });
  });
  afterEach(() => c.close());

  it('an upheld objection removes the declaration; a dismissed one lets the other through to the announcement', async () => {
    const { driver } = c;
    const timetable = await driver.openCampaign(2023);
    const [removed, kept] = [await declare(driver, directory.enterprises[0]!, 2023, 1), await declare(driver, directory.enterprises[4]!, 2023, 2)];
    await recommend(driver, [removed, kept]);
    await expertReview(driver, timetable);
    await certifyAll(driver, [removed, kept]);
    const publicityEnd = await startPublicity(c, timetable);
    for (const n of [removed, kept]) {
      expect(await driver.declaration(n)).toEqual({ stage: 'PUBLICITY', outcome: null });
      expect((await caseOf(c, n)).activeElementIds).toEqual(['publicity', 'publicityPeriod']);
    }

    const upheldId = await driver.fileObjection(removed, '该企业近三年有质量违法记录 / a quality violation in the last three years');
    const dismissedId = await driver.fileObjection(kept, '产品销量存疑 / doubtful sales figures');
    const decisions = {
      [removed]: { objectionUpheld: true, objectionReason: '经核实，2021 年受到行政处罚 / verified: fined in 2021' },
      [kept]: { objectionUpheld: false, objectionReason: '经核实，销售额有审计报告佐证 / verified against the audited accounts' },
    };
    const tasks = await driver.tasks('decideObjection');
    expect(tasks.map((t) => [t.businessKey, t.candidateGroups])).toEqual([
      [removed, ['provincial-office']],
      [kept, ['provincial-office']],
    ]);
    expect(await driver.completeAll('decideObjection', (t) => decisions[t.businessKey!]!, 'office-1')).toBe(2);

    expect(await driver.declaration(removed)).toEqual({ stage: 'CLOSED', outcome: 'REMOVED_AFTER_OBJECTION' });
    const closed = await caseOf(c, removed);
    expect(closed.state).toBe('COMPLETED');
    expect(closed.path.slice(-14)).toEqual([
      'publicity', 'publicityOpened', 'publicityPeriod', 'objectionFiled', 'objectionCase', 'objectionCaseOpened', 'takeUpObjection',
      'decideObjection', 'recordObjection', 'objectionDecision', 'objectionUpheld', 'removed', 'closeRemoved', 'endRemoved',
    ]);
    expect(closed.history.find((h) => h.elementId === 'publicityPeriod')?.state).toBe('TERMINATED');
    expect((await caseOf(c, kept)).activeElementIds).toEqual(['publicity', 'publicityPeriod']);

    const { rows } = await c.h.db.pool.query('SELECT id, declaration_number, decision, decision_reason, decided_by FROM objections ORDER BY id');
    expect(rows).toEqual([
      { id: String(upheldId), declaration_number: removed, decision: 'UPHELD', decision_reason: decisions[removed]!.objectionReason, decided_by: 'office-1' },
      { id: String(dismissedId), declaration_number: kept, decision: 'DISMISSED', decision_reason: decisions[kept]!.objectionReason, decided_by: 'office-1' },
    ]);
    expect(await auditOf(c.h.db.pool, removed, ['objection.upheld', 'declaration.closed'])).toEqual([
      { actor: 'office-1', role: 'provincial_office', action: 'objection.upheld', reason: decisions[removed]!.objectionReason },
      { actor: 'jingpin', role: 'system', action: 'declaration.closed', reason: null },
    ]);
    expect(await auditOf(c.h.db.pool, kept, ['objection.dismissed'])).toEqual([
      { actor: 'office-1', role: 'provincial_office', action: 'objection.dismissed', reason: decisions[kept]!.objectionReason },
    ]);

    await announce(c, publicityEnd);
    expect(await driver.declaration(kept)).toEqual({ stage: 'CLOSED', outcome: 'ANNOUNCED' });
    expect(await driver.declaration(removed)).toEqual({ stage: 'CLOSED', outcome: 'REMOVED_AFTER_OBJECTION' });
    const { rows: certificates } = await c.h.db.pool.query('SELECT declaration_number FROM certificates');
    expect(certificates).toEqual([{ declaration_number: kept }]);
    const { rows: announced } = await c.h.db.pool.query(`SELECT detail FROM audit_log WHERE action = 'list.announced'`);
    expect(announced).toEqual([{ detail: expect.objectContaining({ announcementNumber: '2023年第1号', declarations: [kept] }) }]);
    expect(announced[0].detail.certificates.map((x: { declarationNumber: string }) => x.declarationNumber)).toEqual([kept]);
  });
  it('holds the announcement while an objection filed late in the publicity is undecided', async () => {
    const { driver } = c;
    const timetable = await driver.openCampaign(2023);
    const [late, clean] = [await declare(driver, directory.enterprises[0]!, 2023, 1), await declare(driver, directory.enterprises[4]!, 2023, 2)];
    await recommend(driver, [late, clean]);
    await expertReview(driver, timetable);
    await certifyAll(driver, [late, clean]);
    const publicityEnd = await startPublicity(c, timetable);
    await driver.advanceTo(new Date(new Date(publicityEnd).getTime() - 3600_000));
    await driver.fileObjection(late, '最后一天提出的异议 / filed on the last day');

    await announce(c, publicityEnd);

    const campaign = await campaignCase(c);
    const [held, ...more] = await c.h.engine.searchIncidents({ processInstanceKey: campaign.processInstanceKey, state: 'ACTIVE' });
    expect(more).toEqual([]);
    expect(held).toMatchObject({ elementId: 'announce' });
    expect(held!.errorMessage).toContain(`异议尚未处理，不能发布公告：${late}`);
    expect(held!.errorMessage).not.toContain(clean);
    for (const n of [late, clean]) expect(await driver.declaration(n)).toEqual({ stage: 'PUBLICITY', outcome: null });
    expect((await c.h.db.pool.query(`SELECT status FROM campaigns WHERE year = 2023`)).rows).toEqual([{ status: 'PUBLICITY' }]);

    await driver.completeAll('decideObjection', () => ({ objectionUpheld: true, objectionReason: '经核实成立 / verified' }), 'office-1');
    await c.h.engine.resolveIncident(held!.incidentKey);
    await driver.settle();

    expect(await driver.declaration(late)).toEqual({ stage: 'CLOSED', outcome: 'REMOVED_AFTER_OBJECTION' });
    expect(await driver.declaration(clean)).toEqual({ stage: 'CLOSED', outcome: 'ANNOUNCED' });
    const { rows: announced } = await c.h.db.pool.query(`SELECT detail FROM audit_log WHERE action = 'list.announced'`);
    expect(announced).toEqual([{ detail: expect.objectContaining({ announcementNumber: '2023年第1号', declarations: [clean] }) }]);
    expect(announced[0].detail.certificates.map((x: { declarationNumber: string }) => x.declarationNumber)).toEqual([clean]);
    expect((await c.h.db.pool.query('SELECT declaration_number FROM certificates')).rows).toEqual([{ declaration_number: clean }]);
  });
});
