import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCycleHarness, type CycleHarness } from './cycle-harness.ts';
import { smallDirectory } from './directory.fixture.ts';
import { auditOf, caseOf, declare } from './scenario-steps.ts';

describe('not recommended by the city', () => {
  let c: CycleHarness;
  const directory = smallDirectory();
  beforeEach(async () => {
    c = await createCycleHarness({ directory });
  });
  afterEach(() => c.close());

  it('closes as NOT_RECOMMENDED with the city decision on record, while the recommended one goes to the review pool', async () => {
    const { driver } = c;
    const timetable = await driver.openCampaign(2023);
    const [kept, dropped] = [await declare(driver, directory.enterprises[0]!, 2023, 1), await declare(driver, directory.enterprises[1]!, 2023, 2)];
    await driver.completeAll('countyCheck', () => ({ recommended: true, reason: '材料齐全 / complete' }), 'county-officer-1');
    await driver.completeAll('cityReview', (t) => (t.businessKey === kept ? { recommended: true, reason: '推荐 / recommended' } : null), 'city-officer-1');
    // The city leaves the other one until after the reminder, then decides within the deadline.
    await driver.advanceTo(timetable.cityReminderAt);
    expect(c.notifications).toEqual([
      {
        kind: 'city-submission-reminder',
        caseNumber: dropped,
        roles: ['city_office'],
        parties: expect.arrayContaining([{ role: 'city_office', scope: '320100' }]),
        deadline: timetable.citySubmissionDeadline,
        concerning: null,
        at: new Date(timetable.cityReminderAt).toISOString(),
      },
    ]);
    const reason = '名额有限，综合排名靠后 / quota reached: ranked lower in the city';
    await driver.completeAll('cityReview', (t) => (t.businessKey === dropped ? { recommended: false, reason } : null), 'city-officer-1');

    expect(await driver.declaration(dropped)).toEqual({ stage: 'CLOSED', outcome: 'NOT_RECOMMENDED' });
    expect(await driver.declaration(kept)).toEqual({ stage: 'EXPERT_REVIEW', outcome: null });
    const closed = await caseOf(c, dropped);
    expect(closed.state).toBe('COMPLETED');
    expect(closed.path).toEqual([
      'submitted', 'schedule', 'eligibilityMerge', 'checkEligibility', 'eligibilityDecision', 'channelDecision',
      'countyCheck', 'recordCounty', 'countyDecision', 'cityReview', 'cityReminder', 'remindCity', 'cityReminded',
      'recordCity', 'cityDecision', 'cityRejectedWhy', 'closeCityRejected', 'endCityRejected',
    ]);
    expect((await caseOf(c, kept)).activeElementIds).toEqual(['awaitKeyList']);

    const { rows } = await c.h.db.pool.query(
      'SELECT level, recommended, reason, decided_by FROM recommendations WHERE declaration_number = $1 ORDER BY decided_at, level DESC',
      [dropped],
    );
    expect(rows).toEqual([
      { level: 'COUNTY', recommended: true, reason: '材料齐全 / complete', decided_by: 'county-officer-1' },
      { level: 'CITY', recommended: false, reason, decided_by: 'city-officer-1' },
    ]);
    expect(await auditOf(c.h.db.pool, dropped, ['county.recommended', 'city.recommended', 'city.not_recommended', 'declaration.closed'])).toEqual([
      { actor: 'county-officer-1', role: 'county_office', action: 'county.recommended', reason: '材料齐全 / complete' },
      { actor: 'city-officer-1', role: 'city_office', action: 'city.not_recommended', reason },
      { actor: 'jingpin', role: 'system', action: 'declaration.closed', reason: null },
    ]);
    const { rows: closing } = await c.h.db.pool.query(`SELECT detail FROM audit_log WHERE subject_id = $1 AND action = 'declaration.closed'`, [dropped]);
    expect(closing).toEqual([{ detail: { outcome: 'NOT_RECOMMENDED' } }]);
    // The one decided before the reminder was never reminded of; nothing more is queued.
    await driver.advanceTo(timetable.citySubmissionDeadline);
    expect(c.notifications.map((n) => [n.kind, n.caseNumber])).toEqual([['city-submission-reminder', dropped]]);
  });
});
