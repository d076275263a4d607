import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { isIsoDate } from '../../../domain/calendar/iso-date.ts';
import { beijingDateOf } from '../../../domain/deadlines/beijing-time.ts';
import { CertificationResultRefused, reportCertificationResult } from '../../../platform/cycle/report-certification-result.ts';
import { callerOf, only } from '../../auth/access.ts';
import type { AppDependencies } from '../../dependencies.ts';
import { conflict, invalidFields, notFound } from '../../problem.ts';
import { bearer, DateTimeWithOffset, DeclarationNumber, NumberParams, problemResponses } from '../../schemas.ts';

/**
 * A certification body reports its decision on one of its own certifications, with the certificate
 * it issued when it certifies; the case, waiting for the `certification-result` message, records
 * it and moves on. Another body's certification
 * answers 404.
 */
export const certificationRoutes: FastifyPluginAsyncTypebox<AppDependencies> = async (app, { pool, clock, engine }) => {
  /**
   * The body issues the certificate when it certifies: a certified result carries its number and
   * date (not after today, Beijing time; a number no other certification has); a refusal carries none.
   */
  async function checkCertificate(declarationNumber: string, certified: boolean, number: string | undefined, date: string | undefined): Promise<void> {
    const problems: { field: string; rule: string; message: string }[] = [];
    const needs = (field: string) => ({ field, rule: 'required', message: `认证通过须填写 ${field} / ${field} is required when certified` });
    const refuses = (field: string) => ({ field, rule: 'notAllowed', message: `未通过认证不颁发证书，不得填写 ${field} / no certificate when not certified: omit ${field}` });
    if (certified) {
      if (number === undefined) problems.push(needs('/certificateNumber'));
      if (date === undefined) problems.push(needs('/certificateDate'));
    } else {
      if (number !== undefined) problems.push(refuses('/certificateNumber'));
      if (date !== undefined) problems.push(refuses('/certificateDate'));
    }
    if (certified && date !== undefined && !isIsoDate(date)) {
      problems.push({ field: '/certificateDate', rule: 'date', message: `${date} 不是有效日期 / ${date} is not a calendar date` });
    } else if (certified && date !== undefined && date > beijingDateOf(clock.now())) {
      problems.push({ field: '/certificateDate', rule: 'notFuture', message: `发证日期 ${date} 晚于今天（北京时间）/ the certificate's date ${date} is after today (Beijing)` });
    }
    if (certified && number !== undefined) {
      const { rows } = await pool.query('SELECT 1 FROM certifications WHERE certificate_number = $1 AND declaration_number <> $2', [number, declarationNumber]);
      if (rows[0]) problems.push({ field: '/certificateNumber', rule: 'unique', message: `证书编号 ${number} 已被使用 / certificate number ${number} is already used` });
    }
    if (problems.length) throw invalidFields('body', problems);
  }

  app.post(
    '/certifications/:number/result',
    {
      config: { access: only('certification_body') },
      schema: {
        tags: ['certifications'],
        security: bearer,
        params: NumberParams,
        body: Type.Object(
          {
            certified: Type.Boolean({ description: '是否通过认证 / certified or not' }),
            endedAt: Type.Optional(DateTimeWithOffset({ description: '认证结束时间，带时区 / when certification ended, with offset' })),
            note: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
            certificateNumber: Type.Optional(
              Type.String({ minLength: 2, maxLength: 60, pattern: '^[A-Za-z0-9][A-Za-z0-9()（）/._-]*$', description: '认证通过时必填：本机构颁发的证书编号 / required when certified: the number of the certificate the body issued' }),
            ),
            certificateDate: Type.Optional(
              Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10, description: '认证通过时必填：发证日期（北京时间），有效期三年自该日起 / required when certified: the certificate\'s date (Beijing); its three years run from it' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 202: Type.Object({ number: DeclarationNumber, certified: Type.Boolean() }), ...problemResponses },
      },
    },
    async (request, reply) => {
      const principal = callerOf(request);
      const { certified, endedAt, note, certificateNumber, certificateDate } = request.body;
      await checkCertificate(request.params.number, certified, certificateNumber, certificateDate);
      try {
        const result = await reportCertificationResult(
          { db: pool, clock, engine },
          {
            number: request.params.number,
            bodyId: principal.scope!,
            certified,
            ...(endedAt ? { endedAt } : {}),
            ...(note ? { note } : {}),
            ...(certified ? { certificate: { number: certificateNumber!, date: certificateDate! } } : {}),
          },
        );
        return reply.code(202).send(result);
      } catch (error) {
        if (error instanceof CertificationResultRefused) throw error.reason === 'NOT_FOUND' ? notFound(`certification ${request.params.number}`) : conflict(error.message);
        throw error;
      }
    },
  );
};
