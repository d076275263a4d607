import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ineligibleFacts } from '../../bin/demo/facts.ts';
import { createCycleHarness, type CycleHarness } from './cycle-harness.ts';
import { smallDirectory } from './directory.fixture.ts';
import { auditOf, caseOf, declare } from './scenario-steps.ts';

/** 苏质委办〔2023〕1号: consumer goods need sales of 200,000,000 yuan or more in 2022. */
const CONSUMER_GOODS_MIN_2023 = 200_000_000;

describe('an ineligible declaration', () => {
  let c: CycleHarness;
  const directory = smallDirectory();
  const [suzhou, wuxi] = [directory.enterprises[4]!, directory.enterprises[2]!];
  beforeEach(async () => {
    c = await createCycleHarness({ directory });
    await c.driver.openCampaign(2023);
  });
  afterEach(() => c.close());

  async function eligibilityOf(number: string) {
    const { rows } = await c.h.db.pool.query<{ eligibility: { outcome: string; reasons: { rule: string; outcome: string; figure?: { value: number }; threshold?: { value: number } }[] } }>(
      'SELECT eligibility FROM declarations WHERE number = $1',
      [number],
    );
    return rows[0]!.eligibility;
  }

  it('from a member unit closes as INELIGIBLE at once, without county or city', async () => {
    const number = await declare(c.driver, suzhou, 2023, 1, 'MEMBER_UNIT', ineligibleFacts(2023, CONSUMER_GOODS_MIN_2023));

    expect(await c.driver.declaration(number)).toEqual({ stage: 'CLOSED', outcome: 'INELIGIBLE' });
    const eligibility = await eligibilityOf(number);
    expect(eligibility.outcome).toBe('INELIGIBLE');
    expect(eligibility.reasons.filter((r) => r.outcome === 'FAIL')).toEqual([
      expect.objectContaining({ rule: 'D4', figure: expect.objectContaining({ value: CONSUMER_GOODS_MIN_2023 - 1 }), threshold: expect.objectContaining({ value: CONSUMER_GOODS_MIN_2023 }) }),
    ]);
    const view = await caseOf(c, number);
    expect(view.state).toBe('COMPLETED');
    expect(view.path).toEqual(['submitted', 'schedule', 'eligibilityMerge', 'checkEligibility', 'eligibilityDecision', 'closeIneligible', 'endIneligible']);
    expect(await c.driver.tasks('countyCheck')).toEqual([]);
    expect((await c.h.db.pool.query('SELECT * FROM recommendations WHERE declaration_number = $1', [number])).rows).toEqual([]);
    // The member unit's materials (one file per kind its facts list) come between the submission and the check.
    const trail = await auditOf(c.h.db.pool, number);
    expect(trail.filter((row) => row.action !== 'attachment.uploaded')).toEqual([
      { actor: suzhou.id, role: 'member_unit', action: 'declaration.submitted', reason: null },
      { actor: 'jingpin', role: 'system', action: 'eligibility.ineligible', reason: null },
      { actor: 'jingpin', role: 'system', action: 'declaration.closed', reason: null },
    ]);
    expect(trail.slice(1, -2).every((row) => row.action === 'attachment.uploaded' && row.role === 'member_unit')).toBe(true);
  });

  it('through the county goes to the county check with the warning, and closes as INELIGIBLE when the county does not pass it', async () => {
    const number = await declare(c.driver, wuxi, 2023, 1, 'COUNTY', ineligibleFacts(2023, CONSUMER_GOODS_MIN_2023));

    expect(await c.driver.declaration(number)).toEqual({ stage: 'COUNTY_CHECK', outcome: null });
    const [task, ...more] = await c.driver.tasks('countyCheck');
    expect(more).toEqual([]);
    expect(task).toMatchObject({ businessKey: number, candidateGroups: [`county-${wuxi.countyCode}`] });
    const waiting = await caseOf(c, number);
    expect(waiting.activeElementIds).toEqual(['countyCheck']);
    expect(waiting.variables.eligibility).toBe('INELIGIBLE');
    expect((await eligibilityOf(number)).outcome).toBe('INELIGIBLE');

    const reason = '销售额未达 2 亿元 / sales below 200 million yuan';
    expect(await c.driver.completeAll('countyCheck', () => ({ recommended: false, reason }), 'county-officer-1')).toBe(1);

    expect(await c.driver.declaration(number)).toEqual({ stage: 'CLOSED', outcome: 'INELIGIBLE' });
    const closed = await caseOf(c, number);
    expect(closed.state).toBe('COMPLETED');
    expect(closed.path.slice(-7)).toEqual(['channelDecision', 'countyCheck', 'recordCounty', 'countyDecision', 'countyRejectedWhy', 'closeCountyIneligible', 'endCountyIneligible']);
    expect(await c.driver.tasks('cityReview')).toEqual([]);
    const { rows } = await c.h.db.pool.query('SELECT level, recommended, reason, decided_by FROM recommendations WHERE declaration_number = $1', [number]);
    expect(rows).toEqual([{ level: 'COUNTY', recommended: false, reason, decided_by: 'county-officer-1' }]);
    expect(await auditOf(c.h.db.pool, number, ['county.not_recommended', 'declaration.closed'])).toEqual([
      { actor: 'county-officer-1', role: 'county_office', action: 'county.not_recommended', reason },
      { actor: 'jingpin', role: 'system', action: 'declaration.closed', reason: null },
    ]);
  });
});
