import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCycleHarness, type CycleHarness } from './cycle-harness.ts';
import { smallDirectory } from './directory.fixture.ts';
import { auditOf, caseOf, chooseBody, declare, evaluateStandards, expertReview, recommend, reportToCnca } from './scenario-steps.ts';

describe('a late CNCA report', () => {
  let c: CycleHarness;
  const directory = smallDirectory();
  beforeEach(async () => {
    c = await createCycleHarness({ directory });
  });
  afterEach(() => c.close());

  it('reminds the body, escalates to the supervision department after the deadline, and the case goes on when the body reports', async () => {
    const { driver } = c;
    const timetable = await driver.openCampaign(2023);
    const number = await declare(driver, directory.enterprises[2]!, 2023, 1);
    await recommend(driver, [number]);
    await expertReview(driver, timetable);
    await evaluateStandards(driver, [number]);
    await chooseBody(driver, [number], 'CB-B');
    const before = c.notifications.length;
    await driver.certificationResult(number, true);

    const { variables } = await caseOf(c, number);
    const [cncaDeadline, cncaReminderAt] = [String(variables.cncaDeadline), String(variables.cncaReminderAt)];
    // Certification ended on Wednesday 17 May 2023 (the city submission deadline, where the clock
    // stands): 7 working days later is Friday 26 May; the reminder 2 working days before it.
    expect(c.h.clock.now().toISOString()).toBe(new Date(timetable.citySubmissionDeadline).toISOString());
    expect([cncaReminderAt, cncaDeadline]).toEqual(['2023-05-24T17:00:00+08:00', '2023-05-26T17:00:00+08:00']);
    const [task] = await driver.tasks('reportToCnca');
    expect(task).toMatchObject({ businessKey: number, candidateGroups: ['cb-CB-B'], dueDate: expect.any(String) });
    expect(new Date(task!.dueDate!).getTime()).toBe(new Date(cncaDeadline).getTime());

    await driver.advanceTo(cncaReminderAt);
    await driver.advanceTo(new Date(new Date(cncaDeadline).getTime() + 3600_000));
    const body = { role: 'certification_body', scope: 'CB-B' };
    expect(c.notifications.slice(before)).toEqual([
      {
        kind: 'cnca-report-reminder',
        caseNumber: number,
        roles: ['certification_body'],
        parties: expect.arrayContaining([body]),
        deadline: cncaDeadline,
        concerning: null,
        at: new Date(cncaReminderAt).toISOString(),
      },
      {
        kind: 'cnca-report-escalation',
        caseNumber: number,
        roles: ['supervision_department'],
        parties: expect.arrayContaining([body]),
        deadline: cncaDeadline,
        concerning: body,
        at: new Date(cncaDeadline).toISOString(),
      },
    ]);
    const { rows: escalated } = await c.h.db.pool.query('SELECT body_id, status, cnca_due_at, cnca_escalated_at, cnca_reported_at FROM certifications WHERE declaration_number = $1', [number]);
    expect(escalated).toEqual([{ body_id: 'CB-B', status: 'CERTIFIED', cnca_due_at: new Date(cncaDeadline), cnca_escalated_at: new Date(cncaDeadline), cnca_reported_at: null }]);
    expect(await driver.declaration(number)).toEqual({ stage: 'CERTIFICATION', outcome: null });
    // The report is still owed: the task stays open after the escalation.
    expect((await caseOf(c, number)).activeElementIds).toEqual(['reportToCnca']);

    await driver.advanceTo(new Date(new Date(cncaDeadline).getTime() + 2 * 86_400_000));
    expect(await reportToCnca(driver, [number])).toBe(1);

    const reportedAt = c.h.clock.now();
    const { rows: reported } = await c.h.db.pool.query('SELECT cnca_due_at, cnca_reported_at, feedback_at FROM certifications WHERE declaration_number = $1', [number]);
    expect(reported).toEqual([{ cnca_due_at: new Date(cncaDeadline), cnca_reported_at: reportedAt, feedback_at: reportedAt }]);
    expect(await auditOf(c.h.db.pool, number, ['cnca_report.escalated', 'cnca_report.reported', 'cnca_report.reported_late'])).toEqual([
      {
        actor: 'jingpin',
        role: 'system',
        action: 'cnca_report.escalated',
        reason: expect.stringMatching(/^认证机构 CB-B 未在 .+ 前报送.* \/ body CB-B did not report by /),
      },
      { actor: 'CB-B', role: 'certification_body', action: 'cnca_report.reported_late', reason: null },
    ]);
    // The case goes on: credit consultation (clean) and on to wait for the comprehensive review.
    expect(await driver.declaration(number)).toEqual({ stage: 'AWAITING_PUBLICITY', outcome: null });
    const after = await caseOf(c, number);
    expect(after.activeElementIds).toEqual(['awaitReview']);
    expect(after.path).toEqual(expect.arrayContaining(['cncaReminder', 'remindBody', 'cncaOverdue', 'escalateCnca', 'recordEscalation', 'escalated', 'recordCnca', 'consultCredit']));
    expect(c.notifications.slice(before).map((n) => n.kind)).toEqual(['cnca-report-reminder', 'cnca-report-escalation']);
  });
});
