import { Type } from '@sinclair/typebox';
import { processIds, taskTypes } from '../../bpmn/contract.ts';
import { beijingDateOf } from '../../domain/deadlines/beijing-time.ts';
import { certificateValidity } from '../../domain/deadlines/certificate-validity.ts';
import { withTransaction } from '../../platform/db/pool.ts';
import { appendAudit, SYSTEM_ACTOR } from '../../platform/db/cycle/audit-log.ts';
import { NoCaseStart, recordCaseStart, startCase } from '../../platform/cycle/case-starts.ts';
import { complete } from '../../platform/engine/outcome.ts';
import { defineWorker } from '../../platform/engine/worker.ts';
import type { CyclePorts } from '../cycle/ports.ts';

/** The certificate's number follows the declaration's: JP-2026-320100-0001 → JSJP-2026-320100-0001. */
export const certificateNumberOf = (declarationNumber: string) => `JSJP-${declarationNumber.replace(/^JP-/, '')}`;

/**
 * The announced declaration's certificate: valid three years, with its own case (the
 * certificate process: renewal reminders and expiry). The certificate row and its case start
 * are recorded together, keyed on the certificate number, so a repeated job issues nothing
 * twice and starts the one case (case-starts.ts).
 */
export function issueCertificateWorker(ports: CyclePorts) {
  return defineWorker({
    taskType: taskTypes.issueCertificate,
    description: '颁发江苏精品证书 / issue the certificate',
    input: Type.Object({ declarationNumber: Type.String({ minLength: 1 }), certificationBodyId: Type.String({ minLength: 1 }) }),
    async handler(job) {
      const { declarationNumber, certificationBodyId } = job.variables;
      const number = certificateNumberOf(declarationNumber);
      const at = ports.clock.now();
      const validity = certificateValidity(beijingDateOf(at));
      await withTransaction(ports.db, async (db) => {
        const { rowCount } = await db.query(
          `INSERT INTO certificates (number, declaration_number, issued_at, expires_at, status) VALUES ($1, $2, $3, $4, 'VALID') ON CONFLICT DO NOTHING`,
          [number, declarationNumber, at, validity.lapsesAt],
        );
        if (rowCount) {
          await appendAudit(db, { actor: SYSTEM_ACTOR, role: 'provincial_office', action: 'certificate.issued', subjectType: 'certificate', subjectId: number, detail: { declarationNumber, expiresOn: validity.expiresOn }, at });
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
