import type { RuleOutcome } from './verdict.ts';

/**
 * What an incomplete declaration is asked to correct, read from the eligibility record kept on
 * the declaration: either a verdict (its MISSING_EVIDENCE reasons name facts and materials) or
 * the input problems that stopped the check (each names a field). The enterprise may change the
 * top-level facts these name, and the evidence list when materials are missing, nothing else.
 */
export interface CorrectionReason {
  /** The rule (D1–D8) or, for an input problem, the rules that read the field. */
  readonly rules: string[];
  readonly zh: string;
  readonly en: string;
  /** Top-level fact names this reason lets the enterprise change (e.g. `financialReports`). */
  readonly facts: string[];
  /** Evidence kinds (attachments) this reason asks for. */
  readonly evidence: string[];
}

export interface CorrectionRequest {
  readonly reasons: CorrectionReason[];
  /** Every top-level fact the enterprise may change, sorted; `evidence` when materials are missing. */
  readonly editableFacts: string[];
  readonly missingEvidence: string[];
}

/** The top-level name of a JSON Pointer into the facts: `/sales/year` → `sales`; the root names none. */
export function topLevelFact(pointer: string): string | undefined {
  const first = pointer.split('/').filter((part) => part !== '')[0];
  return first === undefined ? undefined : first.replace(/~1/g, '/').replace(/~0/g, '~');
}

interface StoredReason {
  rule?: string;
  outcome?: RuleOutcome;
  zh?: string;
  en?: string;
  missingFacts?: string[];
  missingEvidence?: string[];
}
interface StoredProblem {
  path?: string;
  rules?: string[];
  zh?: string;
  en?: string;
}

/** The correction asked of a declaration whose eligibility record is `record` (declarations.eligibility). */
export function correctionRequest(record: unknown): CorrectionRequest {
  const stored = (record ?? {}) as { outcome?: string; reasons?: StoredReason[]; problems?: StoredProblem[] };
  const reasons: CorrectionReason[] = [];
  for (const problem of stored.problems ?? []) {
    const path = problem.path ?? '/';
    const fact = topLevelFact(path);
    reasons.push({
      rules: problem.rules ?? [],
      zh: `${path}：${problem.zh ?? ''}`,
      en: `${path}: ${problem.en ?? ''}`,
      facts: fact ? [fact] : [],
      evidence: [],
    });
  }
  for (const reason of stored.reasons ?? []) {
    if (reason.outcome !== 'MISSING_EVIDENCE') continue;
    const evidence = reason.missingEvidence ?? [];
    const facts = (reason.missingFacts ?? []).map(topLevelFact).filter((f): f is string => f !== undefined);
    reasons.push({ rules: reason.rule ? [reason.rule] : [], zh: reason.zh ?? '', en: reason.en ?? '', facts: evidence.length ? [...facts, 'evidence'] : facts, evidence });
  }
  const editableFacts = [...new Set(reasons.flatMap((r) => r.facts))].sort();
  const missingEvidence = [...new Set(reasons.flatMap((r) => r.evidence))];
  return { reasons, editableFacts, missingEvidence };
}
