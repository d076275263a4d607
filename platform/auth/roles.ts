/**
 * Who may act in jingpin (docs/api.md, roles): each user has one role and,
 * for the roles that act for one city, county, expert, certification body, enterprise or member
 * unit, that scope. The other roles act for the whole province.
 */
export const roles = [
  'provincial_office',
  'member_unit',
  'city_office',
  'county_office',
  'expert',
  'standardization_institute',
  'standardization_office',
  'alliance_secretariat',
  'certification_body',
  'enterprise',
  'supervision_department',
  'public',
] as const;

export type Role = (typeof roles)[number];

/** Roles whose users act for one city, county, expert, body, enterprise or member unit: their scope. */
export const scopedRoles = ['city_office', 'county_office', 'expert', 'certification_body', 'enterprise', 'member_unit'] as const satisfies readonly Role[];
export type ScopedRole = (typeof scopedRoles)[number];

/** What a scope of each scoped role must look like (the same rules as the tables it points into). */
export const scopePatterns: Record<ScopedRole, RegExp> = {
  city_office: /^32[0-9]{2}00$/,
  county_office: /^32[0-9]{4}$/,
  expert: /^[A-Za-z0-9-]{1,40}$/,
  certification_body: /^[A-Za-z0-9-]{1,40}$/,
  enterprise: /^[0-9A-Z]{18}$/,
  member_unit: /^[A-Za-z0-9-]{1,40}$/,
};

/** What the scope of each scoped role is, for the message that asks for it. */
const scopeMeanings: Record<ScopedRole, { zh: string; en: string }> = {
  city_office: { zh: '设区市代码，如 320100', en: 'the city code, e.g. 320100' },
  county_office: { zh: '县（市、区）代码，如 320102', en: 'the county code, e.g. 320102' },
  expert: { zh: '专家编号', en: "the expert's id" },
  certification_body: { zh: '认证机构编号', en: "the certification body's id" },
  enterprise: { zh: '企业统一社会信用代码', en: "the enterprise's unified social credit code" },
  // A member unit's people answer only their own unit's requests (docs/api.md), so the unit must be named.
  member_unit: { zh: '所属成员单位在名录中的编号（GET /member-units），如 MU-GXT', en: "the id of the user's member unit in the directory (GET /member-units), e.g. MU-GXT" },
};

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

export function isScopedRole(role: Role): role is ScopedRole {
  return (scopedRoles as readonly string[]).includes(role);
}

/** A signed-in user as the API sees him: from his token, checked on every request. */
export interface Principal {
  readonly userId: number;
  readonly username: string;
  readonly role: Role;
  /** The city, county, expert, body, enterprise or member unit he acts for; null for province-wide roles. */
  readonly scope: string | null;
}

/** The scope rule a role breaks with `scope`, Chinese and English apart; undefined when the pair is valid. */
export function scopeRuleBroken(role: Role, scope: string | null | undefined): { zh: string; en: string } | undefined {
  if (!isScopedRole(role)) {
    return scope ? { zh: `范围（scope）不适用：角色 ${role} 代表全省，没有范围`, en: `scope is not allowed: role ${role} acts for the whole province` } : undefined;
  }
  const meaning = scopeMeanings[role];
  if (!scope) return { zh: `范围（scope）必填：角色 ${role} 须填${meaning.zh}`, en: `scope is required for role ${role}: ${meaning.en}` };
  if (!scopePatterns[role].test(scope)) {
    return { zh: `范围（scope）${scope} 不符合角色 ${role} 的格式：须为${meaning.zh}`, en: `scope ${scope} does not fit role ${role} (${scopePatterns[role].source}): ${meaning.en}` };
  }
  return undefined;
}

/** The scope rule a role breaks with `scope` as one message, Chinese first; undefined when the pair is valid. */
export function scopeProblem(role: Role, scope: string | null | undefined): string | undefined {
  const broken = scopeRuleBroken(role, scope);
  return broken && `${broken.zh} / ${broken.en}`;
}
