import type { Pool, PoolClient } from 'pg';
import { correctionRequest } from '../../domain/eligibility/correction-request.ts';
import { appendAudit } from '../db/cycle/audit-log.ts';
import { withTransaction } from '../db/pool.ts';
import type { Clock } from '../engine/clock.ts';
import type { AttachmentStore, AttachmentType, StagedFile } from './attachment-store.ts';

/** An attachment's row: what is known of the file, never its contents. */
export interface Attachment {
  readonly id: number;
  /** Null while it belongs to a draft not yet submitted. */
  readonly declarationNumber: string | null;
  /** The draft it was uploaded with, if it was (kept after the draft is submitted). */
  readonly draftId: number | null;
  readonly kind: string;
  /** The year a financial report or statement reports on; null for every other kind. */
  readonly reportYear: number | null;
  readonly sha256: string;
  readonly size: number;
  readonly fileName: string;
  readonly contentType: AttachmentType;
  readonly uploadedBy: string;
  readonly uploadedAt: Date;
}

/** What an attachment belongs to: a submitted declaration, or a draft being prepared. */
export type AttachmentOwner = { readonly declarationNumber: string } | { readonly draftId: number };

export class AttachmentRefused extends Error {
  override readonly name = 'AttachmentRefused';
  constructor(
    readonly reason: 'NO_DECLARATION' | 'CLOSED' | 'NOT_NAMED' | 'NO_DRAFT' | 'DRAFT_SUBMITTED' | 'NO_FILE',
    message: string,
  ) {
    super(message);
  }
}

const COLUMNS = `id::int AS id, declaration_number AS "declarationNumber", draft_id::int AS "draftId", kind, report_year::int AS "reportYear", sha256, size_bytes::int AS size,
  original_name AS "fileName", content_type AS "contentType", uploaded_by AS "uploadedBy", uploaded_at AS "uploadedAt"`;

/** What is recorded of one file, whichever way it reached the store. */
interface FileRecord {
  readonly owner: AttachmentOwner;
  readonly kind: string;
  /** Present exactly for the yearly kinds (AUDITED_FINANCIAL_REPORT, FINANCIAL_STATEMENTS). */
  readonly reportYear?: number;
  readonly fileName: string;
  readonly contentType: AttachmentType;
  readonly uploadedBy: string;
  /** The uploader's role, for the audit trail: the enterprise, or a member unit preparing a draft of its channel. */
  readonly role?: 'enterprise' | 'member_unit';
}

/**
 * Keeps an uploaded file: with its declaration (or draft) locked against closing (or submission),
 * the staged file is moved into place, then its row and the audit entry are written in the same
 * transaction. The row never exists without its file; a failure after the move leaves only a
 * file no row names.
 * @throws {AttachmentRefused} when the declaration does not exist or is closed, or, while it waits
 *   for a correction, when the kind is not one its reasons ask for; when the draft does not exist
 *   or was submitted or declined.
 */
export async function recordAttachment(
  deps: { db: Pool; clock: Clock; store: AttachmentStore },
  upload: FileRecord & { staged: StagedFile },
): Promise<Attachment> {
  return withTransaction(deps.db, async (db) => {
    await admit(db, upload.owner, upload.kind);
    await deps.store.place(upload.staged);
    return insertAttachment(db, deps.clock.now(), upload, upload.staged);
  });
}

/**
 * Records a file that is already in the store (the same bytes are kept once): the scripted people
 * of `jingpin demo` and the cycle tests attach the materials they claim this way, under the same
 * checks as an upload.
 * @throws {AttachmentRefused} as {@link recordAttachment}, and NO_FILE when the store lacks the file.
 */
export async function recordStoredAttachment(
  deps: { db: Pool; clock: Clock; store: AttachmentStore },
  file: FileRecord & { sha256: string; size: number },
): Promise<Attachment> {
  if (!(await deps.store.holds(file.sha256, file.size))) {
    throw new AttachmentRefused('NO_FILE', `附件库中没有该文件 / the store holds no file ${file.sha256} of ${file.size} bytes`);
  }
  return withTransaction(deps.db, async (db) => {
    await admit(db, file.owner, file.kind);
    return insertAttachment(db, deps.clock.now(), file, file);
  });
}

