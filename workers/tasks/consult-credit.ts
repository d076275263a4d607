import { Type } from '@sinclair/typebox';
import { taskTypes } from '../../bpmn/contract.ts';
import { withTransaction } from '../../platform/db/pool.ts';
import { appendAudit, SYSTEM_ACTOR } from '../../platform/db/cycle/audit-log.ts';
import { getDeclaration, setStage } from '../../platform/db/cycle/declarations.ts';
import { complete, retry } from '../../platform/engine/outcome.ts';
import { defineWorker } from '../../platform/engine/worker.ts';
import type { CyclePorts } from '../cycle/ports.ts';

/** Findings older than this do not count (the "last 3 years" of the general conditions). */
const LOOK_BACK_YEARS = 3;

/**
 * Credit consultation (信用查询): what the registry says of the enterprise. A hit or a finding
 * that needs explaining is never an automatic knock-out: it goes to the provincial office to
 * decide.
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
      const result = findings.some((f) => f.result === 'HIT') ? 'HIT' : findings.some((f) => f.result === 'NEEDS_EXPLANATION') ? 'NEEDS_EXPLANATION' : 'CLEAN';
      await withTransaction(ports.db, async (db) => {
        await db.query(
          `INSERT INTO credit_checks (declaration_number, result, findings, checked_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (declaration_number) DO UPDATE SET result = EXCLUDED.result, findings = EXCLUDED.findings, checked_at = EXCLUDED.checked_at`,
          [declaration.number, result, JSON.stringify(findings), at],
        );
        if (result === 'CLEAN') await setStage(db, declaration.number, 'AWAITING_PUBLICITY');
        await appendAudit(db, { actor: SYSTEM_ACTOR, role: 'provincial_office', action: 'credit.consulted', subjectType: 'declaration', subjectId: declaration.number, detail: { result, findings: findings.length }, at });
      });
      return complete({ creditResult: result });
    },
  });
}
