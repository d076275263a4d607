import multipart from '@fastify/multipart';
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { evidenceKinds } from '../../../domain/eligibility/input-schema.ts';
import { beijingIso } from '../../../domain/notifications/beijing-time.ts';
import { AttachmentStore, attachmentTypes, sniffContentType, type StagedFile } from '../../../platform/cycle/attachment-store.ts';
import { AttachmentRefused, findAttachment, listAttachments, recordAttachment, type Attachment } from '../../../platform/cycle/attachments.ts';
import { findDeclaration } from '../../../platform/cycle/declaration-views.ts';
import { callerOf, only, rolesExcept } from '../../auth/access.ts';
import type { AppDependencies } from '../../dependencies.ts';
import { conflict, invalidFields, notFound, ProblemError, type FieldError } from '../../problem.ts';
import { BeijingTime, bearer, DeclarationNumber, NumberParams, problemResponses } from '../../schemas.ts';

const AttachmentView = Type.Object({
  id: Type.Integer(),
  declarationNumber: DeclarationNumber,
  kind: Type.String({ description: '证明材料类别 / evidence kind' }),
  fileName: Type.String(),
  contentType: Type.String(),
  size: Type.Integer({ description: '字节 / bytes' }),
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  uploadedBy: Type.String(),
  uploadedAt: BeijingTime,
});

// The bytes, streamed (never serialised): for the OpenAPI document only.
const FileBytes = Type.Unsafe<NodeJS.ReadableStream>({ type: 'string', format: 'binary', description: '文件内容 / the file' });

const IdParams = Type.Object({ number: DeclarationNumber, id: Type.Integer({ minimum: 1, maximum: 2147483647 }) });

/**
 * Who receives an attachment's bytes: the enterprise itself, its county and city offices, the
 * provincial office, the standardization institute, the certification body assigned to it and
 * the experts on its panel (each narrowed to the declarations he sees: else 404). Member units,
 * the secretariat and the supervision department see the list, not the files.
 */
export const attachmentReaders = only('enterprise', 'county_office', 'city_office', 'provincial_office', 'standardization_institute', 'certification_body', 'expert');

function view(attachment: Attachment) {
  return { ...attachment, uploadedAt: beijingIso(attachment.uploadedAt) };
}

/** `filename` for old clients (ASCII, nothing that needs quoting) and `filename*` (RFC 6266/8187) with the real name. */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

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
  readonly errors: Array<Omit<FieldError, 'in'>>;
}

/**
 * Reads the multipart body: the one file (field `file`) into the store's temporary folder, and
 * the `kind` field. Fields it does not know are named as errors. A multipart limit that breaks
 * (a second file, too many parts) and a file over the size limit are answered at once.
 */
