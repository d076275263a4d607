import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eligibleFacts } from '../../bin/demo/facts.ts';
import { createCycleHarness, type CycleHarness } from './cycle-harness.ts';
import { smallDirectory } from './directory.fixture.ts';
import type { Principal } from '../../platform/auth/roles.ts';
import { declineCarryOver, offerCarryOver } from '../../platform/cycle/carry-over.ts';
import { listDrafts, submitDraft, updateDraft } from '../../platform/cycle/drafts.ts';
import { auditOf, caseOf, expertReview, recommend } from './scenario-steps.ts';

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

  const asEnterprise: Principal = { userId: 1, username: enterprise.id, role: 'enterprise', scope: enterprise.id };

  it('is offered a draft with last year\'s materials; the enterprise updates and submits it, and its county and city review it like any declaration', async () => {
    await lastYear('NOT_CERTIFIED', '精密轴承 / precision bearings', 'JP-2022-320200-0001');
    await lastYear('ANNOUNCED', '数控机床 / CNC machine tools', 'JP-2022-320200-0002');
    const db = c.h.db.pool;

    const timetable = await c.driver.openCampaign(2023);

    // Only the one not certified is offered, as a draft of the enterprise's; nothing is declared for it.
    expect((await db.query(`SELECT number FROM declarations WHERE campaign_year = 2023`)).rows).toEqual([]);
    const offers = await listDrafts(db, asEnterprise, { status: 'DRAFT', campaignYear: 2023 });
    expect(offers).toEqual([
      expect.objectContaining({ enterpriseId: enterprise.id, productName: '精密轴承 / precision bearings', channel: 'CARRY_OVER', carriedFrom: 'JP-2022-320200-0001', status: 'DRAFT', createdBy: 'jingpin' }),
    ]);
    const offer = offers[0]!;
    const carried = offer.facts as Record<string, unknown>;
    expect(carried).toMatchObject({ campaignYear: 2023, carryOver: { onPreviousKeyCultivationList: true, certified: false } });
    // The prior-year record the CARRY_OVER preference asks for is the campaign's own.
    expect(carried.evidence).toContain('PRIOR_YEAR_RECORD');
    expect(await auditOf(db, 'JP-2022-320200-0001', ['declaration.carry_over_offered'])).toEqual([{ actor: 'jingpin', role: 'system', action: 'declaration.carry_over_offered', reason: null }]);
    // Opening again (a repeated job) offers nothing twice.
    expect(await offerCarryOver(db, c.h.clock, 2023)).toBe(0);

    // The enterprise states its intention: it brings last year's figures (2021's) up to 2022's, then submits.
    const fresh = eligibleFacts('MANUFACTURING', 2023, 3);
    const updated = { ...carried, sales: fresh.sales, manufacturing: fresh.manufacturing, financialReports: fresh.financialReports };
    await updateDraft(db, c.h.clock, asEnterprise, offer.id, { facts: updated });
    // Its materials go with the draft (the prior-year record is the system's, not a file).
    const uploaded = await c.driver.evidence.attach({ draftId: offer.id }, updated, enterprise.id);
    expect(uploaded).toBeGreaterThan(0);
    const submitted = await submitDraft({ db, clock: c.h.clock, engine: c.h.engine }, asEnterprise, offer.id);
    await c.driver.settle();
    const number = submitted!.number;
    const { rows: files } = await db.query(`SELECT declaration_number, draft_id::int AS draft, kind FROM attachments WHERE draft_id = $1`, [offer.id]);
    expect(files).toHaveLength(uploaded);
    expect(files.every((f) => f.declaration_number === number && f.draft === offer.id && f.kind !== 'PRIOR_YEAR_RECORD')).toBe(true);
    expect((await db.query(`SELECT channel, facts->'carryOver' AS carry FROM declarations WHERE number = $1`, [number])).rows).toEqual([
      { channel: 'CARRY_OVER', carry: { onPreviousKeyCultivationList: true, certified: false } },
    ]);

    // Its county checks it and its city recommends it, as for any declaration.
    expect(await c.driver.declaration(number)).toEqual({ stage: 'COUNTY_CHECK', outcome: null });
    await recommend(c.driver, [number]);
    const view = await caseOf(c, number);
    expect(view.path).toEqual(expect.arrayContaining(['channelDecision', 'countyCheck', 'cityReview']));
    const { rows: judged } = await db.query(`SELECT eligibility FROM declarations WHERE number = $1`, [number]);
    expect(judged[0].eligibility.outcome).toMatch(/^ELIGIBLE/);
    expect(judged[0].eligibility.flags).toEqual(expect.arrayContaining([expect.objectContaining({ flag: 'CARRY_OVER' })]));
    expect(await auditOf(db, number, ['declaration.submitted'])).toEqual([{ actor: enterprise.id, role: 'enterprise', action: 'declaration.submitted', reason: null }]);

    // In the pool it is drawn a panel, scored and ranked like any other.
    await expertReview(c.driver, timetable);
    const { rows: panel } = await db.query(`SELECT count(*)::int AS n FROM panel_assignments WHERE declaration_number = $1 AND role = 'MEMBER'`, [number]);
    expect(panel).toEqual([{ n: 5 }]);
    expect(await c.driver.declaration(number)).toEqual({ stage: 'STANDARD_EVALUATION', outcome: null });
  });

  it('may be declined with a reason: nothing is declared, the decision is on last year\'s trail, and the draft can no longer be submitted', async () => {
    await lastYear('NOT_CERTIFIED', '精密轴承 / precision bearings', 'JP-2022-320200-0001');
    const db = c.h.db.pool;
    await c.driver.openCampaign(2023);
    const [offer] = await listDrafts(db, asEnterprise, { status: 'DRAFT' });
    const reason = '产线改造中，本年度暂不申请认证 / the line is being rebuilt; no certification this year';
    expect(await declineCarryOver(db, c.h.clock, asEnterprise, offer!.id, reason)).toMatchObject({ status: 'DECLINED', declinedReason: reason });
    expect(await auditOf(db, 'JP-2022-320200-0001', ['declaration.carry_over_declined'])).toEqual([{ actor: enterprise.id, role: 'enterprise', action: 'declaration.carry_over_declined', reason }]);
    await expect(submitDraft({ db, clock: c.h.clock, engine: c.h.engine }, asEnterprise, offer!.id)).rejects.toThrow(/declined/);
    await expect(declineCarryOver(db, c.h.clock, asEnterprise, offer!.id, reason)).rejects.toThrow(/declined already/);
    expect((await db.query(`SELECT count(*)::int AS n FROM declarations WHERE campaign_year = 2023`)).rows).toEqual([{ n: 0 }]);
    // Another enterprise sees neither the offer nor can decline it.
    const other: Principal = { userId: 2, username: directory.enterprises[0]!.id, role: 'enterprise', scope: directory.enterprises[0]!.id };
    expect(await listDrafts(db, other, {})).toEqual([]);
    expect(await declineCarryOver(db, c.h.clock, other, offer!.id, reason)).toBeUndefined();
  });
});
