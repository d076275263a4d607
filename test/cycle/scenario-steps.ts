import type { Pool } from 'pg';
import type { CycleDriver } from '../../bin/demo/cycle-driver.ts';
import { eligibleFacts } from '../../bin/demo/facts.ts';
import { submitCityBatch } from '../../platform/cycle/city-batch.ts';
import type { EnterpriseSeed } from '../../bin/demo/directory.ts';
import type { CampaignTimetable } from '../../domain/campaign/timetable.ts';
import type { UserTask } from '../../platform/engine/port.ts';
import { memberUnitUserName } from '../../platform/auth/demo-users.ts';
import type { CycleHarness } from './cycle-harness.ts';
import { memberUnits } from './directory.fixture.ts';

/** Steps the cycle tests share, each what one role does. */
export async function declare(
  driver: CycleDriver,
  e: EnterpriseSeed,
  year = 2023,
  seed = 1,
  channel: 'COUNTY' | 'MEMBER_UNIT' = 'COUNTY',
  facts: Record<string, unknown> = eligibleFacts('MANUFACTURING', year, seed),
): Promise<string> {
  const { number } = await driver.submit({
    campaignYear: year,
    enterpriseId: e.id,
    productName: `产品 ${e.name}`,
    category: 'MANUFACTURING',
    channel,
    // A member unit's recommendation names the unit by its directory id, as its people's drafts do.
    ...(channel === 'MEMBER_UNIT' ? { memberUnit: memberUnits[0].id } : {}),
    facts,
    submittedBy: e.id,
  });
  return number;
}

const of = (numbers: readonly string[]) => (task: UserTask) => numbers.includes(task.businessKey ?? '');

/** The member units' opinions each city's batch carries in the scenarios. */
export const memberOpinions = [{ unit: '市工业和信息化局 / city industry bureau', opinion: '同意推荐 / agree' }];

/**
 * County and city both recommend (or the city does not, for `notRecommended`): the counties one
 * by one, each city in one batch with its member units' opinions (统一报送), as the notice has it.
 */
export async function recommend(driver: CycleDriver, numbers: readonly string[], notRecommended: readonly string[] = []): Promise<void> {
  await driver.completeAll('countyCheck', (t) => (of(numbers)(t) ? { recommended: true, reason: '材料齐全 / complete' } : null));
  const waiting = (await driver.tasks('cityReview')).filter(of(numbers));
  const { rows } = await driver.db.query<{ number: string; city: string; year: number }>(
    'SELECT d.number, e.city_code AS city, d.campaign_year AS year FROM declarations d JOIN enterprises e ON e.id = d.enterprise_id WHERE d.number = ANY($1::text[]) ORDER BY d.number',
    [waiting.map((t) => t.businessKey!)],
  );
  for (const city of [...new Set(rows.map((r) => r.city))]) {
    const mine = rows.filter((r) => r.city === city);
    const declarations = mine.map(({ number }) => ({
      declarationNumber: number,
      recommended: !notRecommended.includes(number),
      reason: notRecommended.includes(number) ? '名额有限 / quota' : '推荐 / recommended',
    }));
    await submitCityBatch(driver, { campaignYear: mine[0]!.year, cityCode: city, submittedBy: `city-office-${city}`, note: null, memberOpinions, declarations });
  }
  await driver.settle();
}

/**
 * The institute's three judgements as its form sends them: lawful and compliant unless
 * `notCompliant`, and the advancement given (by default, the automatic proposal's).
 */
export function instituteJudgement(advancement: string, options: { notCompliant?: boolean; reason?: string } = {}) {
  return {
    legitimacy: 'LEGITIMATE',
    legitimacyReason: '已在企业标准信息公共服务平台自我声明公开 / self-declared on the public platform',
    compliance: options.notCompliant ? 'NOT_COMPLIANT' : 'COMPLIANT',
    complianceReason: options.notCompliant
      ? '铅含量限值低于强制性国家标准 GB 4806.1 / the lead limit is below mandatory GB 4806.1'
      : '不低于强制性国家标准 / nothing below a mandatory national standard',
    advancement,
    advancementReason: options.reason ?? (advancement === 'NOT_ADVANCED' ? '低于国标 / below GB' : '优于国标 / stricter than GB'),
  };
}

