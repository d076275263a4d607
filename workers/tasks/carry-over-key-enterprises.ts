import { Type } from '@sinclair/typebox';
import { taskTypes } from '../../bpmn/contract.ts';
import { SYSTEM_ACTOR } from '../../platform/db/cycle/audit-log.ts';
import { submitDeclaration } from '../../platform/cycle/submit-declaration.ts';
import { complete } from '../../platform/engine/outcome.ts';
import { defineWorker } from '../../platform/engine/worker.ts';
import type { CyclePorts } from '../cycle/ports.ts';

/**
 * Last year's facts for this year's declaration, marked as carried over. The CARRY_OVER preference
 * (D6 row 5) asks for the prior-year record as evidence; that record is the campaign's own (last
 * year's key-cultivation list), so it is attached here rather than asked of the enterprise.
 */
function carriedFacts(facts: Record<string, unknown>, campaignYear: number): Record<string, unknown> {
  const { declarationId: _previousNumber, ...rest } = facts;
  const evidence = Array.isArray(rest.evidence) ? (rest.evidence as unknown[]) : [];
  return {
    ...rest,
    campaignYear,
    carryOver: { onPreviousKeyCultivationList: true, certified: false },
    evidence: evidence.includes('PRIOR_YEAR_RECORD') ? evidence : [...evidence, 'PRIOR_YEAR_RECORD'],
  };
}

/**
 * Last year's key-cultivation enterprises that were not announced declare again:
 * each such declaration is carried into this campaign with its facts and goes to the review pool
 * without a county or city check. Last year's year-bound figures (sales, profit and tax, audited
 * reports) do not fit this year's rule set, so the case first asks the enterprise to correct them.
 * Submitting is idempotent per enterprise and product, so a repeated job adds nothing.
 */
export function carryOverKeyEnterprisesWorker(ports: CyclePorts) {
  return defineWorker({
    taskType: taskTypes.carryOverKeyEnterprises,
    description: '结转上年未获认证的重点培育企业 / carry over last year\'s key enterprises not certified',
    input: Type.Object({ campaignYear: Type.Integer() }),
    async handler(job) {
      const { campaignYear } = job.variables;
      const { rows } = await ports.db.query<{ enterprise_id: string; product_name: string; category: 'AGRICULTURE' | 'MANUFACTURING' | 'SERVICE'; facts: Record<string, unknown> }>(
        `SELECT d.enterprise_id, d.product_name, d.category, d.facts FROM key_cultivation k JOIN declarations d ON d.number = k.declaration_number
          WHERE k.campaign_year = $1 AND k.selected AND d.outcome IS DISTINCT FROM 'ANNOUNCED' ORDER BY d.number`,
        [campaignYear - 1],
      );
      for (const row of rows) {
        await submitDeclaration(ports, {
          campaignYear,
          enterpriseId: row.enterprise_id,
          productName: row.product_name,
          category: row.category,
          channel: 'CARRY_OVER',
          // Last year's facts, marked as carried over (a D6 preference); figures that this year's
          // rule set judges differently (the sales year) are corrected by the enterprise.
          facts: carriedFacts(row.facts, campaignYear),
          submittedBy: SYSTEM_ACTOR,
        });
      }
      return complete({ carriedOver: rows.length });
    },
  });
}
