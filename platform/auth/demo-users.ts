import type { Pool } from 'pg';
import type { Role } from './roles.ts';
import { addUser, type UserView } from './users.ts';

/** One demo user of each role (two for the scoped ones: a second scope shows what is out of reach). */
export interface DemoScopes {
  readonly city: readonly [string, string];
  readonly county: readonly [string, string];
  readonly expert: readonly [string, string];
  readonly certificationBody: readonly [string, string];
  readonly enterprise: readonly [string, string];
  readonly memberUnit: readonly [string, string];
}

/** The scopes of bin/demo's directory: Nanjing and Wuxi, their first counties, experts, bodies A and B, the first two member units. */
export const defaultDemoScopes: DemoScopes = {
  city: ['320100', '320200'],
  county: ['320102', '320205'],
  expert: ['EXP-001', 'EXP-002'],
  certificationBody: ['CB-A', 'CB-B'],
  // The first enterprises of Nanjing and Wuxi in test/cycle/directory.fixture.ts, valid credit codes.
  enterprise: ['91320100MA0000015Q', '91320200MA0000015X'],
  // bin/demo's 省工业和信息化厅 and 省工商联 (demoMemberUnits).
  memberUnit: ['MU-01', 'MU-02'],
};

/** The demo user of a member unit (`member-unit-mu-01`, as {@link demoUsers} names him): the demo's answers for the unit are his. */
export function memberUnitUserName(unitId: string): string {
  return `member-unit-${unitId.toLowerCase()}`;
}

export interface DemoUser {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly scope: string | null;
}

/** The demo set: user names say the role and, for scoped roles, the scope. */
export function demoUsers(scopes: DemoScopes = defaultDemoScopes): DemoUser[] {
  const province = (role: Role, username: string, displayName: string): DemoUser => ({ username, displayName, role, scope: null });
  const scoped = (role: Role, prefix: string, label: string, values: readonly string[]): DemoUser[] =>
    values.map((scope) => ({ username: `${prefix}-${scope.toLowerCase()}`, displayName: `${label} ${scope}`, role, scope }));
  return [
    province('provincial_office', 'province', '省质委办 / provincial office'),
    province('standardization_institute', 'standards-institute', '省质量和标准化研究院 / standardization institute'),
    province('standardization_office', 'standards-office', '省市场监管局标准化处 / Standardization Management Office'),
    province('alliance_secretariat', 'alliance', '联盟秘书处 / alliance secretariat'),
    province('supervision_department', 'supervision', '认证监督管理处 / supervision department'),
    province('public', 'public', '社会公众 / member of the public'),
    ...scoped('city_office', 'city', '市质委办 / city office', scopes.city),
    ...scoped('county_office', 'county', '县质委办 / county office', scopes.county),
    ...scoped('expert', 'expert', '专家 / expert', scopes.expert),
    ...scoped('certification_body', 'cb', '认证机构 / certification body', scopes.certificationBody),
    ...scoped('enterprise', 'enterprise', '企业 / enterprise', scopes.enterprise),
    ...scoped('member_unit', 'member-unit', '成员单位 / member unit', scopes.memberUnit),
  ];
}

/** Creates (or resets) the demo users, all with `password`. */
export async function seedDemoUsers(db: Pool, password: string, at: Date, scopes?: DemoScopes): Promise<UserView[]> {
  const created: UserView[] = [];
  for (const user of demoUsers(scopes)) created.push(await addUser(db, { ...user, password }, { at, replace: true }));
  return created;
}
