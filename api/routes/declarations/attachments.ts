import multipart from '@fastify/multipart';
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { evidenceKinds, yearlyEvidenceKinds } from '../../../domain/eligibility/input-schema.ts';
import { beijingIso } from '../../../domain/notifications/beijing-time.ts';
import { AttachmentStore, attachmentTypes } from '../../../platform/cycle/attachment-store.ts';
import { findAttachment, listAttachments, listDraftAttachments, type Attachment } from '../../../platform/cycle/attachments.ts';
import { findDeclaration } from '../../../platform/cycle/declaration-views.ts';
import { findDraft } from '../../../platform/cycle/drafts.ts';
import { callerOf, only, rolesExcept } from '../../auth/access.ts';
import type { AppDependencies } from '../../dependencies.ts';
import { conflict, notFound } from '../../problem.ts';
import { BeijingTime, bearer, DeclarationNumber, NumberParams, problemResponses } from '../../schemas.ts';
import { receiveUpload } from './upload.ts';

const AttachmentView = Type.Object({
  id: Type.Integer(),
  declarationNumber: Type.Union([DeclarationNumber, Type.Null()], { description: '所属申报；草稿未提交时为 null / the declaration; null while its draft is not submitted' }),
  draftId: Type.Union([Type.Integer(), Type.Null()], { description: '随草稿上传时的草稿 / the draft it was uploaded with' }),
  kind: Type.String({ description: '证明材料类别 / evidence kind' }),
  reportYear: Type.Union([Type.Integer(), Type.Null()], { description: '财务报告（报表）所属年度；其他材料为 null / the year a financial report or statement reports on; null for other kinds' }),
  fileName: Type.String(),
  contentType: Type.String(),
  size: Type.Integer({ description: '字节 / bytes' }),
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  uploadedBy: Type.String(),
  uploadedAt: BeijingTime,
});

// The bytes, streamed (never serialised): for the OpenAPI document only.
const FileBytes = Type.Unsafe<NodeJS.ReadableStream>({ type: 'string', format: 'binary', description: '文件内容 / the file' });

const DraftIdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) });
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
          200: Type.Object({
            maxBytes: Type.Integer(),
            contentTypes: Type.Array(Type.String()),
            kinds: Type.Array(Type.String()),
            yearlyKinds: Type.Array(Type.String(), { description: '须注明所属年度（reportYear）的材料类别 / the kinds that take a reportYear' }),
          }),
          ...problemResponses,
        },
      },
    },
    // The upload form shows these before a byte is sent, so a person need not learn them from a 413.
    async () => ({ maxBytes: limit, contentTypes: [...attachmentTypes], kinds: [...evidenceKinds], yearlyKinds: [...yearlyEvidenceKinds] }),
  );

  app.post(
    '/declarations/:number/attachments',
    {
      config: { access: only('enterprise') },
      schema: {
        tags: ['declarations'],
        summary:
          '上传附件（multipart/form-data：file 为一个 PDF、JPEG 或 PNG 文件，kind 为证明材料类别；财务报告须注明 reportYear 年度）/ upload an attachment (multipart/form-data: file, one PDF, JPEG or PNG; kind, the evidence kind; reportYear, the year a financial report is for)',
        description: `kind: ${evidenceKinds.join(', ')}; reportYear (four digits) required for ${yearlyEvidenceKinds.join(', ')} and refused for the others`,
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
      const attachment = await receiveUpload({ pool, clock, store, limit }, request, principal, { declarationNumber: number });
      request.log.info({ declaration: number, attachment: attachment.id, sha256: attachment.sha256, size: attachment.size }, 'attachment stored');
      return reply.code(201).send(view(attachment));
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

  app.post(
    '/declarations/drafts/:id/attachments',
    {
      config: { access: only('enterprise', 'member_unit') },
      schema: {
        tags: ['declarations'],
        summary:
          '随草稿上传附件（与申报附件相同的限制）；提交草稿时随之成为申报的附件 / upload an attachment with a draft (the same rules as a declaration\'s); submitting the draft makes it the declaration\'s',
        description: `kind: ${evidenceKinds.join(', ')}; reportYear (four digits) required for ${yearlyEvidenceKinds.join(', ')} and refused for the others`,
        consumes: ['multipart/form-data'],
        security: bearer,
        params: DraftIdParams,
        response: { 201: AttachmentView, ...problemResponses },
      },
    },
    async (request, reply) => {
      const principal = callerOf(request);
      const { id } = request.params;
      // Scope and state before a byte is read: the enterprise its own drafts, a member unit those of its channel.
      const draft = await findDraft(pool, principal, id);
      if (!draft) throw notFound(`draft ${id}`);
      if (draft.status !== 'DRAFT') throw conflict(`草稿 ${id} 已提交或已放弃，附件请上传到申报 / draft ${id} was submitted or declined: upload to its declaration instead`);
      const attachment = await receiveUpload({ pool, clock, store, limit }, request, principal, { draftId: id });
      request.log.info({ draft: id, attachment: attachment.id, sha256: attachment.sha256, size: attachment.size }, 'attachment stored');
      return reply.code(201).send(view(attachment));
    },
  );

  app.get(
    '/declarations/drafts/:id/attachments',
    {
      config: { access: only('enterprise', 'member_unit') },
      schema: {
        tags: ['declarations'],
        summary: '草稿的附件清单（不含内容）/ the attachments uploaded with a draft (without their contents)',
        security: bearer,
        params: DraftIdParams,
        response: { 200: Type.Array(AttachmentView), ...problemResponses },
      },
    },
    async (request) => {
      const draft = await findDraft(pool, callerOf(request), request.params.id);
      if (!draft) throw notFound(`draft ${request.params.id}`);
      return (await listDraftAttachments(pool, draft.id)).map(view);
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
