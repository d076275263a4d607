import type { Pool } from 'pg';
import type { Principal } from '../auth/roles.ts';
import { listAttachments } from './attachments.ts';
import { auditTrail, declarationDecisions } from './declaration-views.ts';
import { listObjections, mayKnowObjector, type ObjectionView } from './objections.ts';

interface Text {
  readonly zh: string;
  readonly en: string;
}

/** The eligibility check's result as a reviewer reads it: each rule's reason, Chinese first. */
export interface EligibilityView {
  readonly outcome: string;
  readonly summary: Text | null;
  readonly ruleSetVersion: number | null;
  readonly reasons: { rule: string; row: number | null; outcome: string; zh: string; en: string; missingEvidence?: string[]; missingYears?: number[] }[];
  /** Input problems that kept the rules from being judged (an incomplete declaration). */
  readonly problems: { path: string; rules: string[]; zh: string; en: string }[];
  readonly flags: { flag: string; zh: string; en: string }[];
}

/**
 * What everyone who reviews a declaration sees (every review task and the case view): its facts,
 * the eligibility verdict with each rule's reason, its attachments, the opinions given so far
 * (recommendations and the audit trail) and the objections to it, the objector named only to the
 * roles that decide objections.
 */
export interface CaseFile {
  readonly facts: unknown;
  readonly eligibility: EligibilityView | null;
  readonly attachments: { id: number; kind: string; reportYear: number | null; fileName: string; contentType: string; size: number; uploadedBy: string; uploadedAt: Date }[];
  readonly recommendations: { level: string; recommended: boolean; reason: string; decidedBy: string; decidedAt: Date }[];
  readonly auditTrail: { at: Date; actor: string; role: string; action: string; reason: string | null }[];
  readonly objections: ObjectionView[];
}

/** The eligibility record kept on the declaration (a verdict, or the input problems), for reading. */
export function eligibilityView(record: unknown): EligibilityView | null {
  if (!record || typeof record !== 'object') return null;
  const r = record as {
    outcome?: string;
    summary?: Text;
    ruleSetVersion?: number;
    reasons?: { rule: string; row?: number | null; outcome: string; zh: string; en: string; missingEvidence?: string[]; missingYears?: number[] }[];
    problems?: { path: string; rules?: string[]; zh: string; en: string }[];
    flags?: { flag: string; zh: string; en: string }[];
  };
  return {
    outcome: r.outcome ?? 'UNKNOWN',
    summary: r.summary ?? null,
    ruleSetVersion: r.ruleSetVersion ?? null,
    reasons: (r.reasons ?? []).map(({ rule, row, outcome, zh, en, missingEvidence, missingYears }) => ({
      rule,
      row: row ?? null,
      outcome,
      zh,
      en,
      ...(missingEvidence ? { missingEvidence } : {}),
      ...(missingYears ? { missingYears } : {}),
    })),
    problems: (r.problems ?? []).map(({ path, rules, zh, en }) => ({ path, rules: rules ?? [], zh, en })),
    flags: (r.flags ?? []).map(({ flag, zh, en }) => ({ flag, zh, en })),
  };
}

/** The case file of a declaration the caller may see (the caller has checked the scope). */
export async function caseFile(db: Pool, principal: Principal, number: string): Promise<CaseFile> {
  const [{ rows }, attachments, decisions, trail, objections] = await Promise.all([
    db.query<{ facts: unknown; eligibility: unknown }>('SELECT facts, eligibility FROM declarations WHERE number = $1', [number]),
    listAttachments(db, number),
    declarationDecisions(db, number),
    auditTrail(db, number),
    listObjections(db, number, { withObjector: mayKnowObjector(principal) }),
  ]);
  return {
    facts: rows[0]?.facts ?? null,
    eligibility: eligibilityView(rows[0]?.eligibility),
    attachments: attachments.map(({ id, kind, reportYear, fileName, contentType, size, uploadedBy, uploadedAt }) => ({ id, kind, reportYear, fileName, contentType, size, uploadedBy, uploadedAt })),
    recommendations: decisions.recommendations,
    auditTrail: trail,
    objections,
  };
}
