import type { Principal } from './roles.ts';

/**
 * How the models name people in user tasks (bpmn/*.bpmn, assignmentDefinition): offices by
 * candidate group (`city-320100`, `cb-CB-A`, `member-unit-MU-GXT`, `provincial-office`, ...),
 * experts as assignees by their expert id. A user's task identity is the groups he may take tasks
 * from and the name he is assigned under.
 */
export interface TaskIdentity {
  readonly candidateGroups: readonly string[];
  /** The assignee name: the expert id for experts (the model assigns by it), else the user name. */
  readonly assignee: string;
}

const provinceGroups: Partial<Record<Principal['role'], string>> = {
  provincial_office: 'provincial-office',
  standardization_institute: 'standards-institute',
  alliance_secretariat: 'alliance-secretariat',
  supervision_department: 'supervision-department',
};

const scopedGroupPrefixes: Partial<Record<Principal['role'], string>> = {
  city_office: 'city-',
  county_office: 'county-',
  certification_body: 'cb-',
  enterprise: 'enterprise-',
  // Each member unit answers its own request in the comprehensive review, never another unit's.
  member_unit: 'member-unit-',
};

/**
 * The one group every member unit's opinion task had in the model that campaigns opened before
 * migration 0029 still run (a running instance keeps its model's version). Its tasks are each
 * unit's by the unit they ask, which the task routes check (api/routes/tasks).
 */
export const EVERY_MEMBER_UNIT_GROUP = 'member-unit';

const earlierGroups: Partial<Record<Principal['role'], string>> = { member_unit: EVERY_MEMBER_UNIT_GROUP };

export function taskIdentity(principal: Principal): TaskIdentity {
  const fixed = provinceGroups[principal.role];
  const prefix = scopedGroupPrefixes[principal.role];
  const earlier = earlierGroups[principal.role];
  // A scoped user without his scope (a member-unit user made before migration 0029) has no group.
  const candidateGroups = fixed ? [fixed] : prefix && principal.scope ? [`${prefix}${principal.scope}`, ...(earlier ? [earlier] : [])] : [];
  const assignee = principal.role === 'expert' && principal.scope ? principal.scope : principal.username;
  return { candidateGroups, assignee };
}