async function readUpload(request: FastifyRequest, store: AttachmentStore, limit: number): Promise<Upload> {
  let staged: StagedFile | undefined;
  let fileName = '';
  let declaredType = '';
  let kind: string | undefined;
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
  return { staged, fileName, declaredType, kind, errors };
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

/**
 * Attachments of a declaration: the enterprise uploads evidence while its declaration is open;
 * everyone who sees the declaration sees the list; only those who need them get the files.
 * Registered in a context of its own, so multipart bodies are read by these routes only.
 */
export const attachmentRoutes: FastifyPluginAsyncTypebox<AppDependencies> = async (app, { pool, clock, config }) => {
  const limit = config.ATTACHMENT_MAX_BYTES;
  const store = new AttachmentStore(config.ATTACHMENTS_DIR);
  // One file and the `kind` field; room for a few stray fields so they can be named.
  await app.register(multipart, { limits: { fileSize: limit, files: 1, fields: 8, fieldSize: 200, fieldNameSize: 100, parts: 10, headerPairs: 50 } });

  app.get(
    '/attachments/rules',
    {
      config: { access: rolesExcept('public') },
      schema: {
        tags: ['declarations'],
        summary: '附件的限制：最大字节数、文件类型、材料类别 / what an attachment may be: largest size, file types, evidence kinds',
        security: bearer,
        response: {
          200: Type.Object({ maxBytes: Type.Integer(), contentTypes: Type.Array(Type.String()), kinds: Type.Array(Type.String()) }),
          ...problemResponses,
        },
      },
    },
    // The upload form shows these before a byte is sent, so a person need not learn them from a 413.
    async () => ({ maxBytes: limit, contentTypes: [...attachmentTypes], kinds: [...evidenceKinds] }),
  );

  app.post(
    '/declarations/:number/attachments',
    {
      config: { access: only('enterprise') },
      schema: {
        tags: ['declarations'],
        summary:
          '上传附件（multipart/form-data：file 为一个 PDF、JPEG 或 PNG 文件，kind 为证明材料类别）/ upload an attachment (multipart/form-data: file, one PDF, JPEG or PNG; kind, the evidence kind)',
        description: `kind: ${evidenceKinds.join(', ')}`,
        consumes: ['multipart/form-data'],
        security: bearer,
        params: NumberParams,
        response: { 201: AttachmentView, ...problemResponses },
      },
    },
    async (request, reply) => {
      const principal = callerOf(request);
      const { number } = request.params;
      // Scope and state before a byte is read: an enterprise sees only its own declarations.
      const found = await findDeclaration(pool, principal, number);
      if (!found) throw notFound(`declaration ${number}`);
      if (found.closedAt !== null) throw conflict(`申报已结束，不能再上传附件 / declaration ${number} is closed: no more attachments`);
      if (!request.isMultipart()) throw new ProblemError(415, '请以 multipart/form-data 上传 / send the file as multipart/form-data');

      const upload = await readUpload(request, store, limit);
      const { staged } = upload;
      try {
        const errors = [...upload.errors];
        if (!staged) errors.push(fileField('required', 'must be present'));
        else if (staged.size === 0) errors.push(fileField('minSize', 'must not be empty'));
        else if (upload.fileName.length === 0 || upload.fileName.length > 255) errors.push(fileField('fileName', 'must have a name of 1 to 255 characters'));
        if (upload.kind === undefined) errors.push({ field: '/kind', rule: 'required', message: 'must be present' });
        else if (!(evidenceKinds as readonly string[]).includes(upload.kind)) errors.push({ field: '/kind', rule: 'enum', message: `must be one of ${evidenceKinds.join(', ')}` });
        if (errors.length > 0) throw invalidFields('body', errors);
        const file = staged!;

        const sniffed = sniffContentType(file.head);
        if (!sniffed) throw wrongType('只接受 PDF、JPEG、PNG 文件 / only PDF, JPEG and PNG files are accepted: the contents are none of them');
        if (upload.declaredType !== sniffed && upload.declaredType !== 'application/octet-stream') {
          throw wrongType(`文件内容是 ${sniffed}，与声明的 ${upload.declaredType} 不符 / the contents are ${sniffed}, not the declared ${upload.declaredType}`);
        }

        const attachment = await recordAttachment(
          { db: pool, clock, store },
          { declarationNumber: number, kind: upload.kind!, fileName: upload.fileName, contentType: sniffed, staged: file, uploadedBy: principal.username },
        ).catch((error: unknown) => {
          if (error instanceof AttachmentRefused) {
            if (error.reason === 'NOT_NAMED') throw invalidFields('body', [{ field: '/kind', rule: 'correction', message: error.message }]);
            throw error.reason === 'CLOSED' ? conflict(error.message) : notFound(`declaration ${number}`);
          }
          throw error;
        });
        request.log.info({ declaration: number, attachment: attachment.id, sha256: attachment.sha256, size: attachment.size }, 'attachment stored');
        return reply.code(201).send(view(attachment));
      } finally {
        // Placed files have left the temporary folder; anything else there is this request's leftover.
        if (staged) await store.discard(staged);
      }
    },
  );

  app.get(
    '/declarations/:number/attachments',
    {
      config: { access: rolesExcept('public') },
      schema: {
        tags: ['declarations'],
        summary: '附件清单（不含内容）/ the attachments (without their contents)',
        security: bearer,
        params: NumberParams,
        response: { 200: Type.Array(AttachmentView), ...problemResponses },
      },
    },
    async (request) => {
      const found = await findDeclaration(pool, callerOf(request), request.params.number);
      if (!found) throw notFound(`declaration ${request.params.number}`);
      return (await listAttachments(pool, found.number)).map(view);
    },
  );

  app.get(
    '/declarations/:number/attachments/:id',
    {
      config: { access: attachmentReaders },
      schema: {
        tags: ['declarations'],
        summary: '下载附件 / download an attachment',
        description: `Content-Type: ${attachmentTypes.join(', ')}; Content-Disposition: attachment`,
        security: bearer,
        params: IdParams,
        response: { 200: FileBytes, ...problemResponses },
      },
    },
    async (request, reply) => {
      const { number, id } = request.params;
      const found = await findDeclaration(pool, callerOf(request), number);
      if (!found) throw notFound(`declaration ${number}`);
      const attachment = await findAttachment(pool, found.number, id);
      if (!attachment) throw notFound(`attachment ${id} of ${number}`);
      const bytes = await store.read(attachment.sha256, attachment.size);
      return reply
        .type(attachment.contentType)
        .header('content-length', attachment.size)
        .header('content-disposition', contentDisposition(attachment.fileName))
        .header('cache-control', 'private, no-store')
        .header('etag', `"${attachment.sha256}"`)
        .send(bytes);
    },
  );
};
