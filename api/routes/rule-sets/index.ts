import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { parseRuleSetDocument, RuleSetDocumentError } from '../../../domain/campaign/rule-set-document.ts';
import { CampaignRuleSetSchema } from '../../../domain/campaign/rule-set-schema.ts';
import { beijingIso } from '../../../domain/notifications/beijing-time.ts';
import { listRuleSets, ruleSetVersions, type LoadedRuleSet } from '../../../platform/db/rule-sets.ts';
import { RuleSetVersionBehind, RuleSetVersionExists, RuleSetVersionInUse, RuleSetVersionMissing } from '../../../platform/rule-sets/errors.ts';
import { changesAgainstYearBefore, loadRuleSet } from '../../../platform/rule-sets/rule-sets.ts';
import { callerOf, only, rolesExcept } from '../../auth/access.ts';
import type { AppDependencies } from '../../dependencies.ts';
import { conflict, invalidFields, notFound } from '../../problem.ts';
import { BeijingTime, bearer, problemResponses, Year } from '../../schemas.ts';

const Version = Type.Object({
  year: Type.Integer(),
  version: Type.Integer(),
  inForce: Type.Boolean({ description: '本年度现行版本（最高版本）/ the version in force for its year (the highest)' }),
  notice: Type.Union([Type.String(), Type.Null()], { description: '通知文号 / notice reference' }),
  loadedBy: Type.String(),
  loadedAt: BeijingTime,
  usedSince: Type.Union([BeijingTime, Type.Null()], { description: '自此被申报年度使用，不能再改 / used by a campaign since then: frozen' }),
});

// A side without the field has no `before` or `after`.
const Change = Type.Object({ path: Type.String(), before: Type.Optional(Type.Unknown()), after: Type.Optional(Type.Unknown()) });

function versionView(set: LoadedRuleSet, inForce: boolean) {
  return {
    year: set.year,
    version: set.version,
    inForce,
    notice: set.ruleSet.notice.known ? set.ruleSet.notice.value.reference : null,
    loadedBy: set.loadedBy,
    loadedAt: beijingIso(set.loadedAt),
    usedSince: set.usedSince ? beijingIso(set.usedSince) : null,
  };
}

/**
 * Campaign rule sets: the provincial office loads a year's set (checked field by field, stored as
 * a new version, audited); everyone signed in reads them, since a declaration is judged by them.
 */
export const ruleSetRoutes: FastifyPluginAsyncTypebox<AppDependencies> = async (app, { pool, clock }) => {
  app.get(
    '/rule-sets',
    { config: { access: rolesExcept() }, schema: { tags: ['rule-sets'], security: bearer, response: { 200: Type.Array(Version), ...problemResponses } } },
    async () => {
      const all = await listRuleSets(pool);
      return all.map((set, i) => versionView(set, all[i + 1]?.year !== set.year));
    },
  );

  app.get(
    '/rule-sets/:year',
    {
      config: { access: rolesExcept() },
      schema: {
        tags: ['rule-sets'],
        security: bearer,
        params: Type.Object({ year: Year }),
        querystring: Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647, description: '默认现行版本 / the version in force by default' })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ ...Version.properties, ruleSet: CampaignRuleSetSchema, versions: Type.Array(Version) }), ...problemResponses },
      },
    },
    async (request) => {
      const versions = await ruleSetVersions(pool, request.params.year);
      const wanted = request.query.version ?? versions.at(-1)?.version;
      const set = versions.find((loaded) => loaded.version === wanted);
      if (!set) throw notFound(`rule set ${request.params.year}${request.query.version ? ` version ${request.query.version}` : ''}`);
      const latest = versions.at(-1)!.version;
      return { ...versionView(set, set.version === latest), ruleSet: set.ruleSet as never, versions: versions.map((v) => versionView(v, v.version === latest)) };
    },
  );

  app.post(
    '/rule-sets',
    {
      config: { access: only('provincial_office') },
      schema: {
        tags: ['rule-sets'],
        security: bearer,
        description: '校验并导入一个年度规则集（格式见 docs/rule-set.schema.json）；同一年度同一版本只能导入一次，更正为新版本 / check and store a rule set; a year and version is loaded once, a correction is a new version',
        querystring: Type.Object(
          { replace: Type.Optional(Type.Boolean({ description: '替换尚未被使用的同一版本 / replace the same version while no campaign uses it' })) },
          { additionalProperties: false },
        ),
        // Any object here: the document is checked by the same code as `jingpin rules check`, which
        // names each bad field inside a figure, and the schema validator would instead drop unknown
        // fields and coerce strings to numbers before anyone saw them.
        body: Type.Object({}, { additionalProperties: true, description: '规则集文档，格式见 docs/rule-set.schema.json / a rule-set document, see docs/rule-set.schema.json' }),
        response: {
          201: Type.Object({
            year: Type.Integer(),
            version: Type.Integer(),
            result: Type.Union([Type.Literal('loaded'), Type.Literal('replaced')]),
            against: Type.Union([Type.Object({ year: Type.Integer(), version: Type.Integer() }), Type.Null()], { description: '与之比较的上一年度版本 / the version compared with' }),
            changes: Type.Array(Change),
          }),
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      try {
        // Checked first, so a refusal names fields even when the version checks would also refuse.
        const { changes, against } = await changesAgainstYearBefore(pool, parseRuleSetDocument(request.body));
        const { ruleSet, result } = await loadRuleSet(pool, request.body, { by: caller.username, role: caller.role, at: clock.now() }, { replace: request.query.replace === true });
        return reply.code(201).send({ year: ruleSet.campaignYear, version: ruleSet.version, result, against, changes });
      } catch (error) {
        if (error instanceof RuleSetDocumentError) {
          throw invalidFields('body', error.problems.map((problem) => ({ field: problem.path, rule: 'rule-set', message: `${problem.zh} / ${problem.en}` })));
        }
        if (error instanceof RuleSetVersionExists || error instanceof RuleSetVersionInUse || error instanceof RuleSetVersionBehind) throw conflict(error.message);
        if (error instanceof RuleSetVersionMissing) throw notFound(`rule set ${error.year} version ${error.version}`);
        throw error;
      }
    },
  );
};
