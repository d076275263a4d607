import type { Principal } from './roles.ts';

/**
 * How the models name people in user tasks (bpmn/*.bpmn, assignmentDefinition): offices by
 * candidate group (`city-320100`, `cb-CB-A`, `provincial-office`, ...), experts as assignees by
 * their expert id. A user's task identity is the groups he may take tasks from and the name he
 * is assigned under.
 */
export interface TaskIdentity {
  readonly candidateGroups: readonly string[];
  /** The assignee name: the expert id for experts (the model assigns by it), else the user name. */
  readonly assignee: string;
}

const provinceGroups: Partial<Record<Principal['role'], string>> = {
  provincial_office: 'provincial-office',
  // Member units are not scoped (docs/api.md): any member unit's user may answer any unit's request [ASSUMED].
  member_unit: 'member-unit',
  standardization_institute: 'standards-institute',
  alliance_secretariat: 'alliance-secretariat',
  supervision_department: 'supervision-department',
};

const scopedGroupPrefixes: Partial<Record<Principal['role'], string>> = {
  city_office: 'city-',
  county_office: 'county-',
  certification_body: 'cb-',
  enterprise: 'enterprise-',
};

export function taskIdentity(principal: Principal): TaskIdentity {
  const fixed = provinceGroups[principal.role];
  const prefix = scopedGroupPrefixes[principal.role];
  const candidateGroups = fixed ? [fixed] : prefix && principal.scope ? [`${prefix}${principal.scope}`] : [];
  const assignee = principal.role === 'expert' && principal.scope ? principal.scope : principal.username;
  return { candidateGroups, assignee };
}
