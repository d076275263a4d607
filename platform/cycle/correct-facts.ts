import type { Pool } from 'pg';
import { schemaProblems } from '../../domain/calendar/schema-problems.ts';
import { correctionRequest } from '../../domain/eligibility/correction-request.ts';
import { EligibilityInputSchema } from '../../domain/eligibility/input-schema.ts';
import type { Principal } from '../auth/roles.ts';
import { appendAudit } from '../db/cycle/audit-log.ts';
import { withTransaction } from '../db/pool.ts';
import type { Clock } from '../engine/clock.ts';
import { Params, visibleDeclarations } from './declaration-scope.ts';

/** A field of the correction that cannot be taken, by its JSON Pointer in the request (`/facts/...`). */
export interface CorrectionProblem {
  readonly field: string;
  readonly rule: string;
  readonly message: string;
}

export class CorrectionRefused extends Error {
  override readonly name = 'CorrectionRefused';
  constructor(
    message: string,
    readonly reason: 'NOT_IN_CORRECTION' | 'INVALID',
    readonly problems: readonly CorrectionProblem[] = [],
  ) {
    super(message);
  }
}

/**
 * The enterprise corrects an incomplete declaration: the top-level facts named by the reasons of
 * its eligibility record are replaced, in one transaction with the audit entry. Any other fact is
 * refused, as is a replaced fact that breaks the input schema; nothing is written then. Undefined
 * when the caller cannot see the declaration. The correction task's completion re-checks the facts.
 */
export async function correctFacts(
  deps: { db: Pool; clock: Clock },
  principal: Principal,
  number: string,
  change: Readonly<Record<string, unknown>>,
): Promise<{ facts: unknown } | undefined> {
  return withTransaction(deps.db, async (db) => {
    const p = new Params();
    const condition = visibleDeclarations(principal, p.bind);
    const { rows } = await db.query<{ facts: Record<string, unknown>; eligibility: unknown; stage: string; outcome: string | null }>(
      `SELECT d.facts, d.eligibility, d.stage, d.outcome FROM declarations d JOIN enterprises e ON e.id = d.enterprise_id
        WHERE d.number = ${p.bind(number)} AND ${condition} FOR UPDATE OF d`,
      p.values,
    );
    const found = rows[0];
    if (!found) return undefined;
    if (found.stage !== 'CORRECTION' || found.outcome !== null) {
      throw new CorrectionRefused(`申报 ${number} 不在补正阶段，不能修改 / declaration ${number} is not waiting for a correction (stage ${found.stage})`, 'NOT_IN_CORRECTION');
    }
    const request = correctionRequest(found.eligibility);
    const names = Object.keys(change);
    const problems: CorrectionProblem[] = names
      .filter((name) => !request.editableFacts.includes(name))
      .map((name) => ({
        field: `/facts/${name}`,
        rule: 'correction',
        message: `补正原因未涉及此项，不能修改（可修改：${request.editableFacts.join('、') || '无'}）/ not named by the correction reasons (may change: ${request.editableFacts.join(', ') || 'none'})`,
      }));
    const facts = { ...found.facts, ...change };
    if (!problems.length) {
      for (const problem of schemaProblems(EligibilityInputSchema, facts)) {
        if (names.some((name) => problem.path === `/${name}` || problem.path.startsWith(`/${name}/`))) {
          problems.push({ field: `/facts${problem.path}`, rule: 'schema', message: `${problem.zh} / ${problem.en}` });
        }
      }
    }
    if (problems.length) throw new CorrectionRefused(`补正内容有误 / the correction cannot be taken`, 'INVALID', problems);
    const at = deps.clock.now();
    await db.query('UPDATE declarations SET facts = $2 WHERE number = $1', [number, JSON.stringify(facts)]);
    await appendAudit(db, {
      actor: principal.username,
      role: 'enterprise',
      action: 'declaration.corrected',
      subjectType: 'declaration',
      subjectId: number,
      detail: { facts: names, before: Object.fromEntries(names.map((name) => [name, found.facts[name] ?? null])) },
      at,
    });
    return { facts };
  });
}
