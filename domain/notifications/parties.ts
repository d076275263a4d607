import { scopeVariables, type OfficeRole, type PartyRef } from './roles.ts';

/**
 * The parties of a case as a job gives them: an explicit `parties` list wins; otherwise a
 * role's scope comes from its scope variable (`cityCode`, `certificationBodyId`, …).
 */
export function casePartiesFrom(explicit: readonly PartyRef[], variables: Readonly<Record<string, unknown>>): PartyRef[] {
  const parties = [...explicit];
  for (const [role, variable] of Object.entries(scopeVariables) as Array<[OfficeRole, string]>) {
    const value = variables[variable];
    const scope = typeof value === 'number' ? String(value) : value;
    if (typeof scope === 'string' && scope !== '' && !parties.some((party) => party.role === role)) parties.push({ role, scope });
  }
  return parties;
}
