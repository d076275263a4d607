import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { officeRoles, provinceScope, type OfficeRole } from '../notifications/roles.ts';
import { schemaProblems } from '../calendar/schema-problems.ts';
import { creditCodeProblem } from './credit-code.ts';
import { cityByDivisionCode, countyByDivisionCode, isJiangsuDivision } from './divisions.ts';
import { cleanText } from './text.ts';

/**
 * The directory's record kinds and the checks every record passes, whether it comes from an
 * HTTP body or a CSV row: the shape (TypeBox), then text (text.ts), credit codes (GB 32100 and
 * GB 11714) and division codes (divisions.ts). Checks that need the database (duplicates, the
 * enterprise a tie names) are the directory service's.
 */

export const recordKinds = ['enterprise', 'expert', 'institute', 'certification_body', 'member_unit', 'contact'] as const;
export type RecordKind = (typeof recordKinds)[number];

export const kindNames: Record<RecordKind, { zh: string; en: string }> = {
  enterprise: { zh: '企业', en: 'enterprise' },
  expert: { zh: '专家', en: 'expert' },
  institute: { zh: '标准化研究机构', en: 'standardization institute' },
  certification_body: { zh: '认证机构', en: 'certification body' },
  member_unit: { zh: '省质委成员单位', en: 'member unit' },
  contact: { zh: '通知联系人', en: 'notification contact' },
};

