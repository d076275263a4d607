import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { checkRecord, EnterpriseRecord } from '../../../domain/directory/records.ts';
import { cleanText } from '../../../domain/directory/text.ts';
import type { Principal } from '../../../platform/auth/roles.ts';
import { changeEnterprise, decideEnterprise, enterpriseColumns, EnterpriseStateConflict, registerEnterprise, type EnterpriseChange } from '../../../platform/directory/enterprises.ts';
import { DirectoryRefusal } from '../../../platform/directory/save-record.ts';
import { callerOf, only } from '../../auth/access.ts';
import type { AppDependencies } from '../../dependencies.ts';
import { conflict, notFound, ProblemError } from '../../problem.ts';
import { bearer, problemResponses } from '../../schemas.ts';
import { invalidRecord } from '../directory/field-problems.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

const Enterprise = Type.Object({
  id: Type.String(),
  /** The confirmed name: what publicity and the announcement show. */
  name: Type.String(),
  /** A rename the enterprise asked for, until its county confirms it. */
  pendingName: Nullable(Type.String()),
  status: Type.Union([Type.Literal('REGISTERED'), Type.Literal('CONFIRMED')]),
  cityCode: Type.String(),
  countyCode: Type.String(),
  contactName: Nullable(Type.String()),
  contactPhone: Nullable(Type.String()),
  email: Nullable(Type.String()),
  language: Type.String(),
});

const Params = Type.Object({ id: Type.String({ pattern: '^[0-9A-Z]{18}$', description: '统一社会信用代码 / unified social credit code' }) });

// Which enterprises a user may see: his own, those of his city or county, or all for province-wide offices.
function scopeCondition(principal: Principal, at: number): { sql: string; value: string | null } {
  switch (principal.role) {
    case 'enterprise':
      return { sql: `id = $${at}`, value: principal.scope };
    case 'city_office':
      return { sql: `city_code = $${at}`, value: principal.scope };
    case 'county_office':
      return { sql: `county_code = $${at}`, value: principal.scope };
    default:
      return { sql: `$${at}::text IS NULL`, value: null };
  }
}

const by = (principal: Principal) => ({ actor: principal.username, role: principal.role });

/**
 * The enterprises of the directory: an enterprise registers itself and keeps its contacts; its
 * county confirms the registration and any new name (which waits until then, because the name
 * is what the public lists show); offices read the enterprises of their area.
 */
