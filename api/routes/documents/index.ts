import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Params, visibleDeclarations } from '../../../platform/cycle/declaration-scope.ts';
import { findAnnouncement, findCertificate } from '../../../platform/db/cycle/announced.ts';
import { announcementPdf } from '../../../platform/documents/announcement-pdf.ts';
import { certificatePdf } from '../../../platform/documents/certificate-pdf.ts';
import { callerOf, rolesExcept } from '../../auth/access.ts';
import type { AppDependencies } from '../../dependencies.ts';
import { notFound } from '../../problem.ts';
import { bearer, NumberParams, problemResponses, Year } from '../../schemas.ts';

const Pdf = Type.Unknown({ description: 'PDF 文件（思源黑体 Noto Sans SC）/ the PDF file (Noto Sans SC)' });

/**
 * The official documents as PDF: the announcement list (公告名单; public, as the announcement is)
 * and an announced declaration's certificate (证书; to those who see the declaration).
 */
export const documentRoutes: FastifyPluginAsyncTypebox<AppDependencies> = async (app, { pool }) => {
  app.get(
    '/exports/announced.pdf',
    {
      config: { access: 'anyone' },
      schema: {
        tags: ['exports'],
        summary: '公告名单（PDF）/ the announcement list (PDF)',
        querystring: Type.Object({ year: Year }, { additionalProperties: false }),
        produces: ['application/pdf'],
        response: { 200: Pdf, ...problemResponses },
      },
    },
    async (request, reply) => {
      const announcement = await findAnnouncement(pool, request.query.year);
      if (!announcement) throw notFound(`${request.query.year} 年度尚未公告 / the announcement of ${request.query.year}`);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="announced-${announcement.year}.pdf"; filename*=UTF-8''${encodeURIComponent(`江苏精品公告名单-${announcement.year}.pdf`)}`)
        .send(await announcementPdf(announcement));
    },
  );

  app.get(
    '/declarations/:number/certificate.pdf',
    {
      config: { access: rolesExcept('public') },
      schema: {
        tags: ['declarations'],
        summary: '“江苏精品”认证证书（PDF）/ the certificate (PDF)',
        description: '仅已公告并登记证书的申报 / only for an announced declaration with its registered certificate',
        security: bearer,
        params: NumberParams,
        produces: ['application/pdf'],
        response: { 200: Pdf, ...problemResponses },
      },
    },
    async (request, reply) => {
      const { number } = request.params;
      const p = new Params();
      const visible = await pool.query(
        `SELECT 1 FROM declarations d JOIN enterprises e ON e.id = d.enterprise_id WHERE d.number = ${p.bind(number)} AND ${visibleDeclarations(callerOf(request), p.bind)}`,
        p.values,
      );
      const certificate = visible.rows[0] ? await findCertificate(pool, number) : undefined;
      if (!certificate) throw notFound(`certificate of ${number}`);
      const file = certificate.entry.certificateNumber.replace(/[^A-Za-z0-9._-]/g, '_');
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="certificate-${file}.pdf"; filename*=UTF-8''${encodeURIComponent(`江苏精品证书-${certificate.entry.certificateNumber}.pdf`)}`)
        .send(await certificatePdf(certificate));
    },
  );
};
