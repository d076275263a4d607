import type { FastifyRequest } from 'fastify';
import { evidenceKinds, isYearlyEvidenceKind, yearlyEvidenceKinds } from '../../../domain/eligibility/input-schema.ts';
import { sniffContentType, type AttachmentStore, type StagedFile } from '../../../platform/cycle/attachment-store.ts';
import { AttachmentRefused, recordAttachment, type Attachment, type AttachmentOwner } from '../../../platform/cycle/attachments.ts';
import type { Principal } from '../../../platform/auth/roles.ts';
import type { Pool } from 'pg';
import type { Clock } from '../../../platform/engine/clock.ts';
import { conflict, invalidFields, notFound, ProblemError, type FieldError } from '../../problem.ts';

// One upload, read and checked the same way for a declaration and for a draft: the multipart
// body, the size limit, the kind, and the type the file's leading bytes show.

const fileField = (rule: string, message: string): Omit<FieldError, 'in'> => ({ field: '/file', rule, message });

function tooLarge(limit: number): ProblemError {
  return new ProblemError(413, `文件超过 ${limit} 字节 / the file is larger than ${limit} bytes (ATTACHMENT_MAX_BYTES)`, 'urn:jingpin:problem:file-too-large', [
    { in: 'body', ...fileField('maxSize', `must be at most ${limit} bytes`) },
  ]);
}

function wrongType(message: string): ProblemError {
  return new ProblemError(415, message, 'urn:jingpin:problem:file-type', [{ in: 'body', ...fileField('fileType', 'must be a PDF, JPEG or PNG file') }]);
}

// Control characters and path separators never reach a header or the table; busboy already
// keeps only the last path segment.
function cleanName(name: string): string {
  return [...name].filter((ch) => ch.charCodeAt(0) >= 0x20 && ch !== '\x7f' && ch !== '/' && ch !== '\\').join('').trim();
}

interface Upload {
  readonly staged: StagedFile | undefined;
  readonly fileName: string;
  readonly declaredType: string;
  readonly kind: string | undefined;
  readonly reportYear: string | undefined;
  readonly errors: Array<Omit<FieldError, 'in'>>;
}

/**
 * Reads the multipart body: the one file (field `file`) into the store's temporary folder, the
 * `kind` field and, for a yearly kind, `reportYear`. Fields it does not know are named as errors. A multipart limit that breaks
 * (a second file, too many parts) and a file over the size limit are answered at once.
 */
async function readUpload(request: FastifyRequest, store: AttachmentStore, limit: number): Promise<Upload> {
  let staged: StagedFile | undefined;
  let fileName = '';
  let declaredType = '';
  let kind: string | undefined;
  let reportYear: string | undefined;
  const errors: Array<Omit<FieldError, 'in'>> = [];
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') {
          part.file.resume();
          errors.push({ field: `/${part.fieldname}`, rule: 'additionalProperties', message: 'is not allowed: send the file as field "file"' });
          continue;
        }
        staged = await store.stage(part.file);
        if (part.file.truncated) throw tooLarge(limit);
        fileName = cleanName(part.filename);
        declaredType = part.mimetype;
      } else if (part.fieldname === 'reportYear') {
        if (reportYear !== undefined) errors.push({ field: '/reportYear', rule: 'maxItems', message: 'must be given once' });
        else reportYear = String(part.value);
      } else if (part.fieldname !== 'kind') {
        errors.push({ field: `/${part.fieldname}`, rule: 'additionalProperties', message: 'is not allowed' });
      } else if (kind !== undefined) {
        errors.push({ field: '/kind', rule: 'maxItems', message: 'must be given once' });
      } else {
        kind = String(part.value);
      }
    }
  } catch (error) {
    if (staged) await store.discard(staged);
    throw multipartProblem(error, limit);
  }
  return { staged, fileName, declaredType, kind, reportYear, errors };
}

// @fastify/multipart's own errors (codes FST_*), said the way the API says them.
function multipartProblem(error: unknown, limit: number): unknown {
  if (error instanceof ProblemError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge(limit);
  if (code === 'FST_FILES_LIMIT') return invalidFields('body', [fileField('maxItems', 'must be one file per request')]);
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
    return invalidFields('body', [{ field: '', rule: 'maxProperties', message: 'must hold only the fields "file" and "kind"' }]);
  }
  if (code === 'FST_PROTO_VIOLATION') return invalidFields('body', [{ field: '', rule: 'propertyNames', message: 'has a field name that is not allowed' }]);
  if (typeof code === 'string' && code.startsWith('FST_')) {
    return new ProblemError(400, '请求体不是合法的 multipart/form-data / the body is not valid multipart/form-data');
  }
  if (error instanceof Error && /multipart|boundary/i.test(error.message)) {
    return new ProblemError(400, '请求体不是合法的 multipart/form-data / the body is not valid multipart/form-data');
  }
  return error;
}


