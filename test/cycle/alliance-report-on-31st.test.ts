import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCycleHarness, type CycleHarness } from './cycle-harness.ts';
import { smallDirectory } from './directory.fixture.ts';

// Issue 12 item 8: the report is due "before the end of December"; on 31 December 2024, a working
// day, it is still on time and must not be escalated.
describe('the alliance annual report of 2024', () => {
  let c: CycleHarness;
  beforeEach(async () => {
    c = await createCycleHarness({ directory: smallDirectory(), start: '2024-03-20T09:00:00+08:00' });
  });
  afterEach(() => c.close());

  it('is due on 31 December, and a report handed in that morning is not escalated as late', async () => {
    const { driver } = c;
    await driver.openCampaign(2024);
    const variables = await driver.campaignVariables(2024);
    expect(variables.allianceReportDue).toBe('2024-12-31T17:00:00+08:00');
    await driver.advanceTo('2024-12-31T10:00:00+08:00');
    expect(await driver.completeAll('allianceReport', () => ({ reportSummary: '年度认证工作报告 / annual report of the year' }))).toBe(1);
    await driver.advanceTo('2025-01-05T10:00:00+08:00');
    const aboutTheReport = c.notifications.filter((n) => n.caseNumber === '年报-2024');
    expect(aboutTheReport.map((n) => n.kind)).toEqual(['annual-report-reminder']);
  }, 60_000);
});
