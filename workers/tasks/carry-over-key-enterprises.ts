import { Type } from '@sinclair/typebox';
import { taskTypes } from '../../bpmn/contract.ts';
import { offerCarryOver } from '../../platform/cycle/carry-over.ts';
import { complete } from '../../platform/engine/outcome.ts';
import { defineWorker } from '../../platform/engine/worker.ts';
import type { CyclePorts } from '../cycle/ports.ts';

/**
 * Last year's key-cultivation enterprises that were not announced are offered a carry-over draft
 * with last year's materials (platform/cycle/carry-over.ts). Each enterprise states its intention:
 * it updates and submits the draft, and its county and city review it like any declaration, or it
 * declines. Nothing is submitted for it. Offering is idempotent, so a repeated job adds nothing.
 */
export function carryOverKeyEnterprisesWorker(ports: CyclePorts) {
  return defineWorker({
    taskType: taskTypes.carryOverKeyEnterprises,
    description: '向上年未获认证的重点培育企业提供结转申报草稿 / offer last year\'s key enterprises not certified a carry-over draft',
    input: Type.Object({ campaignYear: Type.Integer() }),
    async handler(job) {
      const offered = await offerCarryOver(ports.db, ports.clock, job.variables.campaignYear);
      return complete({ carryOverOffered: offered });
    },
  });
}
