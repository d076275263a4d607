import type { Pool } from 'pg';
import { correctionRequest } from '../../domain/eligibility/correction-request.ts';
import { appendAudit } from '../db/cycle/audit-log.ts';
import { withTransaction } from '../db/pool.ts';
import type { Clock } from '../engine/clock.ts';
import type { AttachmentStore, AttachmentType, StagedFile } from './attachment-store.ts';

/** An attachment's row: what is known of the file, never its contents. */
export interface Attachment {
  readonly id: number;
  readonly declarationNumber: string;
  readonly kind: string;
  readonly sha256: string;
  readonly size: number;
  readonly fileName: string;
  readonly contentType: AttachmentType;
  readonly uploadedBy: string;
  readonly uploadedAt: Date;
}

export class AttachmentRefused extends Error {
  override readonly name = 'AttachmentRefused';
  constructor(
    readonly reason: 'NO_DECLARATION' | 'CLOSED' | 'NOT_NAMED',
    message: string,
  ) {
    super(message);
  }
}

const COLUMNS = `id::int AS id, declaration_number AS "declarationNumber", kind, sha256, size_bytes::int AS size,
  original_name AS "fileName", content_type AS "contentType", uploaded_by AS "uploadedBy", uploaded_at AS "uploadedAt"`;

/**
 * Keeps an uploaded file: with the declaration locked against closing, the staged file is moved
 * into place, then its row and the audit entry are written in the same transaction. The row
 * never exists without its file; a failure after the move leaves only a file no row names.
 * @throws {AttachmentRefused} when the declaration does not exist or is closed, or, while it waits
 *   for a correction, when the kind is not one its reasons ask for.
 */
export async function recordAttachment(
  deps: { db: Pool; clock: Clock; store: AttachmentStore },
  upload: { declarationNumber: string; kind: string; fileName: string; contentType: AttachmentType; staged: StagedFile; uploadedBy: string },
): Promise<Attachment> {
  const at = deps.clock.now();
  return withTransaction(deps.db, async (db) => {
    // FOR SHARE: uploads go side by side; a withdrawal (FOR UPDATE) waits, and so does an upload for it.
    const { rows } = await db.query<{ closed: boolean; stage: string; eligibility: unknown }>(
      'SELECT closed_at IS NOT NULL AS closed, stage, eligibility FROM declarations WHERE number = $1 FOR SHARE',
      [upload.declarationNumber],
    );
    const declaration = rows[0];
    if (!declaration) throw new AttachmentRefused('NO_DECLARATION', `申报不存在 / no declaration ${upload.declarationNumber}`);
    if (declaration.closed) {
      throw new AttachmentRefused('CLOSED', `申报已结束，不能再上传附件 / declaration ${upload.declarationNumber} is closed: no more attachments`);
    }
    // While it waits for a correction, a declaration takes only the materials its reasons ask for.
    if (declaration.stage === 'CORRECTION') {
      const { missingEvidence } = correctionRequest(declaration.eligibility);
      if (!missingEvidence.includes(upload.kind)) {
        throw new AttachmentRefused(
          'NOT_NAMED',
          `补正期间只能上传补正原因要求的材料（${missingEvidence.join('、') || '无'}）/ during the correction only the materials the reasons ask for may be uploaded (${missingEvidence.join(', ') || 'none'})`,
        );
      }
    }
    await deps.store.place(upload.staged);
    const inserted = await db.query<Attachment>(
      `INSERT INTO attachments (declaration_number, kind, sha256, size_bytes, original_name, content_type, uploaded_by, uploaded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
      [upload.declarationNumber, upload.kind, upload.staged.sha256, upload.staged.size, upload.fileName, upload.contentType, upload.uploadedBy, at],
    );
    const attachment = inserted.rows[0]!;
    await appendAudit(db, {
      actor: upload.uploadedBy,
      role: 'enterprise',
      action: 'attachment.uploaded',
      subjectType: 'declaration',
      subjectId: upload.declarationNumber,
      detail: { attachmentId: attachment.id, kind: attachment.kind, sha256: attachment.sha256, size: attachment.size, fileName: attachment.fileName, contentType: attachment.contentType },
      at,
    });
    return attachment;
  });
}

/** The attachments of one declaration, oldest first. The caller has checked the declaration is in scope. */
export async function listAttachments(db: Pool, declarationNumber: string): Promise<Attachment[]> {
  const { rows } = await db.query<Attachment>(`SELECT ${COLUMNS} FROM attachments WHERE declaration_number = $1 ORDER BY id`, [declarationNumber]);
  return rows;
}

/** One attachment of one declaration, or undefined (another declaration's id is not found either). */
export async function findAttachment(db: Pool, declarationNumber: string, id: number): Promise<Attachment | undefined> {
  const { rows } = await db.query<Attachment>(`SELECT ${COLUMNS} FROM attachments WHERE declaration_number = $1 AND id = $2`, [declarationNumber, id]);
  return rows[0];
}
