import type { Pool } from 'pg';
import { processIds } from '../../bpmn/contract.ts';
import { ruleSetFor } from '../../domain/campaign/rule-set-for.ts';
import type { EnginePort } from '../engine/port.ts';

export class CampaignExists extends Error {
  override readonly name = 'CampaignExists';
}

/**
 * Starts the year's annual-campaign process from its rule set (the open-campaign task then
 * writes the campaigns row and the timetable). Asking again for a year whose process runs or
 * whose campaign exists is refused.
 * @throws {UnknownCampaignYear} for a year without a rule set; {@link CampaignExists}.
 */
export async function openCampaign(
  deps: { db: Pool; engine: Pick<EnginePort, 'startInstance' | 'searchInstances'> },
  request: { year: number; noticeNumber?: string },
): Promise<{ year: number; processInstanceKey: string; ruleSetVersion: string }> {
  const ruleSet = ruleSetFor(request.year);
  const existing = await deps.db.query('SELECT 1 FROM campaigns WHERE year = $1', [request.year]);
  const running = await deps.engine.searchInstances({ processDefinitionId: processIds.campaign, businessKey: String(request.year) });
  if (existing.rowCount || running.length) throw new CampaignExists(`${request.year} 年度已开启 / the ${request.year} campaign exists already`);
  const instance = await deps.engine.startInstance({
    processDefinitionId: processIds.campaign,
    businessKey: String(request.year),
    variables: { campaignYear: request.year, ...(request.noticeNumber ? { noticeNumber: request.noticeNumber } : {}) },
  });
  return { year: request.year, processInstanceKey: instance.processInstanceKey, ruleSetVersion: String(ruleSet.version) };
}
