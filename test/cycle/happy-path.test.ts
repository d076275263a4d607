import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCycleHarness, type CycleHarness } from './cycle-harness.ts';
import { smallDirectory } from './directory.fixture.ts';
import { comparisonTable, decideKeyList, declare, recommend } from './scenario-steps.ts';

describe('the yearly cycle, happy path', () => {
  let c: CycleHarness;
  const directory = smallDirectory();
  beforeEach(async () => {
    c = await createCycleHarness({ directory });
  });
  afterEach(() => c.close());

  it('takes declarations from submission to announcement, with a certificate each', async () => {
    const { driver } = c;
    const timetable = await driver.openCampaign(2023);
    const numbers: string[] = [];
    for (const [i, e] of directory.enterprises.slice(0, 3).entries()) numbers.push(await declare(driver, e, 2023, i + 1));
    expect(numbers).toEqual(['JP-2023-320100-0001', 'JP-2023-320100-0002', 'JP-2023-320200-0001']);
    await recommend(driver, numbers);
    await driver.advanceTo(timetable.citySubmissionDeadline);
    expect(await driver.scoreAll((n) => 90 - numbers.indexOf(n))).toBeGreaterThan(0);
    // The provincial office decides the key-cultivation list from the ranked proposal: all three.
    expect(await decideKeyList(driver)).toBe(1);
    expect((await c.h.db.pool.query('SELECT declaration_number FROM key_cultivation WHERE selected ORDER BY rank')).rows.map((r) => r.declaration_number)).toEqual(numbers);
    await driver.completeAll('evaluateStandard', () => comparisonTable(true));
    // Two enterprises choose; the third lets the period pass and the secretariat arranges its body.
    await driver.completeAll('chooseBody', (t) => (t.businessKey === numbers[2] ? null : { certificationBodyId: 'CB-A' }));
    const [unchosen] = await driver.tasks('chooseBody');
    await driver.advanceTo(new Date(new Date(unchosen!.dueDate!).getTime() + 60_000));
    expect(await driver.completeAll('arrangeBody', () => ({ certificationBodyId: 'CB-B', arrangementReason: '同意推荐 / as proposed' }), 'secretariat-1')).toBe(1);
    for (const n of numbers) await driver.certificationResult(n, true);
    await driver.completeAll('reportToCnca', () => ({ cncaReportNumber: 'CNCA-1' }));
    await driver.advanceTo(timetable.certificationDeadline);
    const [campaignInstance] = await c.h.engine.searchInstances({ processDefinitionId: 'annual-campaign' });
    const campaign = await c.h.instance(campaignInstance!.processInstanceKey);
    expect(campaign.activeElementIds).toContain('publicityOver');
    await driver.advanceTo(String(campaign.variables.publicityEnd));
    await driver.completeAll('approveAnnouncement', () => ({ announcementApproved: true, announcementNote: '同意 / approved' }));
    await driver.completeAll('allianceReport', () => ({ reportSummary: '年度认证工作报告 / annual report of the year' }));

    for (const n of numbers) expect(await driver.declaration(n), n).toEqual({ stage: 'CLOSED', outcome: 'ANNOUNCED' });
    const certificates = await c.h.db.pool.query('SELECT number, status FROM certificates ORDER BY number');
    // Each the certificate its body issued when it certified (the driver's bodies number them ZS-…).
    expect(certificates.rows).toEqual(numbers.map((n) => ({ number: n.replace('JP-', 'ZS-'), status: 'VALID' })));
    const { rows: campaignRows } = await c.h.db.pool.query('SELECT status, announcement_number FROM campaigns WHERE year = 2023');
    expect(campaignRows[0]).toEqual({ status: 'ANNOUNCED', announcement_number: '2023年第1号' });
    expect(await c.h.engine.searchIncidents({ state: 'ACTIVE' })).toEqual([]);
    const instances = await c.h.engine.searchInstances({ state: 'ACTIVE' });
    // The campaign is done; the three certificates wait for renewal.
    expect(instances.map((i) => i.processDefinitionId).sort()).toEqual(['certificate', 'certificate', 'certificate']);
  }, 60_000);
});