export const enterpriseRoutes: FastifyPluginAsyncTypebox<AppDependencies> = async (app, { pool, clock }) => {
  app.get(
    '/enterprises',
    {
      config: { access: only('county_office', 'city_office', 'provincial_office') },
      schema: {
        tags: ['enterprises'],
        summary: '本辖区企业；awaiting=true 只列待确认的登记或更名 / the enterprises of the area; awaiting=true lists those awaiting confirmation',
        security: bearer,
        querystring: Type.Object({ awaiting: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
        response: { 200: Type.Array(Enterprise), ...problemResponses },
      },
    },
    async (request) => {
      const scope = scopeCondition(callerOf(request), 1);
      const awaiting = request.query.awaiting ? `AND (status = 'REGISTERED' OR pending_name IS NOT NULL)` : '';
      return (await pool.query(`SELECT ${enterpriseColumns} FROM enterprises WHERE ${scope.sql} ${awaiting} ORDER BY id`, [scope.value])).rows;
    },
  );

  app.get(
    '/enterprises/:id',
    {
      config: { access: only('enterprise', 'city_office', 'county_office', 'provincial_office', 'member_unit', 'supervision_department') },
      schema: { tags: ['enterprises'], security: bearer, params: Params, response: { 200: Enterprise, ...problemResponses } },
    },
    async (request) => {
      const scope = scopeCondition(callerOf(request), 2);
      const row = (await pool.query(`SELECT ${enterpriseColumns} FROM enterprises WHERE id = $1 AND ${scope.sql}`, [request.params.id, scope.value])).rows[0];
      if (!row) throw notFound(`enterprise ${request.params.id}`);
      return row;
    },
  );

  app.post(
    '/enterprises',
    {
      // The directory's record rules (checkRecord) judge every field of the record, text included, and name them all at once.
      config: { access: only('enterprise'), ownTextRules: true },
      schema: {
        tags: ['enterprises'],
        summary: '企业自行登记，待所在县（市、区）确认 / an enterprise registers itself; its county confirms',
        security: bearer,
        body: EnterpriseRecord,
        response: { 201: Enterprise, ...problemResponses },
      },
    },
    async (request, reply) => {
      const principal = callerOf(request);
      if (principal.scope !== request.body.creditCode) {
        throw new ProblemError(403, `只能登记本企业 ${principal.scope} / an enterprise registers only itself (${principal.scope})`);
      }
      const checked = checkRecord('enterprise', request.body);
      if (!checked.ok) throw invalidRecord(checked.problems);
      try {
        return reply.code(201).send(await registerEnterprise(pool, checked.record, by(principal), clock.now()));
      } catch (error) {
        if (error instanceof EnterpriseStateConflict) throw conflict(error.message);
        throw error;
      }
    },
  );

  app.patch(
    '/enterprises/:id',
    {
      config: { access: only('enterprise') },
      schema: {
        tags: ['enterprises'],
        summary: '企业修改联系方式即时生效；更名待县确认 / contacts change at once; a new name waits for the county',
        security: bearer,
        params: Params,
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ maxLength: 200 })),
            contactName: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
            contactPhone: Type.Optional(Nullable(Type.String({ pattern: '^[0-9+\\- ]{5,30}$' }))),
            email: Type.Optional(Nullable(Type.String({ pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', maxLength: 200 }))),
            language: Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('en')])),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: Enterprise, ...problemResponses },
      },
    },
    async (request) => {
      const principal = callerOf(request);
      if (principal.scope !== request.params.id) throw notFound(`enterprise ${request.params.id}`);
      const change: { -readonly [K in keyof EnterpriseChange]: EnterpriseChange[K] } = { ...request.body };
      const problems = [];
      for (const field of ['name', 'contactName'] as const) {
        const value = change[field];
        if (typeof value !== 'string') continue;
        const cleaned = cleanText(value);
        if (cleaned.ok) change[field] = cleaned.text;
        else problems.push({ field, ...cleaned.problem });
      }
      if (problems.length > 0) throw invalidRecord(problems);
      const row = await changeEnterprise(pool, request.params.id, change, by(principal), clock.now());
      if (!row) throw notFound(`enterprise ${request.params.id}`);
      return row;
    },
  );

  app.post(
    '/enterprises/:id/confirmation',
    {
      config: { access: only('county_office') },
      schema: {
        tags: ['enterprises'],
        summary: '县（市、区）确认或不予确认企业的登记或更名 / the county confirms or refuses the registration or rename',
        security: bearer,
        params: Params,
        body: Type.Object({ confirm: Type.Boolean(), reason: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })) }, { additionalProperties: false }),
        response: { 200: Enterprise, ...problemResponses },
      },
    },
    async (request) => {
      const principal = callerOf(request);
      const reason = request.body.reason === undefined ? undefined : cleanText(request.body.reason, { maxLength: 1000 });
      if (reason && !reason.ok) throw invalidRecord([{ field: 'reason', ...reason.problem }]);
      try {
        const decision = { id: request.params.id, countyCode: principal.scope!, confirm: request.body.confirm, ...(reason ? { reason: reason.text } : {}) };
        const row = await decideEnterprise(pool, decision, by(principal), clock.now());
        if (!row) throw notFound(`enterprise ${request.params.id}`);
        return row;
      } catch (error) {
        if (error instanceof EnterpriseStateConflict) throw conflict(error.message);
        if (error instanceof DirectoryRefusal) throw invalidRecord(error.problems);
        throw error;
      }
    },
  );
};
