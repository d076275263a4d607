import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { findObjection, listObjections, listObjectionsOfYear } from '../../../platform/cycle/objections.ts';
import { only } from '../../auth/access.ts';
import type { AppDependencies } from '../../dependencies.ts';
import { notFound } from '../../problem.ts';
import { bearer, DeclarationNumber, problemResponses, Year } from '../../schemas.ts';
import { ObjectionSchema, objectionView } from '../declarations/case-file-view.ts';

/**
 * Objections for the role that decides them: the provincial office (the `decideObjection` task's
 * group). It sees the text, the decision and who objected with his contact details, which the
 * case view shows no one else (platform/cycle/objections.ts).
 */
export const objectionRoutes: FastifyPluginAsyncTypebox<AppDependencies> = async (app, { pool }) => {
  const deciders = only('provincial_office');
  app.get(
    '/objections',
    {
      config: { access: deciders },
      schema: {
        tags: ['objections'],
        summary: '异议列表（按申报或年度）/ objections, of one declaration or one year',
        security: bearer,
        querystring: Type.Object({ declaration: Type.Optional(DeclarationNumber), year: Type.Optional(Year) }, { additionalProperties: false }),
        response: { 200: Type.Array(ObjectionSchema), ...problemResponses },
      },
    },
    async (request) => {
      const { declaration, year } = request.query;
      const found = declaration ? await listObjections(pool, declaration, { withObjector: true }) : await listObjectionsOfYear(pool, year, { withObjector: true });
      return found.map(objectionView);
    },
  );

  app.get(
    '/objections/:id',
    {
      config: { access: deciders },
      schema: {
        tags: ['objections'],
        security: bearer,
        params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 9007199254740991 }) }),
        response: { 200: ObjectionSchema, ...problemResponses },
      },
    },
    async (request) => {
      const found = await findObjection(pool, request.params.id, { withObjector: true });
      if (!found) throw notFound(`objection ${request.params.id}`);
      return objectionView(found);
    },
  );
};