/** What the institute's task shows of the automatic comparison. */
export async function proposalOf(driver: CycleDriver, task: UserTask): Promise<{ standardProposal: string; standardProposalSummary: string; standardFlags: string[] }> {
  return (await driver.engine.getUserTaskVariables(task.userTaskKey)) as { standardProposal: string; standardProposalSummary: string; standardFlags: string[] };
}

/**
 * City submissions close: the panels are drawn, every expert scores his panels' declarations, and
 * the provincial office puts every ranked declaration on the key-cultivation list but `leftOff`.
 */
export async function expertReview(driver: CycleDriver, timetable: CampaignTimetable, mark: (n: string) => number = () => 90, leftOff: readonly string[] = []): Promise<void> {
  await driver.advanceTo(timetable.citySubmissionDeadline);
  await driver.scoreAll((n) => mark(n));
  await decideKeyList(driver, leftOff);
}

/** The provincial office decides the key-cultivation list: every ranked declaration on it but `leftOff`. */
export async function decideKeyList(driver: CycleDriver, leftOff: readonly string[] = [], decidedBy = 'office-1'): Promise<number> {
  return driver.completeAll(
    'decideKeyList',
    async (task) => {
      const { keyList } = (await driver.engine.getUserTaskVariables(task.userTaskKey)) as { keyList: { declarationNumber: string }[] };
      return {
        keyList: keyList.map(({ declarationNumber }) => ({ declarationNumber, selected: !leftOff.includes(declarationNumber) })),
        keyListReason: leftOff.length ? '综合专家意见确定 / decided on the panels\' opinions' : '同意排名建议 / the ranked proposal is confirmed',
      };
    },
    decidedBy,
  );
}

/** The institute evaluates the standards of `numbers` (advanced unless listed in `notAdvanced`). */
/**
 * The institute judges each of `numbers`: lawful and compliant (but `notCompliant`), and as
 * advanced as the automatic comparison of the filed table proposes.
 */
export async function evaluateStandards(driver: CycleDriver, numbers: readonly string[], notCompliant: readonly string[] = []): Promise<number> {
  return driver.completeAll(
    'evaluateStandard',
    async (t) => {
      if (!of(numbers)(t)) return null;
      const { standardProposal } = await proposalOf(driver, t);
      const options = { notCompliant: notCompliant.includes(t.businessKey!) };
      // Without a filed table nothing shows the standard ahead of the art.
      if (standardProposal === 'NONE') return instituteJudgement('NOT_ADVANCED', { ...options, reason: '企业未提交主要性能指标对比表 / no comparison table filed' });
      return instituteJudgement(standardProposal, options);
    },
    'institute-1',
  );
}

/** Each enterprise of `numbers` chooses the certification body `bodyId`. */
export async function chooseBody(driver: CycleDriver, numbers: readonly string[], bodyId: string): Promise<number> {
  return driver.completeAll('chooseBody', (t) => (of(numbers)(t) ? { certificationBodyId: bodyId } : null));
}

/** The body reports each certified declaration of `numbers` to CNCA. */
export async function reportToCnca(driver: CycleDriver, numbers: readonly string[]): Promise<number> {
  return driver.completeAll('reportToCnca', (t) => (of(numbers)(t) ? { cncaReportNumber: `CNCA-${t.businessKey}` } : null), 'cb-staff');
}

/** From the review pool to the comprehensive review: standard, body, certification, CNCA report. */
export async function certifyAll(driver: CycleDriver, numbers: readonly string[], bodyId = 'CB-A'): Promise<void> {
  await evaluateStandards(driver, numbers);
  await chooseBody(driver, numbers, bodyId);
  for (const n of numbers) await driver.certificationResult(n, true);
  await reportToCnca(driver, numbers);
}

/** The campaign's own case (business key: the year). */
export async function campaignCase(c: CycleHarness, year = 2023) {
  const [found] = await c.h.engine.searchInstances({ processDefinitionId: 'annual-campaign', businessKey: String(year) });
  if (!found) throw new Error(`no campaign case for ${year}`);
  return c.h.instance(found.processInstanceKey);
}

