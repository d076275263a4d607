import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { taskTypes } from '../../bpmn/contract.ts';
import { DeclaredComparisonTableSchema, comparisonTableOf } from '../../domain/standards/declared-table.ts';
import { evaluateStandardAdvancement } from '../../domain/standards/evaluate-advancement.ts';
import { withTransaction } from '../../platform/db/pool.ts';
import { appendAudit, SYSTEM_ACTOR } from '../../platform/db/cycle/audit-log.ts';
import { getDeclaration } from '../../platform/db/cycle/declarations.ts';
import { comparisonSet, findProposal, insertProposal, type StandardProposal } from '../../platform/db/cycle/standard-proposals.ts';
import { complete, incident } from '../../platform/engine/outcome.ts';
import { defineWorker } from '../../platform/engine/worker.ts';
import type { CyclePorts } from '../cycle/ports.ts';

const NO_TABLE = {
  zh: '企业未随申报提交主要性能指标对比表（附件2），无自动比对建议',
  en: 'the enterprise filed no key performance comparison table (Attachment 2) with its declaration: no automatic proposal',
};

/**
 * Compares the enterprise's filed table (facts.standardComparison) with its references before
 * the institute's task opens, and keeps the result as a proposal the institute sees beside its
 * own three judgements. The proposal decides nothing.
 */
export function proposeStandardAdvancementWorker(ports: Pick<CyclePorts, 'db' | 'clock'>) {
  return defineWorker({
    taskType: taskTypes.proposeStandardAdvancement,
    description: '标准先进性自动比对建议 / propose the standard\'s advancement from the filed table',
    input: Type.Object({ declarationNumber: Type.String({ minLength: 1 }) }),
    async handler(job) {
      const { declarationNumber } = job.variables;
      const stored = await findProposal(ports.db, declarationNumber);
      if (stored) return complete(variablesOf(stored));
      const declaration = await getDeclaration(ports.db, declarationNumber);
      const filed = (declaration.facts as { standardComparison?: unknown } | null)?.standardComparison;
      const at = ports.clock.now();
      let proposal: StandardProposal;
      if (filed === undefined) {
        proposal = { declarationNumber, enterpriseStandardCode: null, verdict: null, indicators: [], flags: [], summary: NO_TABLE, proposedAt: at };
      } else {
        if (!Value.Check(DeclaredComparisonTableSchema, filed)) {
          return incident(`对比表不符合附件2格式 / the filed comparison table of ${declarationNumber} does not fit Attachment 2's schema`);
        }
        const table = comparisonTableOf(declarationNumber, declaration.enterpriseId, filed);
        let evaluation;
        try {
          evaluation = evaluateStandardAdvancement(table, await comparisonSet(ports.db, declaration.campaignYear, declarationNumber));
        } catch (error) {
          return incident(`对比表无效 / the comparison table of ${declarationNumber} is invalid: ${(error as Error).message}`);
        }
        proposal = {
          declarationNumber,
          enterpriseStandardCode: filed.enterpriseStandardCode,
          verdict: evaluation.verdict,
          indicators: table.indicators.map((row, i) => ({ ...row, result: evaluation.indicators[i] })),
          flags: [...new Set(evaluation.indicators.flatMap((i) => [...(i.first ? ['FIRST'] : []), ...(i.only ? ['ONLY'] : [])]))],
          summary: { zh: evaluation.zh, en: evaluation.en },
          proposedAt: at,
        };
      }
      await withTransaction(ports.db, async (db) => {
        if (!(await insertProposal(db, proposal))) return;
        await appendAudit(db, {
          actor: SYSTEM_ACTOR,
          role: 'system',
          action: 'standard.proposed',
          subjectType: 'declaration',
          subjectId: declarationNumber,
          reason: proposal.summary.zh,
          detail: { verdict: proposal.verdict, flags: proposal.flags, enterpriseStandardCode: proposal.enterpriseStandardCode },
          at,
        });
      });
      return complete(variablesOf((await findProposal(ports.db, declarationNumber)) ?? proposal));
    },
  });
}

/** What the institute's form shows: the proposed verdict and its summary, small enough for a variable. */
function variablesOf(p: StandardProposal) {
  return {
    standardProposal: p.verdict ?? 'NONE',
    standardProposalSummary: `${p.summary.zh} / ${p.summary.en}`,
    standardFlags: p.flags,
  };
}
