import { Type } from '@sinclair/typebox';
import { taskTypes } from '../../bpmn/contract.ts';
import { withTransaction } from '../../platform/db/pool.ts';
import { appendAudit } from '../../platform/db/cycle/audit-log.ts';
import { ISO_DATE_TIME_WITH_OFFSET } from '../../domain/deadlines/beijing-time.ts';
import { complete, incident } from '../../platform/engine/outcome.ts';
import { defineWorker } from '../../platform/engine/worker.ts';
import type { CyclePorts } from '../cycle/ports.ts';

/** A calendar date, YYYY-MM-DD (the certificate's date, Beijing). */
const ISO_DATE = '^\\d{4}-\\d{2}-\\d{2}$';

/**
 * The body's certification decision, as its `certification-result` message carried it. A body
 * that certifies issues its certificate then: its number and date are recorded with the result
 * (the certificate's three years run from that date). A certified result without them is not
 * recorded: an incident asks for them.
 */
export function recordCertificationResultWorker(ports: CyclePorts) {
  return defineWorker({
    taskType: taskTypes.recordCertificationResult,
    description: '记录认证结论 / record the certification result',
    input: Type.Object({
      declarationNumber: Type.String({ minLength: 1 }),
      certificationBodyId: Type.String({ minLength: 1 }),
      certified: Type.Boolean(),
      certificationEndedAt: Type.Optional(Type.String({ pattern: ISO_DATE_TIME_WITH_OFFSET, format: 'date-time' })),
      certificationNote: Type.Optional(Type.String()),
      certificateNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
      certificateDate: Type.Optional(Type.String({ pattern: ISO_DATE, format: 'date' })),
    }),
    async handler(job) {
      const { declarationNumber, certificationBodyId, certified, certificateNumber, certificateDate } = job.variables;
      if (certified && (!certificateNumber || !certificateDate)) {
        return incident(
          `认证通过须附认证机构颁发的证书编号和日期（certificateNumber、certificateDate）：${declarationNumber} 缺少 ${[!certificateNumber && 'certificateNumber', !certificateDate && 'certificateDate'].filter(Boolean).join('、')}；` +
            `请补充变量后重试 / a certified result needs the body's certificate (certificateNumber, certificateDate): set them, then retry`,
        );
      }
      const certificate = certified ? { number: certificateNumber!, date: certificateDate! } : undefined;
      const endedAt = job.variables.certificationEndedAt ? new Date(job.variables.certificationEndedAt) : ports.clock.now();
      const duplicate = await withTransaction(ports.db, async (db) => {
        if (certificate) {
          const { rows } = await db.query<{ declaration_number: string }>(
            'SELECT declaration_number FROM certifications WHERE certificate_number = $1 AND declaration_number <> $2',
            [certificate.number, declarationNumber],
          );
          if (rows[0]) return rows[0].declaration_number;
        }
        await db.query(`UPDATE certifications SET status = $2, ended_at = $3, certificate_number = $4, certificate_date = $5 WHERE declaration_number = $1`, [
          declarationNumber,
          certified ? 'CERTIFIED' : 'NOT_CERTIFIED',
          endedAt,
          certificate?.number ?? null,
          certificate?.date ?? null,
        ]);
        await appendAudit(db, {
          actor: certificationBodyId,
          role: 'certification_body',
          action: certified ? 'certification.certified' : 'certification.not_certified',
          subjectType: 'declaration',
          subjectId: declarationNumber,
          reason: job.variables.certificationNote ?? null,
          detail: { endedAt: endedAt.toISOString(), ...(certificate ? { certificateNumber: certificate.number, certificateDate: certificate.date } : {}) },
          at: ports.clock.now(),
        });
        return undefined;
      });
      if (duplicate) {
        return incident(`证书编号 ${certificate!.number} 已用于 ${duplicate}（certificateNumber）：请更正后重试 / certificate number ${certificate!.number} is already that of ${duplicate}: correct it, then retry`);
      }
      return complete({ certificationEndedAt: endedAt.toISOString() });
    },
  });
}