// Locks the owner and says whether it takes this kind now. FOR SHARE: uploads go side by side; a
// withdrawal or a submission (FOR UPDATE) waits, and so does an upload for it.
async function admit(db: PoolClient, owner: AttachmentOwner, kind: string): Promise<void> {
  if ('draftId' in owner) {
    const { rows } = await db.query<{ status: string }>('SELECT status FROM declaration_drafts WHERE id = $1 FOR SHARE', [owner.draftId]);
    const draft = rows[0];
    if (!draft) throw new AttachmentRefused('NO_DRAFT', `草稿不存在 / no draft ${owner.draftId}`);
    if (draft.status !== 'DRAFT') {
      throw new AttachmentRefused(
        'DRAFT_SUBMITTED',
        `草稿 ${owner.draftId} 已提交或已放弃，附件请上传到申报 / draft ${owner.draftId} was submitted or declined: upload to its declaration instead`,
      );
    }
    return;
  }
  const { rows } = await db.query<{ closed: boolean; stage: string; eligibility: unknown }>(
    'SELECT closed_at IS NOT NULL AS closed, stage, eligibility FROM declarations WHERE number = $1 FOR SHARE',
    [owner.declarationNumber],
  );
  const declaration = rows[0];
  if (!declaration) throw new AttachmentRefused('NO_DECLARATION', `申报不存在 / no declaration ${owner.declarationNumber}`);
  if (declaration.closed) {
    throw new AttachmentRefused('CLOSED', `申报已结束，不能再上传附件 / declaration ${owner.declarationNumber} is closed: no more attachments`);
  }
  // While it waits for a correction, a declaration takes only the materials its reasons ask for.
  if (declaration.stage === 'CORRECTION') {
    const { missingEvidence } = correctionRequest(declaration.eligibility);
    if (!missingEvidence.includes(kind)) {
      throw new AttachmentRefused(
        'NOT_NAMED',
        `补正期间只能上传补正原因要求的材料（${missingEvidence.join('、') || '无'}）/ during the correction only the materials the reasons ask for may be uploaded (${missingEvidence.join(', ') || 'none'})`,
      );
    }
  }
}

async function insertAttachment(db: PoolClient, at: Date, record: FileRecord, file: { sha256: string; size: number }): Promise<Attachment> {
  const declarationNumber = 'declarationNumber' in record.owner ? record.owner.declarationNumber : null;
  const draftId = 'draftId' in record.owner ? record.owner.draftId : null;
  const inserted = await db.query<Attachment>(
    `INSERT INTO attachments (declaration_number, draft_id, kind, report_year, sha256, size_bytes, original_name, content_type, uploaded_by, uploaded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${COLUMNS}`,
    [declarationNumber, draftId, record.kind, record.reportYear ?? null, file.sha256, file.size, record.fileName, record.contentType, record.uploadedBy, at],
  );
  const attachment = inserted.rows[0]!;
  const detail = { attachmentId: attachment.id, kind: attachment.kind, ...(attachment.reportYear === null ? {} : { reportYear: attachment.reportYear }), sha256: attachment.sha256, size: attachment.size, fileName: attachment.fileName, contentType: attachment.contentType };
  if (declarationNumber !== null) {
    await appendAudit(db, { actor: record.uploadedBy, role: record.role ?? 'enterprise', action: 'attachment.uploaded', subjectType: 'declaration', subjectId: declarationNumber, detail, at });
  } else {
    // A draft has no trail of its own yet: the entry is the enterprise's, naming the draft.
    const { rows } = await db.query<{ enterprise_id: string }>('SELECT enterprise_id FROM declaration_drafts WHERE id = $1', [draftId]);
    await appendAudit(db, {
      actor: record.uploadedBy,
      role: record.role ?? 'enterprise',
      action: 'attachment.uploaded_to_draft',
      subjectType: 'enterprise',
      subjectId: rows[0]!.enterprise_id,
      detail: { draftId, ...detail },
      at,
    });
  }
  return attachment;
}

/**
 * Submitting a draft: its attachments become the declaration's, inside the submission's
 * transaction (the draft row is locked FOR UPDATE, so no upload to it is in flight). Answers
 * the ids moved.
 */
export async function moveDraftAttachments(db: PoolClient, draftId: number, declarationNumber: string): Promise<number[]> {
  const { rows } = await db.query<{ id: number }>(
    'UPDATE attachments SET declaration_number = $2 WHERE draft_id = $1 AND declaration_number IS NULL RETURNING id::int AS id',
    [draftId, declarationNumber],
  );
  return rows.map((row) => row.id).sort((a, b) => a - b);
}

/** The attachments uploaded with one draft, oldest first. The caller has checked the draft is in scope. */
export async function listDraftAttachments(db: Pool, draftId: number): Promise<Attachment[]> {
  const { rows } = await db.query<Attachment>(`SELECT ${COLUMNS} FROM attachments WHERE draft_id = $1 ORDER BY id`, [draftId]);
  return rows;
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
