import type { Pool, PoolClient } from 'pg';
import { evidenceKinds, type EvidenceKind, type YearlyEvidenceKind } from '../../domain/eligibility/input-schema.ts';
import { attachmentTypes } from './attachment-store.ts';

/**
 * Kinds only the system attests, never a file: PRIOR_YEAR_RECORD is last year's key-cultivation
 * list, which the campaign keeps itself. A file uploaded under such a kind proves nothing.
 */
export const systemAttestedKinds: readonly EvidenceKind[] = ['PRIOR_YEAR_RECORD'];

/** The evidence the eligibility check judges, and where each kind came from. */
export interface EvidenceOnFile {
  /** Every kind judged present, in the schema's order. */
  readonly kinds: EvidenceKind[];
  /** Kinds with at least one file of an accepted type attached to the declaration. */
  readonly fromFiles: EvidenceKind[];
  /** Kinds the system attests from its own records. */
  readonly attested: EvidenceKind[];
  /** The years with an audited financial report on file, and with plain financial statements, ascending. */
  readonly reportYears: { readonly audited: number[]; readonly statements: number[] };
}

/**
 * What the declaration's materials actually are: a kind counts when at least one file of an
 * accepted type (a financial report counts for the year it names) (PDF, JPEG, PNG by its leading bytes; a refused file is never recorded) is
 * attached to the declaration, whether uploaded with the draft, after submission or during a
 * correction; PRIOR_YEAR_RECORD counts when the enterprise has a declaration on last year's
 * key-cultivation list that was not announced. What the enterprise lists in `facts.evidence` is a
 * claim and counts for nothing.
 */
export async function evidenceOnFile(
  db: Pool | PoolClient,
  declaration: { readonly number: string; readonly campaignYear: number; readonly enterpriseId: string },
): Promise<EvidenceOnFile> {
  const { rows: files } = await db.query<{ kind: string; year: number | null }>(
    'SELECT DISTINCT kind, report_year::int AS year FROM attachments WHERE declaration_number = $1 AND content_type = ANY($2::text[])',
    [declaration.number, [...attachmentTypes]],
  );
  const yearsOf = (kind: YearlyEvidenceKind) =>
    [...new Set(files.filter((file) => file.kind === kind && file.year !== null).map((file) => file.year!))].sort((a, b) => a - b);
  const filed = new Set(files.map((file) => file.kind));
  const fromFiles = evidenceKinds.filter((kind) => filed.has(kind) && !systemAttestedKinds.includes(kind));
  const { rows: previous } = await db.query<{ listed: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM key_cultivation k JOIN declarations p ON p.number = k.declaration_number
                     WHERE k.campaign_year = $1 AND k.selected AND p.enterprise_id = $2 AND p.outcome IS DISTINCT FROM 'ANNOUNCED') AS listed`,
    [declaration.campaignYear - 1, declaration.enterpriseId],
  );
  const attested: EvidenceKind[] = previous[0]?.listed ? ['PRIOR_YEAR_RECORD'] : [];
  const present = new Set<EvidenceKind>([...fromFiles, ...attested]);
  return {
    kinds: evidenceKinds.filter((kind) => present.has(kind)),
    fromFiles,
    attested,
    reportYears: { audited: yearsOf('AUDITED_FINANCIAL_REPORT'), statements: yearsOf('FINANCIAL_STATEMENTS') },
  };
}

/**
 * The facts as the rules judge them: `evidence` replaced by the evidence on file, and
 * `financialReports` by the years of the reports on file (D7 row 5 counts one file per year).
 * Facts that are not an object are left as they are, for the input schema to refuse.
 */
export function withEvidenceOnFile(facts: unknown, evidence: EvidenceOnFile): unknown {
  if (typeof facts !== 'object' || facts === null || Array.isArray(facts)) return facts;
  const { audited, statements } = evidence.reportYears;
  return { ...(facts as Record<string, unknown>), evidence: evidence.kinds, financialReports: { auditedYears: audited, statementYears: statements } };
}
