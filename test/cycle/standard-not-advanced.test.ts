import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eligibleFacts } from '../../bin/demo/facts.ts';
import { createCycleHarness, type CycleHarness } from './cycle-harness.ts';
import { smallDirectory } from './directory.fixture.ts';
import { auditOf, caseOf, declare, evaluateStandards, expertReview, instituteJudgement, proposalOf, recommend } from './scenario-steps.ts';

/**
 * The standard a product is made to (issue 12 item 9): the enterprise files its comparison table
 * (Attachment 2) with the declaration; the automatic comparison is a proposal made before the
 * institute's task opens; the institute judges legitimacy, compliance and advancement, each with
 * its reason, and its judgements decide.
 */
describe('the institute’s standard evaluation', () => {
  let c: CycleHarness;
  const directory = smallDirectory();
  beforeEach(async () => {
    c = await createCycleHarness({ directory });
  });
  afterEach(() => c.close());

  async function listed(factsOf: (i: number) => Record<string, unknown>) {
    const { driver } = c;
    const timetable = await driver.openCampaign(2023);
    const numbers = [await declare(driver, directory.enterprises[0]!, 2023, 1, 'COUNTY', factsOf(0)), await declare(driver, directory.enterprises[2]!, 2023, 2, 'COUNTY', factsOf(1))];
    await recommend(driver, numbers);
    await expertReview(driver, timetable);
    return numbers as [string, string];
  }

  it('proposes from the filed table, and closes STANDARD_NOT_ADVANCED when the institute finds the standard behind', async () => {
    const { driver } = c;
    const [behind, ahead] = await listed((i) => eligibleFacts('MANUFACTURING', 2023, i + 1, i === 1));
    expect(await driver.declaration(behind)).toEqual({ stage: 'STANDARD_EVALUATION', outcome: null });
    // The proposal is there when the institute's task opens: it reads the enterprise's own table.
    const tasks = await driver.tasks('evaluateStandard');
    const proposals = Object.fromEntries(await Promise.all(tasks.map(async (t) => [t.businessKey, await proposalOf(driver, t)] as const)));
    expect(proposals[behind]).toMatchObject({ standardProposal: 'NOT_ADVANCED', standardProposalSummary: expect.stringContaining('不具先进性') });
    expect(proposals[ahead]).toMatchObject({ standardProposal: 'ADVANCED' });

    expect(await evaluateStandards(driver, [behind, ahead])).toBe(2);

    expect(await driver.declaration(behind)).toEqual({ stage: 'CLOSED', outcome: 'STANDARD_NOT_ADVANCED' });
    expect(await driver.declaration(ahead)).toEqual({ stage: 'CHOOSING_CERTIFICATION_BODY', outcome: null });
    const closed = await caseOf(c, behind);
    expect(closed.state).toBe('COMPLETED');
    expect(closed.path.slice(-7)).toEqual(['keyListDecision', 'proposeStandard', 'evaluateStandard', 'assessStandard', 'standardDecision', 'closeNotAdvanced', 'endNotAdvanced']);
    expect(closed.variables.standardVerdict).toBe('NOT_ADVANCED');
    expect(await driver.tasks('chooseBody')).toEqual([expect.objectContaining({ businessKey: ahead })]);

    const { rows } = await c.h.db.pool.query(
      `SELECT verdict, evaluated_by, legitimacy, legitimacy_reason, compliance, compliance_reason, advancement_reason, proposal_verdict, indicators
         FROM standard_evaluations WHERE declaration_number = $1`,
      [behind],
    );
    const filed = (eligibleFacts('MANUFACTURING', 2023, 1, false) as { standardComparison: { indicators: { enterpriseValue: number }[] } }).standardComparison;
    expect(rows).toEqual([
      expect.objectContaining({
        verdict: 'NOT_ADVANCED',
        evaluated_by: 'institute-1',
        legitimacy: 'LEGITIMATE',
        legitimacy_reason: expect.stringContaining('自我声明'),
        compliance: 'COMPLIANT',
        compliance_reason: expect.stringContaining('强制性国家标准'),
        advancement_reason: '低于国标 / below GB',
        proposal_verdict: 'NOT_ADVANCED',
      }),
    ]);
    // The rows are the enterprise's, as filed: nobody typed them in again.
    expect(rows[0].indicators.map((i: { enterpriseValue: number }) => i.enterpriseValue)).toEqual(filed.indicators.map((i) => i.enterpriseValue));
    expect((await c.h.db.pool.query('SELECT * FROM certifications WHERE declaration_number = $1', [behind])).rows).toEqual([]);
    expect(await auditOf(c.h.db.pool, behind, ['standard.proposed', 'standard.not_advanced', 'declaration.closed'])).toEqual([
      { actor: 'jingpin', role: 'system', action: 'standard.proposed', reason: expect.stringContaining('不具先进性') },
      {
        actor: 'institute-1',
        role: 'standardization_institute',
        action: 'standard.not_advanced',
        reason: expect.stringMatching(/自我声明.*强制性国家标准.*低于国标/),
      },
      { actor: 'jingpin', role: 'system', action: 'declaration.closed', reason: null },
    ]);
  });

  it('closes STANDARD_NOT_COMPLIANT when the standard is not compliant, however advanced the comparison', async () => {
    const { driver } = c;
    const [failing, passing] = await listed((i) => eligibleFacts('MANUFACTURING', 2023, i + 1));
    expect(await evaluateStandards(driver, [failing, passing], [failing])).toBe(2);

    expect(await driver.declaration(failing)).toEqual({ stage: 'CLOSED', outcome: 'STANDARD_NOT_COMPLIANT' });
    expect(await driver.declaration(passing)).toEqual({ stage: 'CHOOSING_CERTIFICATION_BODY', outcome: null });
    const closed = await caseOf(c, failing);
    expect(closed.path.slice(-3)).toEqual(['standardDecision', 'closeNotCompliant', 'endNotCompliant']);
    const { rows } = await c.h.db.pool.query('SELECT verdict, compliance, proposal_verdict FROM standard_evaluations WHERE declaration_number = $1', [failing]);
    expect(rows).toEqual([{ verdict: 'ADVANCED', compliance: 'NOT_COMPLIANT', proposal_verdict: 'ADVANCED' }]);
    const [audit] = await c.h.db.pool.query(`SELECT detail FROM audit_log WHERE subject_id = $1 AND action = 'standard.not_compliant'`, [failing]).then((r) => r.rows);
    expect(audit.detail).toMatchObject({ compliance: { judgement: 'NOT_COMPLIANT', reason: expect.stringContaining('GB 4806.1') }, followsProposal: true });
  });

  it('lets the institute judge against the proposal, recording that it did', async () => {
    const { driver } = c;
    const [overruled, kept] = await listed((i) => eligibleFacts('MANUFACTURING', 2023, i + 1));
    const reason = '对比表未列出更严的现行标准 GB/T 3077-2015 / the table leaves out the stricter GB/T 3077-2015';
    await driver.completeAll('evaluateStandard', async (t) => (t.businessKey === overruled ? instituteJudgement('NOT_ADVANCED', { reason }) : instituteJudgement((await proposalOf(driver, t)).standardProposal)), 'institute-2');

    expect(await driver.declaration(overruled)).toEqual({ stage: 'CLOSED', outcome: 'STANDARD_NOT_ADVANCED' });
    expect(await driver.declaration(kept)).toEqual({ stage: 'CHOOSING_CERTIFICATION_BODY', outcome: null });
    const { rows } = await c.h.db.pool.query(
      `SELECT s.verdict, s.proposal_verdict, a.detail->'followsProposal' AS follows, a.detail->'advancement'->>'reason' AS reason
         FROM standard_evaluations s JOIN audit_log a ON a.subject_id = s.declaration_number AND a.action LIKE 'standard.%' AND a.role = 'standardization_institute'
        WHERE s.declaration_number = $1`,
      [overruled],
    );
    expect(rows).toEqual([{ verdict: 'NOT_ADVANCED', proposal_verdict: 'ADVANCED', follows: false, reason }]);
  });

  it('tells the institute when the enterprise filed no table, and still takes its judgement', async () => {
    const { driver } = c;
    const [bare] = await listed((i) => {
      const { standardComparison: _, ...facts } = eligibleFacts('MANUFACTURING', 2023, i + 1);
      return i === 0 ? facts : eligibleFacts('MANUFACTURING', 2023, i + 1);
    });
    const task = (await driver.tasks('evaluateStandard')).find((t) => t.businessKey === bare)!;
    expect(await proposalOf(driver, task)).toMatchObject({ standardProposal: 'NONE', standardProposalSummary: expect.stringContaining('未随申报提交') });
    expect(await evaluateStandards(driver, [bare])).toBe(1);
    expect(await driver.declaration(bare)).toEqual({ stage: 'CLOSED', outcome: 'STANDARD_NOT_ADVANCED' });
    const { rows } = await c.h.db.pool.query('SELECT verdict, proposal_verdict, advancement_reason FROM standard_evaluations WHERE declaration_number = $1', [bare]);
    expect(rows).toEqual([{ verdict: 'NOT_ADVANCED', proposal_verdict: null, advancement_reason: expect.stringContaining('未提交') }]);
  });
});
