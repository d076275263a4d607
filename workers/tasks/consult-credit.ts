import { Type } from '@sinclair/typebox';
import { taskTypes } from '../../bpmn/contract.ts';
import { withTransaction } from '../../platform/db/pool.ts';
import { appendAudit, SYSTEM_ACTOR } from '../../platform/db/cycle/audit-log.ts';
import { getDeclaration, setStage } from '../../platform/db/cycle/declarations.ts';
import { complete, retry } from '../../platform/engine/outcome.ts';
import { defineWorker } from '../../platform/engine/worker.ts';
import type { CyclePorts } from '../cycle/ports.ts';
import { creditResult } from '../../domain/credit/credit-result.ts';

/** Findings older than this do not count (the "last 3 years" of the general conditions). */
const LOOK_BACK_YEARS = 3;

/**
 * Credit consultation (信用查询): what the registry says of the enterprise, recorded with the
 * adapter that answered and each source's date and result. Only CLEAN goes on by itself; a hit, a
 * finding that needs explaining, or no record at all (NOT_CONSULTED: nobody looked, which is not
 * a clean record) goes to the provincial office to decide, never an automatic knock-out.
 */
export function consultCreditWorker(ports: CyclePorts) {
  return defineWorker({
    taskType: taskTypes.consultCredit,
    description: '信用查询 / consult the credit registry',
    input: Type.Object({ declarationNumber: Type.String({ minLength: 1 }) }),
    async handler(job) {
      const at = ports.clock.now();
      const declaration = await getDeclaration(ports.db, job.variables.declarationNumber);
      const since = new Date(at);
      since.setUTCFullYear(since.getUTCFullYear() - LOOK_BACK_YEARS);
      let findings;
      try {
        findings = await ports.credit.findings(declaration.enterpriseId, since);
      } catch (error) {
        return retry(60_000, `信用查询失败 / the credit registry did not answer: ${(error as Error).message}`);
      }
      const result = creditResult(findings);
      const adapter = ports.credit.name;
      await withTransaction(ports.db, async (db) => {
        await db.query(
          `INSERT INTO credit_checks (declaration_number, result, findings, checked_at, adapter) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (declaration_number) DO UPDATE SET result = EXCLUDED.result, findings = EXCLUDED.findings, checked_at = EXCLUDED.checked_at, adapter = EXCLUDED.adapter`,
          [declaration.number, result, JSON.stringify(findings), at, adapter],
        );
        if (result === 'CLEAN') await setStage(db, declaration.number, 'AWAITING_PUBLICITY');
        await appendAudit(db, { actor: SYSTEM_ACTOR, role: 'provincial_office', action: 'credit.consulted', subjectType: 'declaration', subjectId: declaration.number, detail: { result, adapter, sources: findings.map((f) => ({ source: f.source, result: f.result, recordedAt: f.recordedAt.toISOString() })) }, at });
      });
      return complete({ creditResult: result });
    },
  });
}
