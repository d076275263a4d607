import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { TSchema } from '@sinclair/typebox';
import { checkRecord, recordKinds, recordSchemas, type ContactRecord, type RecordKind, type RecordOf } from '../../../domain/directory/records.ts';
import type { Principal, Role } from '../../../platform/auth/roles.ts';
import { withTransaction } from '../../../platform/db/pool.ts';
import { importDirectory } from '../../../platform/directory/import-directory.ts';
import { ownerOf } from '../../../platform/directory/owners.ts';
import { DirectoryRefusal, saveRecord } from '../../../platform/directory/save-record.ts';
import { callerOf, only } from '../../auth/access.ts';
import type { AppDependencies } from '../../dependencies.ts';
import { notFound, ProblemError } from '../../problem.ts';
import { bearer, problemResponses } from '../../schemas.ts';
import { invalidRecord } from './field-problems.ts';
import { CertificationBodyView, ContactView, ExpertView, InstituteView, MemberUnitView } from './views.ts';

/** The list queries of each kind an office keeps here (enterprises have routes of their own). */
const lists: Record<Exclude<RecordKind, 'enterprise'>, { path: string; select: string; tag: string; view: TSchema }> = {
  expert: {
    path: '/experts',
    tag: '专家 / experts',
    view: ExpertView,
    select: `SELECT id, name, city_code AS "cityCode", employer_id AS "employerCode", employer_name AS "employerName", categories, fields, email, active,
                    coalesce((SELECT json_agg(json_build_object('enterpriseId', t.enterprise_id, 'kind', t.kind) ORDER BY t.enterprise_id, t.kind)
                                FROM expert_ties t WHERE t.expert_id = x.id), '[]') AS ties
               FROM experts x ORDER BY id`,
  },
  institute: { path: '/standardization-institutes', tag: '标准化研究机构 / institutes', view: InstituteView, select: `SELECT id, name, city_code AS "cityCode", email FROM standardization_institutes ORDER BY id` },
  certification_body: {
    path: '/certification-bodies',
    tag: '认证机构 / certification bodies',
    view: CertificationBodyView,
    select: `SELECT id, name, alliance_member AS "allianceMember", status, email FROM certification_bodies ORDER BY id`,
  },
  member_unit: { path: '/member-units', tag: '成员单位 / member units', view: MemberUnitView, select: `SELECT id, name, email FROM member_units ORDER BY id` },
  contact: {
    path: '/notification-contacts',
    tag: '通知联系人 / notification contacts',
    view: ContactView,
    select: `SELECT id::int, role, scope, name, email, language, active FROM notification_contacts ORDER BY role, scope, id`,
  },
};

/**
 * Which contacts a user may keep: the province any; an office or body its own office's; a city
 * office also those of its counties; the secretariat those of the certification bodies.
 */
function keepsContact(principal: Principal, contact: Pick<ContactRecord, 'role' | 'scope'>): boolean {
  switch (principal.role) {
    case 'provincial_office':
      return true;
    case 'alliance_secretariat':
      return contact.role === 'alliance_secretariat' || contact.role === 'certification_body';
    case 'city_office':
      return (contact.role === 'city_office' && contact.scope === principal.scope) || (contact.role === 'county_office' && contact.scope.slice(0, 4) === principal.scope!.slice(0, 4));
    default:
      return contact.role === principal.role && contact.scope === principal.scope;
  }
}

const contactKeepers: Role[] = ['provincial_office', 'alliance_secretariat', 'city_office', 'county_office', 'certification_body', 'enterprise'];

const Outcome = Type.Object({ outcome: Type.Union([Type.Literal('created'), Type.Literal('updated'), Type.Literal('unchanged')]) });

/**
 * The directory's records other than enterprises, one route pair per kind: the office that owns
 * the kind lists and saves records (created, or updated by their key), through the same checks
 * and service as `jingpin directory import`; and the import itself for a CSV sent as text.
 */
export const directoryRoutes: FastifyPluginAsyncTypebox<AppDependencies> = async (app, { pool, clock }) => {
  for (const [kind, list] of Object.entries(lists) as Array<[Exclude<RecordKind, 'enterprise'>, (typeof lists)[keyof typeof lists]]>) {
    const keepers = kind === 'contact' ? contactKeepers : [ownerOf(kind)];
    app.get(
      list.path,
      {
        config: { access: only(...new Set<Role>([ownerOf(kind), 'provincial_office'])) },
        schema: { tags: ['directory'], summary: `${list.tag}`, security: bearer, response: { 200: Type.Array(list.view), ...problemResponses } },
      },
      async () => (await pool.query(list.select)).rows,
    );
    app.post(
      list.path,
      {
        config: { access: only(...keepers) },
        schema: {
          tags: ['directory'],
          summary: `登记或更新（按编号）${list.tag} / create or update by key`,
          security: bearer,
          body: recordSchemas[kind] as TSchema,
          response: { 200: Outcome, ...problemResponses },
        },
      },
      async (request) => {
        const principal = callerOf(request);
        const checked = checkRecord(kind, request.body);
        if (!checked.ok) throw invalidRecord(checked.problems);
        if (kind === 'contact' && !keepsContact(principal, checked.record as ContactRecord)) {
          throw notFound(`office ${(checked.record as ContactRecord).role} ${(checked.record as ContactRecord).scope}`);
        }
        try {
          const outcome = await withTransaction(pool, (client) =>
            saveRecord(client, kind, checked.record as RecordOf[typeof kind], { actor: principal.username, role: principal.role }, clock.now()),
          );
          return { outcome };
        } catch (error) {
          if (error instanceof DirectoryRefusal) throw invalidRecord(error.problems);
          throw error;
        }
      },
    );
  }

  app.post(
    '/directory/imports',
    {
      config: { access: only('provincial_office', 'alliance_secretariat'), ownTextRules: true },
      schema: {
        tags: ['directory'],
        summary: '导入一类记录的 CSV（与 jingpin directory import 相同）/ import a CSV of one kind (as jingpin directory import)',
        security: bearer,
        body: Type.Object(
          {
            kind: Type.Union(recordKinds.map((k) => Type.Literal(k))),
            csv: Type.String({ maxLength: 5_000_000, description: 'CSV 文本，首行为列名 / the CSV text, header first' }),
            partial: Type.Optional(Type.Boolean({ description: '导入合格的行 / load the good rows' })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            kind: Type.String(),
            partial: Type.Boolean(),
            rows: Type.Integer(),
            created: Type.Integer(),
            updated: Type.Integer(),
            unchanged: Type.Integer(),
            loaded: Type.Boolean(),
            rejected: Type.Array(Type.Object({ row: Type.Integer(), field: Type.String(), rule: Type.String(), zh: Type.String(), en: Type.String() })),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const principal = callerOf(request);
      const { kind, csv, partial } = request.body;
      if (ownerOf(kind) !== principal.role) {
        throw new ProblemError(403, `${kind} 由 ${ownerOf(kind)} 管理 / ${kind} records are kept by ${ownerOf(kind)}`);
      }
      const report = await importDirectory(pool, { kind, bytes: Buffer.from(csv, 'utf8'), partial: partial === true }, { actor: principal.username, role: principal.role }, clock.now());
      return { ...report, rejected: [...report.rejected] };
    },
  );
};
