import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Principal } from '../../../platform/auth/roles.ts';
import { callerOf, only } from '../../auth/access.ts';
import type { AppDependencies } from '../../dependencies.ts';
import { notFound } from '../../problem.ts';
import { bearer, problemResponses } from '../../schemas.ts';

const Enterprise = Type.Object({
  id: Type.String(),
  name: Type.String(),
  cityCode: Type.String(),
  countyCode: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  language: Type.String(),
});

const Params = Type.Object({ id: Type.String({ pattern: '^[0-9A-Z]{18}$', description: '统一社会信用代码 / unified social credit code' }) });

// Which enterprises a user may see: his own, those of his city or county, or all for province-wide offices.
function scopeCondition(principal: Principal): { sql: string; value: string | null } {
  switch (principal.role) {
    case 'enterprise':
      return { sql: 'id = $2', value: principal.scope };
    case 'city_office':
      return { sql: 'city_code = $2', value: principal.scope };
    case 'county_office':
      return { sql: 'county_code = $2', value: principal.scope };
    default:
      return { sql: '$2::text IS NULL', value: null };
  }
}

const SELECT = `SELECT id, name, city_code AS "cityCode", county_code AS "countyCode", email, language FROM enterprises`;

/** The enterprise profile: read by the enterprise and the offices over it; changed by the enterprise. */
export const enterpriseRoutes: FastifyPluginAsyncTypebox<AppDependencies> = async (app, { pool }) => {
  app.get(
    '/enterprises/:id',
    {
      config: { access: only('enterprise', 'city_office', 'county_office', 'provincial_office', 'member_unit', 'supervision_department') },
      schema: { tags: ['enterprises'], security: bearer, params: Params, response: { 200: Enterprise, ...problemResponses } },
    },
    async (request) => {
      const scope = scopeCondition(callerOf(request));
      const row = (await pool.query(`${SELECT} WHERE id = $1 AND ${scope.sql}`, [request.params.id, scope.value])).rows[0];
      if (!row) throw notFound(`enterprise ${request.params.id}`);
      return row;
    },
  );

  app.patch(
    '/enterprises/:id',
    {
      config: { access: only('enterprise') },
      schema: {
        tags: ['enterprises'],
        security: bearer,
        params: Params,
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ minLength: 2, maxLength: 200 })),
            email: Type.Optional(Type.Union([Type.String({ pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', maxLength: 200 }), Type.Null()])),
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
      const { name, email, language } = request.body;
      const row = (
        await pool.query(
          `UPDATE enterprises SET name = coalesce($2, name), email = CASE WHEN $5 THEN $3 ELSE email END, language = coalesce($4, language)
            WHERE id = $1 RETURNING id, name, city_code AS "cityCode", county_code AS "countyCode", email, language`,
          [request.params.id, name ?? null, email ?? null, language ?? null, email !== undefined],
        )
      ).rows[0];
      if (!row) throw notFound(`enterprise ${request.params.id}`);
      return row;
    },
  );
};
