import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCycleHarness, type CycleHarness } from './cycle-harness.ts';
import { smallDirectory } from './directory.fixture.ts';
import { caseOf, declare } from './scenario-steps.ts';

describe('the city submission deadline', () => {
  let c: CycleHarness;
  const directory = smallDirectory();
  beforeEach(async () => {
    c = await createCycleHarness({ directory });
  });
  afterEach(() => c.close());

  it('closes what the county or city left undecided, and tells the provincial office, once each', async () => {
    const { driver } = c;
    const timetable = await driver.openCampaign(2023);
    const atCity = await declare(driver, directory.enterprises[0]!, 2023, 1);
    const atCounty = await declare(driver, directory.enterprises[2]!, 2023, 2);
    await driver.completeAll('countyCheck', (t) => (t.businessKey === atCity ? { recommended: true, reason: '材料齐全 / complete' } : null));

    // One millisecond before the deadline both still wait.
    await driver.advanceTo(new Date(new Date(timetable.citySubmissionDeadline).getTime() - 1));
    expect(await driver.declaration(atCity)).toMatchObject({ outcome: null });
    expect(await driver.declaration(atCounty)).toMatchObject({ outcome: null });

    await driver.advanceTo(timetable.citySubmissionDeadline);
    for (const number of [atCity, atCounty]) {
      expect(await driver.declaration(number), number).toEqual({ stage: 'CLOSED', outcome: 'NOT_RECOMMENDED' });
      expect((await caseOf(c, number)).path.slice(-4)).toEqual(['lateMerge', 'escalateLate', 'closeLate', 'endLate']);
    }
    expect(await c.h.engine.searchUserTasks({ state: 'CREATED', elementId: 'cityReview' })).toEqual([]);
    expect(await c.h.engine.searchUserTasks({ state: 'CREATED', elementId: 'countyCheck' })).toEqual([]);
    const escalations = c.notifications.filter((n) => n.kind === 'deadline-escalation');
    expect(escalations.map((n) => [n.caseNumber, n.roles, n.concerning])).toEqual(
      expect.arrayContaining([
        [atCity, ['provincial_office'], { role: 'city_office', scope: '320100' }],
        [atCounty, ['provincial_office'], { role: 'city_office', scope: '320200' }],
      ]),
    );
    expect(escalations).toHaveLength(2);
  });
});