const Text = Type.String({ maxLength: 400 });
const Email = Type.String({ pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', maxLength: 200 });
const Language = Type.Union([Type.Literal('zh'), Type.Literal('en')]);
const Identifier = Type.String({ pattern: '^[A-Za-z0-9-]{1,40}$', description: '字母、数字或 -，至多 40 位 / letters, digits or -, at most 40' });
const Division = Type.String({ pattern: '^\\d{6}$', description: 'GB/T 2260 行政区划代码 / administrative division code' });
const CreditCode = Type.String({ pattern: '^[0-9A-Z]{18}$', description: '统一社会信用代码 / unified social credit code' });
const Category = Type.Union([Type.Literal('AGRICULTURE'), Type.Literal('MANUFACTURING'), Type.Literal('SERVICE')]);
const TieKind = Type.Union([Type.Literal('CONSULTS'), Type.Literal('CERTIFIES'), Type.Literal('RELATED')]);

export const EnterpriseRecord = Type.Object(
  {
    creditCode: CreditCode,
    name: Text,
    cityCode: Division,
    countyCode: Division,
    contactName: Type.Optional(Text),
    contactPhone: Type.Optional(Type.String({ pattern: '^[0-9+\\- ]{5,30}$' })),
    email: Type.Optional(Email),
    language: Type.Optional(Language),
  },
  { additionalProperties: false },
);

export const ExpertRecord = Type.Object(
  {
    id: Identifier,
    name: Text,
    /** Where the expert lives and works: a city or county code (the same-city rule uses its city). */
    cityCode: Division,
    employerCode: CreditCode,
    employerName: Text,
    categories: Type.Array(Category, { minItems: 1, uniqueItems: true }),
    /** Fields of expertise in words (电子信息, 食品安全 …), shown to the office; categories decide panels. */
    fields: Type.Optional(Type.Array(Text, { maxItems: 20 })),
    ties: Type.Optional(Type.Array(Type.Object({ enterpriseId: CreditCode, kind: TieKind }, { additionalProperties: false }), { maxItems: 100 })),
    email: Type.Optional(Email),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const InstituteRecord = Type.Object(
  { id: Identifier, name: Text, cityCode: Type.Optional(Division), email: Type.Optional(Email) },
  { additionalProperties: false },
);

export const CertificationBodyRecord = Type.Object(
  {
    id: Identifier,
    name: Text,
    allianceMember: Type.Boolean(),
    /** Only for a new body: a body already listed is suspended through its own route, which hands over its cases. */
    status: Type.Optional(Type.Union([Type.Literal('ACTIVE'), Type.Literal('SUSPENDED')])),
    email: Type.Optional(Email),
  },
  { additionalProperties: false },
);

export const MemberUnitRecord = Type.Object({ id: Identifier, name: Text, email: Type.Optional(Email) }, { additionalProperties: false });

export const ContactRecord = Type.Object(
  {
    role: Type.Union(officeRoles.map((role) => Type.Literal(role))),
    /** A city or county code, a certification body's, member unit's or enterprise's id, or 320000 for province-wide offices. */
    scope: Type.String({ minLength: 1, maxLength: 40 }),
    name: Text,
    email: Email,
    language: Type.Optional(Language),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const recordSchemas = {
  enterprise: EnterpriseRecord,
  expert: ExpertRecord,
  institute: InstituteRecord,
  certification_body: CertificationBodyRecord,
  member_unit: MemberUnitRecord,
  contact: ContactRecord,
} as const satisfies Record<RecordKind, TSchema>;

export type EnterpriseRecord = Static<typeof EnterpriseRecord>;
export type ExpertRecord = Static<typeof ExpertRecord>;
export type InstituteRecord = Static<typeof InstituteRecord>;
export type CertificationBodyRecord = Static<typeof CertificationBodyRecord>;
export type MemberUnitRecord = Static<typeof MemberUnitRecord>;
export type ContactRecord = Static<typeof ContactRecord>;

export interface RecordOf {
  enterprise: EnterpriseRecord;
  expert: ExpertRecord;
  institute: InstituteRecord;
  certification_body: CertificationBodyRecord;
  member_unit: MemberUnitRecord;
  contact: ContactRecord;
}

/** One field of one record that breaks one rule, Chinese then English. */
export interface FieldProblem {
  /** The field's name (a CSV column, a body property), `/` for the record as a whole. */
  readonly field: string;
  readonly rule: string;
  readonly zh: string;
  readonly en: string;
}

export type Checked<K extends RecordKind> = { ok: true; record: RecordOf[K] } | { ok: false; problems: FieldProblem[] };

// Fields holding text a person reads: normalised and checked by text.ts.
const textFields: Record<RecordKind, readonly string[]> = {
  enterprise: ['name', 'contactName'],
  expert: ['name', 'employerName'],
  institute: ['name'],
  certification_body: ['name'],
  member_unit: ['name'],
  contact: ['name'],
};

/**
 * The record of `kind` in `value`, its text normalised (text.ts), or every rule it breaks: the
 * shape first; a record of the right shape then has its text, credit and division codes checked.
 */
export function checkRecord<K extends RecordKind>(kind: K, value: unknown): Checked<K> {
  const shape = schemaProblems(recordSchemas[kind], value);
  if (shape.length > 0) {
    return { ok: false, problems: shape.map((p) => ({ field: p.path.replace(/^\//, '') || '/', rule: p.zh === '缺少必填字段' ? 'required' : 'schema', zh: p.zh, en: p.en })) };
  }
  const record: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  const problems: FieldProblem[] = [];
  for (const field of textFields[kind]) {
    if (typeof record[field] !== 'string') continue;
    const cleaned = cleanText(record[field] as string);
    if (cleaned.ok) record[field] = cleaned.text;
    else problems.push({ field, ...cleaned.problem });
  }
  if (kind === 'expert' && Array.isArray(record['fields'])) {
    const fields: string[] = [];
    for (const [i, text] of (record['fields'] as string[]).entries()) {
      const cleaned = cleanText(text, { maxLength: 50 });
      if (cleaned.ok) fields.push(cleaned.text);
      else problems.push({ field: `fields/${i}`, ...cleaned.problem });
    }
    record['fields'] = fields;
  }
  problems.push(...codeProblems(kind, record));
  return problems.length > 0 ? { ok: false, problems } : { ok: true, record: record as unknown as RecordOf[K] };
}

function creditProblem(field: string, code: unknown): FieldProblem[] {
  const problem = typeof code === 'string' ? creditCodeProblem(code) : undefined;
  return problem ? [{ field, rule: problem.rule, zh: problem.zh, en: problem.en }] : [];
}

const unknownDivision = (field: string, code: string, what: { zh: string; en: string }): FieldProblem => ({
  field,
  rule: 'division-code',
  zh: `${code} 不是江苏省的${what.zh}代码（GB/T 2260）`,
  en: `${code} is not a Jiangsu ${what.en} code (GB/T 2260)`,
});

function codeProblems(kind: RecordKind, r: Record<string, unknown>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  switch (kind) {
    case 'enterprise': {
      const cityCode = r['cityCode'] as string;
      const countyCode = r['countyCode'] as string;
      problems.push(...creditProblem('creditCode', r['creditCode']));
      if (!cityByDivisionCode(cityCode)) problems.push(unknownDivision('cityCode', cityCode, { zh: '设区市', en: 'city' }));
      const county = countyByDivisionCode(countyCode);
      if (!county) problems.push(unknownDivision('countyCode', countyCode, { zh: '县（市、区）', en: 'county, district or county-level city' }));
      else if (cityByDivisionCode(cityCode) && county.city.code !== cityCode) {
        problems.push({
          field: 'countyCode',
          rule: 'county-in-city',
          zh: `${county.county.zh}（${countyCode}）不属于 ${cityCode}，属于${county.city.zh}（${county.city.code}）`,
          en: `${countyCode} is not in ${cityCode} but in ${county.city.en} (${county.city.code})`,
        });
      }
      break;
    }
    case 'expert': {
      const cityCode = r['cityCode'] as string;
      if (!isJiangsuDivision(cityCode)) problems.push(unknownDivision('cityCode', cityCode, { zh: '市或县（市、区）', en: 'city or county' }));
      problems.push(...creditProblem('employerCode', r['employerCode']));
      for (const [i, tie] of ((r['ties'] as { enterpriseId: string }[] | undefined) ?? []).entries()) problems.push(...creditProblem(`ties/${i}/enterpriseId`, tie.enterpriseId));
      break;
    }
    case 'institute': {
      const cityCode = r['cityCode'] as string | undefined;
      if (cityCode !== undefined && !isJiangsuDivision(cityCode)) problems.push(unknownDivision('cityCode', cityCode, { zh: '市或县（市、区）', en: 'city or county' }));
      break;
    }
    case 'contact':
      problems.push(...contactScopeProblems(r['role'] as OfficeRole, r['scope'] as string));
      break;
    default:
      break;
  }
  return problems;
}

// The scope's form for each office role; whether a body, member unit or enterprise of that id
// exists is the service's check.
function contactScopeProblems(role: OfficeRole, scope: string): FieldProblem[] {
  switch (role) {
    case 'city_office':
      return cityByDivisionCode(scope) ? [] : [unknownDivision('scope', scope, { zh: '设区市', en: 'city' })];
    case 'county_office':
      return countyByDivisionCode(scope) ? [] : [unknownDivision('scope', scope, { zh: '县（市、区）', en: 'county, district or county-level city' })];
    case 'enterprise':
      return creditProblem('scope', scope);
    case 'certification_body':
    case 'member_unit':
      return /^[A-Za-z0-9-]{1,40}$/.test(scope)
        ? []
        : [{ field: 'scope', rule: 'identifier', zh: '应为机构编号（字母、数字或 -）', en: 'must be the body’s or unit’s id (letters, digits or -)' }];
    default:
      return scope === provinceScope
        ? []
        : [{ field: 'scope', rule: 'province-scope', zh: `全省性机构的范围应为 ${provinceScope}`, en: `a province-wide office's scope is ${provinceScope}` }];
  }
}
