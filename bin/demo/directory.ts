import type { Pool } from 'pg';

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
  readonly categories: readonly ('AGRICULTURE' | 'MANUFACTURING' | 'SERVICE')[];
  readonly ties?: readonly { enterpriseId: string; kind: 'CONSULTS' | 'CERTIFIES' | 'RELATED' }[];
}

export interface CertificationBodySeed {
  readonly id: string;
  readonly name: string;
}

export interface DirectorySeed {
  readonly enterprises: readonly EnterpriseSeed[];
  readonly experts: readonly ExpertSeed[];
  readonly certificationBodies: readonly CertificationBodySeed[];
}

/** Writes the directory; rows already there are left as they are. */
export async function seedDirectory(db: Pool, seed: DirectorySeed): Promise<void> {
  for (const e of seed.enterprises) {
    await db.query('INSERT INTO enterprises (id, name, city_code, county_code) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [e.id, e.name, e.cityCode, e.countyCode]);
  }
  for (const x of seed.experts) {
    await db.query('INSERT INTO experts (id, name, city_code, employer_id, categories) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING', [
      x.id,
      x.name,
      x.cityCode,
      x.employerId,
      x.categories,
    ]);
    for (const tie of x.ties ?? []) {
      await db.query('INSERT INTO expert_ties (expert_id, enterprise_id, kind) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [x.id, tie.enterpriseId, tie.kind]);
    }
  }
  for (const b of seed.certificationBodies) {
    await db.query('INSERT INTO certification_bodies (id, name) VALUES ($1, $2) ON CONFLICT DO NOTHING', [b.id, b.name]);
  }
}
