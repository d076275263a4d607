import type { Pool } from 'pg';
import { checkRecord, type RecordKind, type RecordOf } from '../../domain/directory/records.ts';
import { withTransaction } from '../../platform/db/pool.ts';
import { ownerOf } from '../../platform/directory/owners.ts';
import { saveRecord } from '../../platform/directory/save-record.ts';

/** The people and bodies a campaign needs before anyone declares: enterprises, experts, certification bodies. */
export interface EnterpriseSeed {
  readonly id: string;
  readonly name: string;
  readonly cityCode: string;
  readonly countyCode: string;
}

export interface ExpertSeed {
  readonly id: string;
  readonly name: string;
  readonly cityCode: string;
  readonly employerId: string;
  /** The employer's name as the directory shows it; by default, the words "employer" and its code. */
  readonly employerName?: string;
  readonly categories: readonly ('AGRICULTURE' | 'MANUFACTURING' | 'SERVICE')[];
  readonly ties?: readonly { enterpriseId: string; kind: 'CONSULTS' | 'CERTIFIES' | 'RELATED' }[];
}

export interface CertificationBodySeed {
  readonly id: string;
  readonly name: string;
}

export interface InstituteSeed {
  readonly id: string;
  readonly name: string;
  readonly cityCode?: string;
}

/** A unit of the provincial quality leading group (省质委成员单位), asked for its opinion in the comprehensive review. */
export interface MemberUnitSeed {
  readonly id: string;
  readonly name: string;
}

export interface DirectorySeed {
  readonly enterprises: readonly EnterpriseSeed[];
  readonly experts: readonly ExpertSeed[];
  readonly certificationBodies: readonly CertificationBodySeed[];
  readonly institutes?: readonly InstituteSeed[];
  readonly memberUnits?: readonly MemberUnitSeed[];
}

/** Who the demo and the tests' fixtures write the directory as, in the audit trail. */
export const seedActor = 'jingpin-demo';

/**
 * Writes the directory through the same checks and service an office's import uses
 * (platform/directory/), in one transaction, as the office that owns each kind; a record already
 * there is updated to the seed. Enterprises come first: experts' ties name them.
 * @throws {Error} naming the record and the rules it breaks: a seed must be a valid directory.
 */
export async function seedDirectory(db: Pool, seed: DirectorySeed, at = new Date()): Promise<void> {
  const records: Array<[RecordKind, unknown]> = [
    ...seed.enterprises.map((e): [RecordKind, unknown] => ['enterprise', { creditCode: e.id, name: e.name, cityCode: e.cityCode, countyCode: e.countyCode }]),
    ...seed.certificationBodies.map((b): [RecordKind, unknown] => ['certification_body', { id: b.id, name: b.name, allianceMember: true }]),
    ...(seed.institutes ?? []).map((i): [RecordKind, unknown] => ['institute', { ...i }]),
    ...(seed.memberUnits ?? []).map((m): [RecordKind, unknown] => ['member_unit', { id: m.id, name: m.name }]),
    ...seed.experts.map((x): [RecordKind, unknown] => [
      'expert',
      {
        id: x.id,
        name: x.name,
        cityCode: x.cityCode,
        employerCode: x.employerId,
        employerName: x.employerName ?? `工作单位 / employer ${x.employerId}`,
        categories: [...x.categories],
        ties: [...(x.ties ?? [])],
      },
    ]),
  ];
  await withTransaction(db, async (client) => {
    for (const [kind, value] of records) {
      const checked = checkRecord(kind, value);
      if (!checked.ok) throw new Error(`演示名录有误 / the seeded ${kind} ${JSON.stringify(value)} breaks: ${checked.problems.map((p) => `${p.field} ${p.en}`).join('; ')}`);
      await saveRecord(client, kind, checked.record as RecordOf[RecordKind], { actor: seedActor, role: ownerOf(kind) }, at);
    }
  });
}
