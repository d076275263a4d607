import type { RecordKind } from '../../domain/directory/records.ts';
import type { Role } from '../auth/roles.ts';

/**
 * The office that keeps each kind of record: the province its experts, institutes, member units
 * and enterprises (an enterprise registers itself; an import by the province is confirmed); the
 * alliance secretariat its certification bodies. Contacts are kept by the province, and each
 * office may keep its own (api/routes/directory/contacts.ts).
 */
const owners: Record<RecordKind, Role> = {
  enterprise: 'provincial_office',
  expert: 'provincial_office',
  institute: 'provincial_office',
  certification_body: 'alliance_secretariat',
  member_unit: 'provincial_office',
  contact: 'provincial_office',
};

export function ownerOf(kind: RecordKind): Role {
  return owners[kind];
}
