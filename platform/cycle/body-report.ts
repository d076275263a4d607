import type { Pool } from 'pg';
import { cncaTimelinessSql } from './cnca-timeliness.ts';
import { toCsv } from './lists-csv.ts';

/** One certification body's quality and quantity in a campaign year (the secretariat's periodic report). */
export interface BodyReportRow {
  readonly bodyId: string;
  readonly bodyName: string;
  readonly status: string;
  /** Certifications of the year's declarations the body holds now (after any handover). */
  readonly cases: number;
  readonly certified: number;
  readonly notCertified: number;
  readonly inProgress: number;
  /** Cases taken from this body when it was suspended. */
  readonly handedOver: number;
  /** CNCA reports: made by the deadline, made after it, due and still missing, not due yet. */
  readonly cncaOnTime: number;
  readonly cncaLate: number;
  readonly cncaOverdue: number;
  readonly cncaNotYetDue: number;
  /** Objections upheld against declarations the body certifies. */
  readonly objectionsUpheld: number;
}

/** The report: each body of the directory, in id order, with the totals. */
export interface BodyReport {
  readonly year: number;
  readonly asOf: Date;
  readonly bodies: BodyReportRow[];
  readonly totals: Omit<BodyReportRow, 'bodyId' | 'bodyName' | 'status'>;
}

const counted = ['cases', 'certified', 'notCertified', 'inProgress', 'handedOver', 'cncaOnTime', 'cncaLate', 'cncaOverdue', 'cncaNotYetDue', 'objectionsUpheld'] as const;

/**
 * Counts, per body, what the secretariat reports to the provincial office: cases, results, the
 * timeliness of the CNCA reports (from the certifications' due and report times) and objections
 * upheld. `asOf` decides which missing reports are overdue.
 */
export async function certificationBodyReport(db: Pool, year: number, asOf: Date): Promise<BodyReport> {
  const { rows } = await db.query<BodyReportRow>(
    `WITH c AS (
       SELECT c.*, ${cncaTimelinessSql('c', '$2')} AS cnca FROM certifications c JOIN declarations d ON d.number = c.declaration_number WHERE d.campaign_year = $1
     )
     SELECT b.id AS "bodyId", b.name AS "bodyName", b.status,
            (SELECT count(*) FROM c WHERE c.body_id = b.id)::int AS cases,
            (SELECT count(*) FROM c WHERE c.body_id = b.id AND c.status = 'CERTIFIED')::int AS certified,
            (SELECT count(*) FROM c WHERE c.body_id = b.id AND c.status = 'NOT_CERTIFIED')::int AS "notCertified",
            (SELECT count(*) FROM c WHERE c.body_id = b.id AND c.status = 'IN_PROGRESS')::int AS "inProgress",
            (SELECT count(*) FROM certification_handovers h JOIN declarations d ON d.number = h.declaration_number
              WHERE h.from_body_id = b.id AND d.campaign_year = $1)::int AS "handedOver",
            (SELECT count(*) FROM c WHERE c.body_id = b.id AND c.cnca = 'ON_TIME')::int AS "cncaOnTime",
            (SELECT count(*) FROM c WHERE c.body_id = b.id AND c.cnca = 'LATE')::int AS "cncaLate",
            (SELECT count(*) FROM c WHERE c.body_id = b.id AND c.cnca = 'OVERDUE')::int AS "cncaOverdue",
            (SELECT count(*) FROM c WHERE c.body_id = b.id AND c.cnca = 'NOT_YET_DUE')::int AS "cncaNotYetDue",
            (SELECT count(*) FROM objections o JOIN c ON c.declaration_number = o.declaration_number
              WHERE c.body_id = b.id AND o.decision = 'UPHELD')::int AS "objectionsUpheld"
       FROM certification_bodies b
      ORDER BY b.id`,
    [year, asOf],
  );
  const totals = Object.fromEntries(counted.map((k) => [k, rows.reduce((sum, r) => sum + r[k], 0)])) as BodyReport['totals'];
  return { year, asOf, bodies: rows, totals };
}

/** The report as CSV, a row per body and the totals last. */
export function bodyReportCsv(report: BodyReport): string {
  const header = [
    '认证机构 / body', '名称 / name', '状态 / status', '案件 / cases', '认证通过 / certified', '未通过 / not certified', '进行中 / in progress',
    '移交他机构 / handed over', '按时报送认监委 / CNCA on time', '逾期报送 / CNCA late', '逾期未报 / CNCA overdue', '未到期 / CNCA not yet due',
    '异议成立 / objections upheld',
  ];
  const values = (r: BodyReport['totals']) => counted.map((k) => r[k]);
  return toCsv(header, [
    ...report.bodies.map((r) => [r.bodyId, r.bodyName, r.status, ...values(r)]),
    ['合计 / total', '', '', ...values(report.totals)],
  ]);
}
