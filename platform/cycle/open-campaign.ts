import { processIds } from '../../bpmn/contract.ts';
import { ruleSetFor } from '../../domain/campaign/rule-set-for.ts';
import { withTransaction } from '../db/pool.ts';
import { recordCaseStart, startCase, type CaseStartDependencies } from './case-starts.ts';

export class CampaignExists extends Error {
  override readonly name = 'CampaignExists';
}

/**
 * Starts the year's annual-campaign process from its rule set (the open-campaign task then
 * writes the campaigns row and the timetable). The year is the case's business key and opens
 * one case for good: asking again with the same request (a retry, or many at once) answers that
 * case; asking with another notice number, or for a year opened before case starts were
 * recorded, is refused.
 * @throws {UnknownCampaignYear} for a year without a rule set; {@link CampaignExists}.
 */
export async function openCampaign(
  deps: CaseStartDependencies,
  request: { year: number; noticeNumber?: string },
): Promise<{ year: number; processInstanceKey: string; ruleSetVersion: string }> {
  const ruleSet = ruleSetFor(request.year);
  const businessKey = String(request.year);
  const refused = () => new CampaignExists(`${request.year} 年度已开启，不能以不同的请求再次开启 / the ${request.year} campaign exists already; it cannot be opened again with a different request`);
  await withTransaction(deps.db, async (db) => {
    const variables = { campaignYear: request.year, ...(request.noticeNumber ? { noticeNumber: request.noticeNumber } : {}) };
    const recorded = await recordCaseStart(db, { processDefinitionId: processIds.campaign, businessKey, variables }, deps.clock.now());
    if (!recorded.sameRequest) throw refused();
    // A campaign opened before its start was recorded here: refused, and this record rolls back.
    if (recorded.created && (await db.query('SELECT 1 FROM campaigns WHERE year = $1', [request.year])).rowCount) throw refused();
  });
  const processInstanceKey = await startCase(deps, processIds.campaign, businessKey);
  return { year: request.year, processInstanceKey, ruleSetVersion: String(ruleSet.version) };
}
