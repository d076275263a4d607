import type { Pool } from 'pg';

/** A declaration's credit consultation as the office decides on it: the adapter, each source's date and result, and any decision. */
export interface CreditConsultation {
  readonly result: string;
  readonly adapter: string;
  readonly checkedAt: string;
  readonly sources: { source: string; result: string; detail: string; recordedAt: string }[];
  readonly decision: string | null;
}

export async function findCreditConsultation(db: Pool, declarationNumber: string): Promise<CreditConsultation | undefined> {
  const { rows } = await db.query<{ result: string; adapter: string; checked_at: Date; findings: { source: string; result: string; detail: string; recordedAt: string }[]; decision: string | null }>(
    'SELECT result, adapter, checked_at, findings, decision FROM credit_checks WHERE declaration_number = $1',
    [declarationNumber],
  );
  const r = rows[0];
  if (!r) return undefined;
  return {
    result: r.result,
    adapter: r.adapter,
    checkedAt: r.checked_at.toISOString(),
    sources: r.findings.map((f) => ({ source: f.source, result: f.result, detail: f.detail, recordedAt: String(f.recordedAt) })),
    decision: r.decision,
  };
}
