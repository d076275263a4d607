import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { CaseStartPending } from '../platform/cycle/case-starts.ts';

/** An RFC 9457 problem details body, sent as `application/problem+json`. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  /** For a validation problem: each field that broke a rule. */
  readonly errors?: readonly FieldError[];
  /** For a server fault: the id under which the log holds the details. */
  readonly requestId?: string;
}

/** One field of a request that broke one rule of its schema. */
export interface FieldError {
  /** Which part of the request: body, querystring, params or headers. */
  readonly in: string;
  /** JSON pointer to the field within that part, e.g. `/enterprise/name`; `` for the part itself. */
  readonly field: string;
  /** The schema keyword broken, e.g. `required`, `minLength`, `type`. */
  readonly rule: string;
  readonly message: string;
}

/** The `type` of a request that failed its schema. */
export const validationProblemType = 'urn:jingpin:problem:validation';

/**
 * A refusal the API decides on (not found, conflict, a rule of the cycle), thrown by a route and
 * turned into problem details by {@link sendProblem}. Messages: Chinese first, English second.
 */
export class ProblemError extends Error {
  override readonly name = 'ProblemError';
  constructor(
    readonly statusCode: number,
    message: string,
    readonly problemType = 'about:blank',
    readonly errors?: readonly FieldError[],
  ) {
    super(message);
  }
}

/** 404: the row does not exist or is out of the caller's scope; the two are never told apart. */
export function notFound(what: string): ProblemError {
  return new ProblemError(404, `没有找到 / not found: ${what}`);
}

/** 409: the request does not fit the state the case is in. */
export function conflict(message: string): ProblemError {
  return new ProblemError(409, message, 'urn:jingpin:problem:conflict');
}

/**
 * 503 for a case another request is still starting (platform/cycle/case-starts.ts): what was
 * submitted is recorded and its case will start, so the same request may simply be sent again.
 * Any other error is returned as it is.
 */
export function caseStartProblem(error: unknown): unknown {
  return error instanceof CaseStartPending ? new ProblemError(503, error.message, 'urn:jingpin:problem:case-starting') : error;
}

/**
 * A body that broke rules only known at run time (a task's form, a panel's declarations),
 * answered exactly as a schema failure is: 400 with each field and rule.
 */
export function invalidFields(part: FieldError['in'], errors: readonly Omit<FieldError, 'in'>[]): ProblemError {
  const fields = errors.map((error) => ({ in: part, ...error }));
  return new ProblemError(400, `${fields.length} 处不符合要求 / ${fields.length} field(s) break the rules, see errors`, validationProblemType, fields);
}

/**
 * The one error handler: every error becomes problem details. Client errors say what was wrong;
 * server errors say only that something failed and where to look in the log, never why.
 */
export function sendProblem(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const problem = problemFor(error, request.id);
  if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ status: problem.status, detail: problem.detail }, 'request refused');
  return reply.code(problem.status).type('application/problem+json; charset=utf-8').send(problem);
}

/** Answers a request no route matches. */
export function sendNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const problem: Problem = {
    type: 'about:blank',
    title: STATUS_CODES[404] ?? 'Not Found',
    status: 404,
    detail: `没有这个地址 / no such route: ${request.method} ${request.url}`,
  };
  return reply.code(404).type('application/problem+json; charset=utf-8').send(problem);
}

function problemOf(error: ProblemError): Problem {
  const title = error.problemType === validationProblemType ? '请求不符合要求 / Invalid request' : (STATUS_CODES[error.statusCode] ?? 'Error');
  return { type: error.problemType, title, status: error.statusCode, detail: error.message, ...(error.errors ? { errors: error.errors } : {}) };
}

function problemFor(error: FastifyError, requestId: string): Problem {
  if (error instanceof ProblemError) return problemOf(error);
  if (error.code === 'FST_ERR_CTP_INVALID_JSON' || error.name === 'SyntaxError') {
    // The parser's message quotes the body, which may hold a password: say only what is wrong.
    return { type: 'about:blank', title: STATUS_CODES[400] ?? 'Bad Request', status: 400, detail: '请求体不是合法的 JSON / the body is not valid JSON' };
  }
  if (error.validation) {
    const part = error.validationContext ?? 'body';
    return problemOf(invalidFields(part, error.validation.flatMap((issue) => fieldErrors(part, issue))));
  }
  const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode <= 599 ? error.statusCode : 500;
  const title = STATUS_CODES[status] ?? 'Error';
  if (status >= 500) {
    return {
      type: 'about:blank',
      title,
      status,
      detail: `服务器内部错误，详情见日志 / internal error, see the log for request ${requestId}`,
      requestId,
    };
  }
  return { type: 'about:blank', title, status, detail: error.message };
}

/** One issue of a schema check, as fastify's validators report it. */
export type ValidationIssue = NonNullable<FastifyError['validation']>[number];

// A missing property is reported on its parent object, several at once; naming each missing
// property as a field of its own is what the caller can act on.
export function fieldErrors(part: string, issue: ValidationIssue): FieldError[] {
  // TypeBox reports a property `additionalProperties: false` refuses twice: once on the object
  // (named below) and once as the property failing the `false` schema; the second says nothing more.
  if (issue.keyword === 'boolean') return [];
  const extra = extraProperties(issue.params);
  if (issue.keyword === 'additionalProperties' && extra.length > 0) {
    return extra.map((property) => ({ in: part, field: `${issue.instancePath}/${property}`, rule: 'additionalProperties', message: 'is not allowed' }));
  }
  const missing = missingProperties(issue.params);
  if (issue.keyword !== 'required' || missing.length === 0) {
    return [{ in: part, field: issue.instancePath, rule: issue.keyword, message: issue.message ?? issue.keyword }];
  }
  return missing.map((property) => ({
    in: part,
    field: `${issue.instancePath}/${property}`,
    rule: 'required',
    message: 'must be present',
  }));
}

function missingProperties(params: Record<string, unknown>): string[] {
  // TypeBox names them `requiredProperties`; Ajv, `missingProperty`.
  const { requiredProperties, missingProperty } = params;
  if (Array.isArray(requiredProperties)) return requiredProperties.map(String);
  return typeof missingProperty === 'string' ? [missingProperty] : [];
}

function extraProperties(params: Record<string, unknown>): string[] {
  // TypeBox names them `additionalProperties`; Ajv, `additionalProperty`.
  const { additionalProperties, additionalProperty } = params;
  if (Array.isArray(additionalProperties)) return additionalProperties.map(String);
  return typeof additionalProperty === 'string' ? [additionalProperty] : [];
}