/**
 * The member units answer the office's request for opinions: each agrees, but those in `silent`,
 * who let the deadline pass. Returns how many answered.
 */
export async function memberUnitsAnswer(driver: CycleDriver, silent: readonly string[] = []): Promise<number> {
  const unitOf = async (task: UserTask) => ((await driver.engine.getUserTaskVariables(task.userTaskKey)) as { memberUnit: { id: string } }).memberUnit.id;
  return driver.completeAll(
    'giveMemberOpinion',
    async (task) => {
      const unit = await unitOf(task);
      return silent.includes(unit) ? null : { memberAgrees: true, memberOpinion: `${unit} 同意拟认证名单建议 / agrees with the proposed list` };
    },
    // Each unit's own person answers its request.
    async (task) => memberUnitUserName(await unitOf(task)),
  );
}

/** The provincial office's comprehensive evaluation: every candidate on the proposed list but `leftOff`. */
export async function decideProposedList(driver: CycleDriver, leftOff: readonly string[] = [], decidedBy = 'office-1'): Promise<number> {
  return driver.completeAll(
    'decideProposedList',
    async (task) => {
      const { proposedList } = (await driver.engine.getUserTaskVariables(task.userTaskKey)) as { proposedList: { declarationNumber: string }[] };
      return {
        proposedList: proposedList.map(({ declarationNumber }) => ({ declarationNumber, proposed: !leftOff.includes(declarationNumber) })),
        evaluationOpinion: '经综合评审、信用会商并征求成员单位意见，候选企业符合认证条件 / after the review, the credit consultation and the member units\' opinions the candidates qualify',
        proposedListReason: leftOff.length ? '部分企业暂不列入 / some are left off for now' : '同意全部候选 / all candidates proposed',
      };
    },
    decidedBy,
  );
}

/**
 * The certification period ends: the comprehensive review opens, the member units answer, the
 * office proposes every candidate but `leftOff`, and publicity starts; returns when it ends.
 */
export async function startPublicity(c: CycleHarness, timetable: CampaignTimetable, leftOff: readonly string[] = []): Promise<string> {
  await c.driver.advanceTo(timetable.certificationDeadline);
  await memberUnitsAnswer(c.driver);
  await decideProposedList(c.driver, leftOff);
  const campaign = await campaignCase(c);
  if (!campaign.activeElementIds.includes('publicityOver')) throw new Error(`publicity has not started: ${campaign.activeElementIds.join(', ')}`);
  return String(campaign.variables.publicityEnd);
}

/** Publicity ends and the provincial office approves the announcement. */
export async function announce(c: CycleHarness, publicityEnd: string): Promise<void> {
  await c.driver.advanceTo(publicityEnd);
  await c.driver.completeAll('approveAnnouncement', () => ({ announcementApproved: true, announcementNote: '同意 / approved' }), 'office-1');
}

/** The declaration's case: the path it took (element ids, in order) and where it is now. */
export async function caseOf(c: CycleHarness, declarationNumber: string) {
  const { rows } = await c.h.db.pool.query<{ key: string }>('SELECT process_instance_key AS key FROM declarations WHERE number = $1', [declarationNumber]);
  if (!rows[0]) throw new Error(`no declaration ${declarationNumber}`);
  const view = await c.h.instance(rows[0].key);
  return { ...view, path: view.history.map((h) => h.elementId) };
}

export interface AuditRow {
  readonly actor: string;
  readonly role: string;
  readonly action: string;
  readonly reason: string | null;
}

/** The audit trail of one subject, oldest first; only the `actions` given, if any. */
export async function auditOf(db: Pool, subjectId: string, actions?: readonly string[]): Promise<AuditRow[]> {
  const { rows } = await db.query<AuditRow>(
    `SELECT actor, role, action, reason FROM audit_log WHERE subject_id = $1 AND ($2::text[] IS NULL OR action = ANY($2)) ORDER BY at, id`,
    [subjectId, actions ?? null],
  );
  return rows;
}
