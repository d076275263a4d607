import { Type } from '@sinclair/typebox';
import { messageNames, taskTypes } from '../../bpmn/contract.ts';
import { certificateValidity } from '../../domain/deadlines/certificate-validity.ts';
import { withTransaction } from '../../platform/db/pool.ts';
import { appendAudit } from '../../platform/db/cycle/audit-log.ts';
import { complete, incident } from '../../platform/engine/outcome.ts';
import { defineWorker } from '../../platform/engine/worker.ts';
import type { CyclePorts } from '../cycle/ports.ts';
import { decidedByOf } from '../cycle/decided-by.ts';
import { publishToDeclarations } from '../cycle/publish-to-declarations.ts';

/**
 * The announcement (公告 Y年第N号) of the certified list: every declaration that came through
 * publicity without an upheld objection is announced, each with the certificate its body issued. Issued jointly with the eight departments
 * once the provincial office approved it. While an objection filed in
 * publicity is undecided, nothing is announced: the job becomes an incident naming the
 * declarations, and is retried once the office has decided.
 */
export function announceListWorker(ports: CyclePorts) {
  return defineWorker({
    taskType: taskTypes.announceList,
    description: '发布认证名单公告 / announce the certified list',
    input: Type.Object({
      campaignYear: Type.Integer(),
      announcementApproved: Type.Boolean(),
      announcementNote: Type.String({ minLength: 1 }),
      decidedBy: Type.Optional(Type.String({ minLength: 1 })),
    }),
    async handler(job) {
      const { campaignYear, announcementApproved, announcementNote } = job.variables;
      if (!announcementApproved) {
        return incident(`公告未获批准 / the announcement was not approved: ${announcementNote} (approve it, then retry)`);
      }
      // An objection still undecided could yet remove its declaration: the list waits for it.
      const { rows: open } = await ports.db.query<{ number: string }>(
        `SELECT DISTINCT d.number FROM declarations d JOIN objections o ON o.declaration_number = d.number
          WHERE d.campaign_year = $1 AND d.stage = 'PUBLICITY' AND d.outcome IS NULL AND o.decision IS NULL ORDER BY d.number`,
        [campaignYear],
      );
      if (open.length) {
        const numbers = open.map((r) => r.number).join(', ');
        return incident(`异议尚未处理，不能发布公告：${numbers}（处理异议后重试）/ objections are still undecided for ${numbers}: decide them, then retry the announcement`);
      }
      const at = ports.clock.now();
      const number = `${campaignYear}年第1号`;
      const rows = await withTransaction(ports.db, async (db) => {
        await db.query(`UPDATE campaigns SET status = 'ANNOUNCED', announced_at = coalesce(announced_at, $2), announcement_number = coalesce(announcement_number, $3) WHERE year = $1`, [
          campaignYear,
          at,
          number,
        ]);
        await db.query(`UPDATE declarations SET stage = 'ANNOUNCEMENT' WHERE campaign_year = $1 AND stage = 'PUBLICITY' AND outcome IS NULL`, [campaignYear]);
        // All announced and still open, not only those moved now: a job repeated after a crash
        // between this commit and the messages publishes what it missed (message ids keep
        // anything from arriving twice).
        // Each with the certificate its body issued: the announcement lists them.
        const { rows: announced } = await db.query<{ number: string; certificateNumber: string | null; certificateDate: string | null; bodyId: string | null }>(
          `SELECT d.number, c.certificate_number AS "certificateNumber", to_char(c.certificate_date, 'YYYY-MM-DD') AS "certificateDate", c.body_id AS "bodyId"
             FROM declarations d LEFT JOIN certifications c ON c.declaration_number = d.number
            WHERE d.campaign_year = $1 AND d.stage = 'ANNOUNCEMENT' AND d.outcome IS NULL ORDER BY d.number`,
          [campaignYear],
        );
        await appendAudit(db, {
          actor: decidedByOf(job.variables),
          role: 'provincial_office',
          action: 'list.announced',
          subjectType: 'campaign',
          subjectId: String(campaignYear),
          reason: announcementNote,
          detail: {
            announcementNumber: number,
            declarations: announced.map((r) => r.number),
            certificates: announced.map((r) => ({
              declarationNumber: r.number,
              certificateNumber: r.certificateNumber,
              certificateDate: r.certificateDate,
              expiresOn: r.certificateDate ? certificateValidity(r.certificateDate).expiresOn : null,
              bodyId: r.bodyId,
            })),
          },
          at,
        });
        return announced;
      });
      await publishToDeclarations(
        ports.engine,
        messageNames.listAnnounced,
        rows.map((r) => ({ number: r.number, variables: { announcementNumber: number } })),
      );
      return complete({ announcementNumber: number });
    },
  });
}
