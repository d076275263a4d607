import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { beijingDateOf } from '../../domain/deadlines/beijing-time.ts';
import { certificateValidity } from '../../domain/deadlines/certificate-validity.ts';
import { addCalendarDays } from '../../domain/deadlines/iso-date.ts';
import { announcedCsv } from '../../platform/cycle/lists-csv.ts';
import { createCycleHarness, type CycleHarness } from './cycle-harness.ts';
import { smallDirectory } from './directory.fixture.ts';
import { announce, auditOf, caseOf, chooseBody, declare, evaluateStandards, expertReview, recommend, reportToCnca, startPublicity } from './scenario-steps.ts';

/**
 * The notice: the certification body certifies and issues the certificate; its three years of
 * validity run from the body's certificate. The announcement lists it. The system issues none.
 */
describe('the certificate comes from the certification body', () => {
  let c: CycleHarness;
  const directory = smallDirectory();
  beforeEach(async () => {
    c = await createCycleHarness({ directory });
  });
  afterEach(() => c.close());

  async function toCertification() {
    const timetable = await c.driver.openCampaign(2023);
    const number = await declare(c.driver, directory.enterprises[0]!, 2023, 1);
    await recommend(c.driver, [number]);
    await expertReview(c.driver, timetable);
    await evaluateStandards(c.driver, [number]);
    await chooseBody(c.driver, [number], 'CB-A');
    return { number, timetable };
  }

  it('records the body\'s certificate number and date with its result; validity runs three years from that date; the announcement lists it', async () => {
    const { driver } = c;
    const db = c.h.db.pool;
    const { number, timetable } = await toCertification();
    // The body dated its certificate the day before it reported the result.
    const certificateDate = addCalendarDays(beijingDateOf(c.h.clock.now()), -1);
    await driver.certificationResult(number, true, { certificateNumber: 'CQC-JSJP-2023-0088', certificateDate });
    expect((await db.query(`SELECT status, certificate_number, to_char(certificate_date, 'YYYY-MM-DD') AS certificate_date FROM certifications WHERE declaration_number = $1`, [number])).rows).toEqual([
      { status: 'CERTIFIED', certificate_number: 'CQC-JSJP-2023-0088', certificate_date: certificateDate },
    ]);
    const [certified] = (await db.query(`SELECT detail FROM audit_log WHERE subject_id = $1 AND action = 'certification.certified'`, [number])).rows;
    expect(certified.detail).toMatchObject({ certificateNumber: 'CQC-JSJP-2023-0088', certificateDate });
    // The CNCA report stays as it was: due 7 working days after certification ended.
    expect(await reportToCnca(driver, [number])).toBe(1);

    await announce(c, await startPublicity(c, timetable));
    expect(await driver.declaration(number)).toEqual({ stage: 'CLOSED', outcome: 'ANNOUNCED' });
    const validity = certificateValidity(certificateDate);
    const { rows } = await db.query(`SELECT number, issued_at, expires_at, issued_by, status FROM certificates WHERE declaration_number = $1`, [number]);
    expect(rows).toEqual([
      { number: 'CQC-JSJP-2023-0088', issued_at: new Date(`${certificateDate}T00:00:00+08:00`), expires_at: new Date(validity.lapsesAt), issued_by: 'CB-A', status: 'VALID' },
    ]);
    expect(await auditOf(db, 'CQC-JSJP-2023-0088', ['certificate.issued'])).toEqual([{ actor: 'CB-A', role: 'certification_body', action: 'certificate.issued', reason: null }]);
    // The certificate's own case counts from the body's date.
    const [certificateCase] = await c.h.engine.searchInstances({ processDefinitionId: 'certificate', businessKey: 'CQC-JSJP-2023-0088' });
    expect(certificateCase).toBeDefined();
    expect((await c.h.instance(certificateCase!.processInstanceKey)).variables).toMatchObject({ certificateNumber: 'CQC-JSJP-2023-0088', expiresOn: validity.expiresOn });
    // The announcement lists each declaration with its certificate.
    const [announced] = (await db.query(`SELECT detail FROM audit_log WHERE action = 'list.announced'`)).rows;
    expect(announced.detail.certificates).toEqual([{ declarationNumber: number, certificateNumber: 'CQC-JSJP-2023-0088', certificateDate, expiresOn: validity.expiresOn, bodyId: 'CB-A' }]);
    const csv = await announcedCsv(db, 2023);
    expect(csv).toContain('CQC-JSJP-2023-0088');
    expect(csv).toContain(validity.expiresOn);
    expect(await c.h.engine.searchIncidents({ state: 'ACTIVE' })).toEqual([]);
  }, 60_000);

  it('a certified result without the body\'s certificate stops with an incident naming it; nothing is recorded as certified', async () => {
    const { driver } = c;
    const db = c.h.db.pool;
    const { number } = await toCertification();
    // As a message from outside the API could arrive, without the certificate.
    await driver.publish('certification-result', number, { certified: true, certificationEndedAt: c.h.clock.now().toISOString() });
    const incidents = await c.h.engine.searchIncidents({ state: 'ACTIVE' });
    expect(incidents).toHaveLength(1);
    expect(incidents[0]!.errorMessage).toContain('certificateNumber');
    expect((await caseOf(c, number)).activeElementIds).toEqual(['recordCertification']);
    expect((await db.query('SELECT status FROM certifications WHERE declaration_number = $1', [number])).rows).toEqual([{ status: 'IN_PROGRESS' }]);
  });

  it('an impossible date from outside the API stops with an incident naming the variable; the office corrects it through the incident tools and the case carries on', async () => {
    const { driver } = c;
    const db = c.h.db.pool;
    const engine = c.h.engine;
    const { number } = await toCertification();
    // The shape of a date and time, not a real one: the worker checks it as the API does.
    const certificateDate = addCalendarDays(beijingDateOf(c.h.clock.now()), -1);
    await driver.publish('certification-result', number, { certified: true, certificationEndedAt: '2027-13-45T99:99:99Z', certificateNumber: 'CQC-JSJP-2023-0099', certificateDate });
    const [stuck] = await engine.searchIncidents({ state: 'ACTIVE', businessKey: number });
    expect(stuck).toBeDefined();
    expect(stuck!.errorMessage).toMatch(/certificationEndedAt.*date-time/);
    expect((await db.query('SELECT status FROM certifications WHERE declaration_number = $1', [number])).rows).toEqual([{ status: 'IN_PROGRESS' }]);

    // The incident tools: read the variables where it stopped, set the corrected one, resolve.
    const detail = await engine.getIncident(stuck!.incidentKey);
    expect(detail.variables).toMatchObject({ certificationEndedAt: '2027-13-45T99:99:99Z' });
    const endedAt = c.h.clock.now().toISOString();
    await engine.updateVariables({ elementInstanceKey: stuck!.processInstanceKey, variables: { certificationEndedAt: endedAt } });
    await engine.resolveIncident(stuck!.incidentKey);
    await driver.settle();
    expect(await engine.searchIncidents({ state: 'ACTIVE' })).toEqual([]);
    expect((await db.query(`SELECT status, certificate_number, ended_at FROM certifications WHERE declaration_number = $1`, [number])).rows).toEqual([
      { status: 'CERTIFIED', certificate_number: 'CQC-JSJP-2023-0099', ended_at: new Date(endedAt) },
    ]);
    expect(await reportToCnca(driver, [number])).toBe(1);
  });
});
