import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCycleHarness, type CycleHarness } from './cycle-harness.ts';
import { smallDirectory } from './directory.fixture.ts';
import ExcelJS from 'exceljs';
import { beijingDateOf } from '../../domain/deadlines/beijing-time.ts';
import { certificateValidity } from '../../domain/deadlines/certificate-validity.ts';
import { findAnnouncement, findCertificate } from '../../platform/db/cycle/announced.ts';
import { findCityBatch, recommendedRows } from '../../platform/db/cycle/city-batches.ts';
import { announcementPdf } from '../../platform/documents/announcement-pdf.ts';
import { attachment4HeaderRow, attachment4Xlsx } from '../../platform/documents/attachment-4.ts';
import { certificatePdf } from '../../platform/documents/certificate-pdf.ts';
import { dateZh } from '../../platform/documents/labels.ts';
import { pdfPages, squeeze } from '../pdf-text.ts';
import { decideKeyList, decideProposedList, declare, evaluateStandards, memberOpinions, memberUnitsAnswer, recommend } from './scenario-steps.ts';

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
    // The institute judges each standard three ways, from the table each enterprise filed.
    expect(await evaluateStandards(driver, numbers)).toBe(3);
    expect((await c.h.db.pool.query('SELECT legitimacy, compliance, verdict, proposal_verdict FROM standard_evaluations ORDER BY declaration_number')).rows).toEqual(
      numbers.map(() => ({ legitimacy: 'LEGITIMATE', compliance: 'COMPLIANT', verdict: 'ADVANCED', proposal_verdict: 'ADVANCED' })),
    );
    // Two enterprises choose; the third lets the period pass and the secretariat arranges its body.
    await driver.completeAll('chooseBody', (t) => (t.businessKey === numbers[2] ? null : { certificationBodyId: 'CB-A' }));
    const [unchosen] = await driver.tasks('chooseBody');
    await driver.advanceTo(new Date(new Date(unchosen!.dueDate!).getTime() + 60_000));
    expect(await driver.completeAll('arrangeBody', () => ({ certificationBodyId: 'CB-B', arrangementReason: '同意推荐 / as proposed' }), 'secretariat-1')).toBe(1);
    for (const n of numbers) await driver.certificationResult(n, true);
    await driver.completeAll('reportToCnca', () => ({ cncaReportNumber: 'CNCA-1' }));
    await driver.advanceTo(timetable.certificationDeadline);
    // The comprehensive review: each credit consultation found the office's clean records; every
    // member unit gives its opinion; the office writes its evaluation and proposes all three.
    expect((await c.h.db.pool.query('SELECT result, adapter FROM credit_checks ORDER BY declaration_number')).rows).toEqual(numbers.map(() => ({ result: 'CLEAN', adapter: 'credit-records' })));
    expect(await memberUnitsAnswer(driver)).toBe(2);
    expect(await decideProposedList(driver)).toBe(1);
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

    // Each city submitted its recommendations in one batch; the documents are made from the year's real rows.
    const { rows: batches } = await c.h.db.pool.query<{ id: string; city: string }>('SELECT id::text, city_code AS city FROM city_recommendation_batches ORDER BY city_code');
    expect(batches.map((b) => b.city)).toEqual(['320100', '320200']);
    await expectDocuments(c, numbers, Number(batches[0]!.id));
  }, 60_000);
});

/** Attachment 4 of Nanjing's batch, the announcement list and a certificate, read back from their files. */
async function expectDocuments(c: CycleHarness, numbers: readonly string[], nanjingBatch: number): Promise<void> {
  const db = c.h.db.pool;
  const batch = (await findCityBatch(db, '320100', nanjingBatch))!;
  const workbook = new ExcelJS.Workbook();
  const xlsx = await attachment4Xlsx({ ...batch, batchId: batch.id, rows: await recommendedRows(db, batch.id) });
  await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet('附件4')!;
  const { rows: enterprises } = await db.query<{ name: string; id: string }>(
    'SELECT e.name, e.id FROM declarations d JOIN enterprises e ON e.id = d.enterprise_id WHERE d.number = ANY($1::text[]) ORDER BY d.number',
    [numbers],
  );
  for (const [i, e] of enterprises.slice(0, 2).entries()) {
    expect([1, 2, 3].map((col) => sheet.getCell(attachment4HeaderRow + 1 + i, col).value)).toEqual([i + 1, e.name, e.id]);
  }
  expect(sheet.getCell(attachment4HeaderRow + 5, 1).value).toBe(`1. ${memberOpinions[0]!.unit}：${memberOpinions[0]!.opinion}`);

  const list = squeeze((await pdfPages(await announcementPdf((await findAnnouncement(db, 2023))!))).join(''));
  const { rows: certificates } = await db.query<{ number: string; issued: Date }>('SELECT number, issued_at AS issued FROM certificates ORDER BY number');
  expect(certificates).toHaveLength(3);
  for (const [i, e] of enterprises.entries()) {
    const { issuedOn, expiresOn } = certificateValidity(beijingDateOf(certificates[i]!.issued));
    expect(list).toContain(squeeze(`${e.name}${e.id}`));
    expect(list).toContain(squeeze(`${certificates[i]!.number}`));
    expect(list).toContain(squeeze(`${dateZh(issuedOn)}${dateZh(expiresOn)}`));
  }
  const certificate = squeeze((await pdfPages(await certificatePdf((await findCertificate(db, numbers[0]!))!))).join(''));
  expect(certificate).toContain(squeeze(`证书编号 / Certificate No.：${certificates[0]!.number}企业名称 / Enterprise：${enterprises[0]!.name}`));
}
