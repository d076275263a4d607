import { Type } from '@fastify/type-provider-typebox';
import { beijingIso } from '../../../domain/notifications/beijing-time.ts';
import type { CaseFile } from '../../../platform/cycle/case-file.ts';
import type { ObjectionView } from '../../../platform/cycle/objections.ts';
import { BeijingTime, DeclarationNumber } from '../../schemas.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Text = { zh: Type.String(), en: Type.String() };

export const ObjectionSchema = Type.Object({
  id: Type.Integer(),
  declarationNumber: DeclarationNumber,
  filedAt: BeijingTime,
  text: Type.String({ description: '异议内容 / the objection' }),
  decision: Nullable(Type.Union([Type.Literal('UPHELD'), Type.Literal('DISMISSED')])),
  decisionReason: Nullable(Type.String()),
  decidedBy: Nullable(Type.String()),
  decidedAt: Nullable(BeijingTime),
  objector: Nullable(
    Type.Object(
      { kind: Type.Union([Type.Literal('UNIT'), Type.Literal('PERSON')]), name: Type.String(), contact: Type.String() },
      { description: '异议人及联系方式，仅处理异议的省级机关可见 / who objected and how to reach him: only the provincial office, which decides, sees it' },
    ),
  ),
});

/** What reviewers see of a declaration: in every review task (`case`) and the case view. */
export const CaseFileSchema = Type.Object({
  facts: Type.Unknown({ description: '申报事实（docs/eligibility-input.schema.json）/ the declaration\'s facts' }),
  eligibility: Nullable(
    Type.Object({
      outcome: Type.String(),
      summary: Nullable(Type.Object(Text)),
      ruleSetVersion: Nullable(Type.Integer()),
      reasons: Type.Array(
        Type.Object({
          rule: Type.String(),
          row: Nullable(Type.Integer()),
          outcome: Type.String(),
          ...Text,
          missingEvidence: Type.Optional(Type.Array(Type.String(), { description: '缺少的材料类别 / the kinds of material missing' })),
          missingYears: Type.Optional(Type.Array(Type.Integer(), { description: '缺少财务报告的年度 / the years a financial report is missing for' })),
        }),
        {
          description: '每条规则的理由（中文在前）/ each rule\'s reason, Chinese first',
        },
      ),
      problems: Type.Array(Type.Object({ path: Type.String(), rules: Type.Array(Type.String()), ...Text })),
      flags: Type.Array(Type.Object({ flag: Type.String(), ...Text })),
    }),
  ),
  attachments: Type.Array(
    Type.Object({ id: Type.Integer(), kind: Type.String(), reportYear: Nullable(Type.Integer()), fileName: Type.String(), contentType: Type.String(), size: Type.Integer(), uploadedBy: Type.String(), uploadedAt: BeijingTime }),
  ),
  recommendations: Type.Array(Type.Object({ level: Type.String(), recommended: Type.Boolean(), reason: Type.String(), decidedBy: Type.String(), decidedAt: BeijingTime })),
  auditTrail: Type.Array(
    Type.Object({ at: BeijingTime, actor: Type.String(), role: Type.String(), action: Type.String(), reason: Nullable(Type.String()) }, { description: '此前的意见与决定 / earlier opinions and decisions' }),
  ),
  objections: Type.Array(ObjectionSchema),
});

export function objectionView(o: ObjectionView) {
  return { ...o, filedAt: beijingIso(o.filedAt), decidedAt: o.decidedAt ? beijingIso(o.decidedAt) : null };
}

export function caseFileView(file: CaseFile) {
  return {
    ...file,
    attachments: file.attachments.map((a) => ({ ...a, uploadedAt: beijingIso(a.uploadedAt) })),
    recommendations: file.recommendations.map((r) => ({ ...r, decidedAt: beijingIso(r.decidedAt) })),
    auditTrail: file.auditTrail.map((e) => ({ ...e, at: beijingIso(e.at) })),
    objections: file.objections.map(objectionView),
  };
}
