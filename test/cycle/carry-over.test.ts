import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eligibleFacts } from '../../bin/demo/facts.ts';
import { createCycleHarness, type CycleHarness } from './cycle-harness.ts';
import { smallDirectory } from './directory.fixture.ts';
import { auditOf, caseOf, expertReview } from './scenario-steps.ts';

describe('a carry-over enterprise', () => {
  let c: CycleHarness;
  const directory = smallDirectory();
  const enterprise = directory.enterprises[2]!;
  beforeEach(async () => {
    c = await createCycleHarness({ directory });
  });
  afterEach(() => c.close());

  /** Last year, as the 2022 cycle left it: a declaration on the key-cultivation list, with its outcome. */
  async function lastYear(outcome: 'NOT_CERTIFIED' | 'ANNOUNCED', productName: string, number: string) {
    const db = c.h.db.pool;
    await db.query(`INSERT INTO campaigns (year, notice_number, status, opened_at) VALUES (2022, '苏质委办〔2022〕1号', 'ANNOUNCED', '2022-03-10T09:00:00+08:00') ON CONFLICT DO NOTHING`);
    await db.query(
      `INSERT INTO declarations (number, campaign_year, enterprise_id, product_name, category, channel, facts, stage, outcome, submitted_at, closed_at)
       VALUES ($1, 2022, $2, $3, 'MANUFACTURING', 'COUNTY', $4, 'CLOSED', $5, '2022-04-01T10:00:00+08:00', '2022-11-20T10:00:00+08:00')`,
      [number, enterprise.id, productName, JSON.stringify(eligibleFacts('MANUFACTURING', 2022, 3)), outcome],
    );
    await db.query(`INSERT INTO key_cultivation (declaration_number, campaign_year, rank, score, selected, reason) VALUES ($1, 2022, 1, 91.5, true, '列入名单 / on the list')`, [number]);
  }

  it('is declared again by the campaign itself and enters the review pool without county or city', async () => {
    await lastYear('NOT_CERTIFIED', '精密轴承 / precision bearings', 'JP-2022-320200-0001');
    await lastYear('ANNOUNCED', '数控机床 / CNC machine tools', 'JP-2022-320200-0002');

    const timetable = await c.driver.openCampaign(2023);

    // Only the one not certified is carried over, by the campaign, as a CARRY_OVER declaration.
    const { rows } = await c.h.db.pool.query(`SELECT number, enterprise_id, product_name, channel, facts FROM declarations WHERE campaign_year = 2023`);
    expect(rows).toEqual([
      expect.objectContaining({ number: 'JP-2023-320200-0001', enterprise_id: enterprise.id, product_name: '精密轴承 / precision bearings', channel: 'CARRY_OVER' }),
    ]);
    const number = rows[0]!.number as string;
    const carried = rows[0]!.facts as Record<string, unknown>;
    expect(carried).toMatchObject({ campaignYear: 2023, carryOver: { onPreviousKeyCultivationList: true, certified: false } });
    // The prior-year record the CARRY_OVER preference asks for is the campaign's own.
    expect(carried.evidence).toContain('PRIOR_YEAR_RECORD');

    // Last year's figures are for 2021; the 2023 rule set asks for 2022's: the enterprise brings them up to date.
    expect(await c.driver.declaration(number)).toEqual({ stage: 'CORRECTION', outcome: null });
    const [correction] = await c.driver.tasks('correctMaterials');
    expect(correction).toMatchObject({ businessKey: number, candidateGroups: [`enterprise-${enterprise.id}`] });
    // 5 working days from the opening on Monday 20 March (the rule set's correction period).
    expect(new Date(correction!.dueDate!)).toEqual(new Date('2023-03-27T17:00:00+08:00'));
    const { rows: incomplete } = await c.h.db.pool.query(`SELECT eligibility FROM declarations WHERE number = $1`, [number]);
    expect(incomplete[0].eligibility).toEqual({
      outcome: 'INCOMPLETE',
      problems: [expect.objectContaining({ path: '/sales/year', en: 'the 2023 campaign judges sales of 2022, not 2021' })],
    });
    const fresh = eligibleFacts('MANUFACTURING', 2023, 3);
    const corrected = { ...carried, sales: fresh.sales, manufacturing: fresh.manufacturing, financialReports: fresh.financialReports };
    const note = '补充 2022 年销售额、利税与审计报告 / 2022 sales, profit and audited accounts added';
    expect(await c.driver.correctMaterials(number, corrected, note, enterprise.id)).toBe(true);

    expect(await c.driver.declaration(number)).toEqual({ stage: 'EXPERT_REVIEW', outcome: null });
    const view = await caseOf(c, number);
    expect(view.activeElementIds).toEqual(['awaitKeyList']);
    expect(view.path.slice(-5)).toEqual(['checkEligibility', 'eligibilityDecision', 'channelDecision', 'poolMerge', 'awaitKeyList']);
    expect(view.path).not.toContain('countyCheck');
    expect(view.path).not.toContain('cityReview');
    expect(await c.driver.tasks('countyCheck')).toEqual([]);
    expect(await c.driver.tasks('cityReview')).toEqual([]);
    const { rows: judged } = await c.h.db.pool.query(`SELECT facts, eligibility FROM declarations WHERE number = $1`, [number]);
    expect(judged[0].facts.carryOver).toEqual({ onPreviousKeyCultivationList: true, certified: false });
    expect(judged[0].eligibility.outcome).toMatch(/^ELIGIBLE/);
    expect(judged[0].eligibility.flags).toEqual(expect.arrayContaining([expect.objectContaining({ flag: 'CARRY_OVER' })]));

    expect(await auditOf(c.h.db.pool, number, ['declaration.submitted', 'eligibility.incomplete', 'declaration.corrected', 'eligibility.eligible_pending_review'])).toEqual([
      { actor: 'jingpin', role: 'system', action: 'declaration.submitted', reason: null },
      { actor: 'jingpin', role: 'system', action: 'eligibility.incomplete', reason: null },
      { actor: enterprise.id, role: 'enterprise', action: 'declaration.corrected', reason: note },
      { actor: 'jingpin', role: 'system', action: 'eligibility.eligible_pending_review', reason: null },
    ]);

    // In the pool it is drawn a panel, scored and ranked like any other.
    await expertReview(c.driver, timetable);
    const { rows: panel } = await c.h.db.pool.query(`SELECT count(*)::int AS n FROM panel_assignments WHERE declaration_number = $1 AND role = 'MEMBER'`, [number]);
    expect(panel).toEqual([{ n: 5 }]);
    const { rows: ranked } = await c.h.db.pool.query('SELECT campaign_year, selected FROM key_cultivation WHERE declaration_number = $1', [number]);
    expect(ranked).toEqual([{ campaign_year: 2023, selected: true }]);
    expect(await c.driver.declaration(number)).toEqual({ stage: 'STANDARD_EVALUATION', outcome: null });
  });
});
