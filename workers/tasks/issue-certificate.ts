import { Type } from '@sinclair/typebox';
import { processIds, taskTypes } from '../../bpmn/contract.ts';
import { beijingDateTime } from '../../domain/deadlines/beijing-time.ts';
import { certificateValidity } from '../../domain/deadlines/certificate-validity.ts';
import { withTransaction } from '../../platform/db/pool.ts';
import { appendAudit } from '../../platform/db/cycle/audit-log.ts';
import { NoCaseStart, recordCaseStart, startCase } from '../../platform/cycle/case-starts.ts';
import { complete, incident } from '../../platform/engine/outcome.ts';
import { defineWorker } from '../../platform/engine/worker.ts';
import type { CyclePorts } from '../cycle/ports.ts';

/**
 * The announced declaration's certificate enters the register: the one its certification body
 * issued when it certified (number and date recorded with the result), valid three years from
 * the body's date, with its own case (the certificate process: renewal reminders and expiry).
 * The system numbers and dates nothing. The row and its case start are recorded together, keyed
 * on the certificate number, so a repeated job registers nothing twice and starts the one case
 * (case-starts.ts).
 */
export function issueCertificateWorker(ports: CyclePorts) {
  return defineWorker({
    taskType: taskTypes.issueCertificate,
    description: '登记认证机构颁发的证书 / register the certificate the body issued',
    input: Type.Object({ declarationNumber: Type.String({ minLength: 1 }), certificationBodyId: Type.String({ minLength: 1 }) }),
    async handler(job) {
      const { declarationNumber, certificationBodyId } = job.variables;
      const { rows } = await ports.db.query<{ number: string | null; date: string | null; body_id: string }>(
        `SELECT certificate_number AS number, to_char(certificate_date, 'YYYY-MM-DD') AS date, body_id FROM certifications WHERE declaration_number = $1`,
        [declarationNumber],
      );
      const issued = rows[0];
      if (!issued?.number || !issued.date) {
        return incident(`${declarationNumber} 的认证记录没有认证机构颁发的证书编号和日期 / the certification of ${declarationNumber} has no certificate number and date from its body`);
      }
      const { number, date, body_id: bodyId } = issued as { number: string; date: string; body_id: string };
      const validity = certificateValidity(date);
      const at = ports.clock.now();
      await withTransaction(ports.db, async (db) => {
        const { rowCount } = await db.query(
          `INSERT INTO certificates (number, declaration_number, issued_at, expires_at, status, issued_by) VALUES ($1, $2, $3, $4, 'VALID', $5) ON CONFLICT DO NOTHING`,
          [number, declarationNumber, beijingDateTime(date, 0), validity.lapsesAt, bodyId],
        );
        if (rowCount) {
          await appendAudit(db, {
            actor: bodyId,
            role: 'certification_body',
            action: 'certificate.issued',
            subjectType: 'certificate',
            subjectId: number,
            detail: { declarationNumber, issuedOn: date, expiresOn: validity.expiresOn, registeredAt: at.toISOString() },
            at,
          });
          await recordCaseStart(db, { processDefinitionId: processIds.certificate, businessKey: number, variables: { certificateNumber: number, declarationNumber, certificationBodyId } }, at);
        }
      });
      try {
        await startCase(ports, processIds.certificate, number);
      } catch (error) {
        // A certificate issued before case starts were recorded had its case started then.
        if (!(error instanceof NoCaseStart)) throw error;
      }
      return complete({ certificateNumber: number });
    },
  });
}
