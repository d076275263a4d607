import { provinceScope, type OfficeRole, type PartyRef } from './roles.ts';

// How the models name an office in candidateGroups (bpmn/*.bpmn): a prefix and the scope for
// offices that exist once per city, county, body or enterprise (`city-320100`, `cb-007`), a
// fixed name for the province-wide ones (`provincial-office`).
const scopedPrefixes: ReadonlyArray<[string, OfficeRole]> = [
  ['city-', 'city_office'],
  ['county-', 'county_office'],
  ['cb-', 'certification_body'],
  ['enterprise-', 'enterprise'],
  ['member-unit-', 'member_unit'],
];
const fixedNames: ReadonlyArray<[string, OfficeRole]> = [
  ['provincial-office', 'provincial_office'],
  ['alliance-secretariat', 'alliance_secretariat'],
  ['supervision-department', 'supervision_department'],
  ['standards-institute', 'standardization_institute'],
];

/** The candidate group a model uses for an office, e.g. `city-320100` or `provincial-office`. */
export function candidateGroup(party: PartyRef): string {
  const fixed = fixedNames.find(([, role]) => role === party.role);
  if (fixed && party.scope === provinceScope) return fixed[0];
  const prefix = scopedPrefixes.find(([, role]) => role === party.role);
  if (!prefix) throw new RangeError(`no candidate group for ${party.role} ${party.scope}`);
  return `${prefix[0]}${party.scope}`;
}

/** The office a candidate group names, or undefined for a group that is not an office's (an expert panel). */
export function officeOfGroup(group: string): PartyRef | undefined {
  const fixed = fixedNames.find(([name]) => name === group);
  if (fixed) return { role: fixed[1], scope: provinceScope };
  const prefix = scopedPrefixes.find(([start]) => group.startsWith(start) && group.length > start.length);
  return prefix ? { role: prefix[1], scope: group.slice(prefix[0].length) } : undefined;
}
