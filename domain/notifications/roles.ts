/**
 * The offices a notification can go to, each with a scope: a city code (`320100`), a county
 * code, a certification body's id, or the province (`320000`) for offices that act for all of
 * Jiangsu. Recipients are always named this way, never by an address in job variables.
 */
export const officeRoles = [
  'provincial_office',
  'member_unit',
  'city_office',
  'county_office',
  'standardization_institute',
  'alliance_secretariat',
  'certification_body',
  'supervision_department',
  'enterprise',
] as const;

export type OfficeRole = (typeof officeRoles)[number];

/** A role and the scope it acts for, e.g. `{ role: 'city_office', scope: '320100' }`. */
export interface PartyRef {
  readonly role: OfficeRole;
  readonly scope: string;
}

/** Jiangsu's administrative code: the scope of offices that act for the whole province. */
export const provinceScope = '320000';

// These offices exist once for the province, so a model need not name their scope.
const provinceWide: ReadonlySet<OfficeRole> = new Set([
  'provincial_office',
  'alliance_secretariat',
  'supervision_department',
  'standardization_institute',
]);

/**
 * The process variable that holds a role's scope in the yearly cycle's models (bpmn/), read when
 * a job gives no explicit `parties`: the case's city, county, certification body or enterprise.
 */
export const scopeVariables: Partial<Record<OfficeRole, string>> = {
  city_office: 'cityCode',
  county_office: 'countyCode',
  certification_body: 'certificationBodyId',
  enterprise: 'enterpriseId',
  member_unit: 'memberUnitId',
};

export function isOfficeRole(value: string): value is OfficeRole {
  return (officeRoles as readonly string[]).includes(value);
}

/** The scope an office role has when none is given: the province for province-wide roles. */
export function defaultScope(role: OfficeRole): string | undefined {
  return provinceWide.has(role) ? provinceScope : undefined;
}

const labels: Record<OfficeRole, { zh: string; en: string }> = {
  provincial_office: { zh: '省质量发展委员会办公室', en: 'Provincial Quality Development Committee Office' },
  member_unit: { zh: '省质委成员单位', en: 'member unit of the Provincial Quality Development Committee' },
  city_office: { zh: '市质量发展委员会办公室', en: 'city Quality Development Committee Office' },
  county_office: { zh: '县（区）质量发展委员会办公室', en: 'county Quality Development Committee Office' },
  standardization_institute: { zh: '标准化研究机构', en: 'standardization institute' },
  alliance_secretariat: { zh: '江苏精品国际认证联盟秘书处', en: 'secretariat of the Jiangsu Quality certification alliance' },
  certification_body: { zh: '认证机构', en: 'certification body' },
  supervision_department: { zh: '监管部门', en: 'supervision department' },
  enterprise: { zh: '企业', en: 'enterprise' },
};

/** How a party is named in a message: `认证机构（cb-007）` / `certification body cb-007`. */
export function partyLabel(party: PartyRef, language: 'zh' | 'en'): string {
  const label = labels[party.role][language];
  if (party.scope === provinceScope && provinceWide.has(party.role)) return label;
  return language === 'zh' ? `${label}（${party.scope}）` : `${label} ${party.scope}`;
}
