import { Type } from '@fastify/type-provider-typebox';
import { ISO_DATE_TIME_WITH_OFFSET } from '../domain/deadlines/beijing-time.ts';

/** JP-{year}-{city}-{nnnn}, e.g. JP-2026-320100-0001. */
export const DeclarationNumber = Type.String({ pattern: '^JP-\\d{4}-\\d{6}-\\d{4}$', maxLength: 40, description: '申报编号 / declaration number' });

/** A calendar date, checked as a real one (so 2026-02-30 is refused), not only by its shape. */
export const IsoDateString = (options: { description?: string } = {}) => Type.String({ format: 'date', maxLength: 10, ...options });

/**
 * An instant with its offset, e.g. 2026-10-13T17:00:00+08:00: the pattern asks for the offset,
 * the format for a real date and time (2027-13-45T99:99:99Z matches the pattern only).
 */
export const DateTimeWithOffset = (options: { description?: string } = {}) =>
  Type.String({ pattern: ISO_DATE_TIME_WITH_OFFSET, format: 'date-time', maxLength: 40, ...options });

export const NumberParams = Type.Object({ number: DeclarationNumber });

export const Year = Type.Integer({ minimum: 2018, maximum: 2100, description: '年度 / campaign year' });

/** Instants in answers: ISO 8601 in Beijing time, e.g. 2026-10-13T17:00:00+08:00. */
export const BeijingTime = Type.String({ description: 'ISO 8601, 北京时间 / Beijing time (+08:00)' });

export const Category = Type.Union([Type.Literal('AGRICULTURE'), Type.Literal('MANUFACTURING'), Type.Literal('SERVICE')]);

/** RFC 9457 problem details, as every 4xx answers. */
export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    errors: Type.Optional(
      Type.Array(Type.Object({ in: Type.String(), field: Type.String(), rule: Type.String(), message: Type.String() })),
    ),
    requestId: Type.Optional(Type.String()),
  },
  { description: 'RFC 9457 problem details (application/problem+json)' },
);

/** The error answers every route may give, for the OpenAPI document. */
export const problemResponses = { '4xx': Problem, '5xx': Problem } as const;

/** Swagger's security requirement for routes that need a token. */
export const bearer = [{ bearerAuth: [] }];
