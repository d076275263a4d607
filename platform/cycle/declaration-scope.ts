import type { Principal } from '../auth/roles.ts';

/**
 * The declarations a user may see, as an SQL condition on `d` (declarations) joined with `e`
 * (enterprises): offices of the province see all; a city or county office its own area; an
 * enterprise its own; a certification body those it certifies; an expert those on his panel that
 * he is not kept off (panel_exclusions); the public none (it sees only the publicity list).
 * `bind` adds a parameter and returns its placeholder.
 */
export function visibleDeclarations(principal: Principal, bind: (value: unknown) => string): string {
  switch (principal.role) {
    case 'provincial_office':
    case 'member_unit':
    case 'standardization_institute':
    case 'standardization_office':
    case 'alliance_secretariat':
    case 'supervision_department':
      return 'true';
    case 'city_office':
      return `e.city_code = ${bind(principal.scope)}`;
    case 'county_office':
      return `e.county_code = ${bind(principal.scope)}`;
    case 'enterprise':
      return `d.enterprise_id = ${bind(principal.scope)}`;
    case 'certification_body':
      return `EXISTS (SELECT 1 FROM certifications c WHERE c.declaration_number = d.number AND c.body_id = ${bind(principal.scope)})`;
    case 'expert': {
      const expert = bind(principal.scope);
      return `(EXISTS (SELECT 1 FROM panel_assignments p WHERE p.declaration_number = d.number AND p.expert_id = ${expert})
               AND NOT EXISTS (SELECT 1 FROM panel_exclusions x WHERE x.declaration_number = d.number AND x.expert_id = ${expert}))`;
    }
    case 'public':
      return 'false';
  }
}

/** Collects query parameters; `bind` returns `$n` for each value. */
export class Params {
  readonly values: unknown[] = [];
  readonly bind = (value: unknown): string => {
    this.values.push(value);
    return `$${this.values.length}`;
  };
}
