/**
 * Who may act in jingpin (docs/api.md, roles): each user has one role and,
 * for the roles that act for one city, county, expert, certification body or enterprise, that
 * scope. The other roles act for the whole province.
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

/** Roles whose users act for one city, county, expert, body or enterprise: their scope. */
export const scopedRoles = ['city_office', 'county_office', 'expert', 'certification_body', 'enterprise'] as const satisfies readonly Role[];
export type ScopedRole = (typeof scopedRoles)[number];

/** What a scope of each scoped role must look like (the same rules as the tables it points into). */
export const scopePatterns: Record<ScopedRole, RegExp> = {
  city_office: /^32[0-9]{2}00$/,
  county_office: /^32[0-9]{4}$/,
  expert: /^[A-Za-z0-9-]{1,40}$/,
  certification_body: /^[A-Za-z0-9-]{1,40}$/,
  enterprise: /^[0-9A-Z]{18}$/,
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
  /** The city, county, expert, body or enterprise he acts for; null for province-wide roles. */
  readonly scope: string | null;
}

/** The scope rule a role breaks with `scope`, or undefined when the pair is valid. */
export function scopeProblem(role: Role, scope: string | null | undefined): string | undefined {
  if (!isScopedRole(role)) {
    return scope ? `角色 ${role} 没有范围 / role ${role} has no scope` : undefined;
  }
  if (!scope) return `角色 ${role} 必须有范围 / role ${role} needs a scope`;
  if (!scopePatterns[role].test(scope)) return `范围 ${scope} 不符合 ${role} 的格式 / scope ${scope} does not fit role ${role} (${scopePatterns[role].source})`;
  return undefined;
}