// A financial report proves one year (D7 row 5), so a yearly kind must say which and no other may.
function reportYearOf(upload: Upload, errors: Array<Omit<FieldError, 'in'>>): number | undefined {
  const yearly = upload.kind !== undefined && isYearlyEvidenceKind(upload.kind);
  if (upload.reportYear === undefined) {
    if (yearly) errors.push({ field: '/reportYear', rule: 'required', message: `must be present for ${yearlyEvidenceKinds.join(' and ')}` });
    return undefined;
  }
  if (!yearly) {
    if (upload.kind !== undefined) errors.push({ field: '/reportYear', rule: 'additionalProperties', message: `is allowed only for ${yearlyEvidenceKinds.join(' and ')}` });
    return undefined;
  }
  const year = /^\d{4}$/.test(upload.reportYear) ? Number(upload.reportYear) : NaN;
  if (!(year >= 1949 && year <= 2100)) {
    errors.push({ field: '/reportYear', rule: 'range', message: 'must be a year from 1949 to 2100, four digits' });
    return undefined;
  }
  return year;
}

/**
 * Reads, checks and keeps one upload for its owner (a declaration or a draft): the field errors
 * together (400), a file over the limit (413), a type that is not PDF, JPEG or PNG by its bytes,
 * or not the one declared (415), then the owner's own refusals (404, 409, or 400 on `kind`
 * during a correction). Whatever the outcome, nothing of the request stays in the temporary folder.
 */
export async function receiveUpload(
  deps: { pool: Pool; clock: Clock; store: AttachmentStore; limit: number },
  request: FastifyRequest,
  principal: Principal,
  owner: AttachmentOwner,
): Promise<Attachment> {
  if (!request.isMultipart()) throw new ProblemError(415, '请以 multipart/form-data 上传 / send the file as multipart/form-data');
  const { store, limit } = deps;
  const ownerName = 'draftId' in owner ? `draft ${owner.draftId}` : `declaration ${owner.declarationNumber}`;
  const upload = await readUpload(request, store, limit);
  const { staged } = upload;
  try {
    const errors = [...upload.errors];
    if (!staged) errors.push(fileField('required', 'must be present'));
    else if (staged.size === 0) errors.push(fileField('minSize', 'must not be empty'));
    else if (upload.fileName.length === 0 || upload.fileName.length > 255) errors.push(fileField('fileName', 'must have a name of 1 to 255 characters'));
    if (upload.kind === undefined) errors.push({ field: '/kind', rule: 'required', message: 'must be present' });
    else if (!(evidenceKinds as readonly string[]).includes(upload.kind)) errors.push({ field: '/kind', rule: 'enum', message: `must be one of ${evidenceKinds.join(', ')}` });
    const reportYear = reportYearOf(upload, errors);
    if (errors.length > 0) throw invalidFields('body', errors);
    const file = staged!;

    const sniffed = sniffContentType(file.head);
    if (!sniffed) throw wrongType('只接受 PDF、JPEG、PNG 文件 / only PDF, JPEG and PNG files are accepted: the contents are none of them');
    if (upload.declaredType !== sniffed && upload.declaredType !== 'application/octet-stream') {
      throw wrongType(`文件内容是 ${sniffed}，与声明的 ${upload.declaredType} 不符 / the contents are ${sniffed}, not the declared ${upload.declaredType}`);
    }

    return await recordAttachment(
      { db: deps.pool, clock: deps.clock, store },
      { owner, kind: upload.kind!, ...(reportYear === undefined ? {} : { reportYear }), fileName: upload.fileName, contentType: sniffed, staged: file, uploadedBy: principal.username, role: principal.role === 'member_unit' ? 'member_unit' : 'enterprise' },
    ).catch((error: unknown) => {
      if (error instanceof AttachmentRefused) {
        if (error.reason === 'NOT_NAMED') throw invalidFields('body', [{ field: '/kind', rule: 'correction', message: error.message }]);
        throw error.reason === 'CLOSED' || error.reason === 'DRAFT_SUBMITTED' ? conflict(error.message) : notFound(ownerName);
      }
      throw error;
    });
  } finally {
    // Placed files have left the temporary folder; anything else there is this request's leftover.
    if (staged) await store.discard(staged);
  }
}
