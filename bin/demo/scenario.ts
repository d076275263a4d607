import type { Pool } from 'pg';
import type { IsoDate, WorkingDayCalendar } from '../../domain/calendar/working-day-calendar.ts';
import type { CampaignTimetable } from '../../domain/campaign/timetable.ts';
import { beijingDateOf, beijingDateTime } from '../../domain/deadlines/beijing-time.ts';
import { workingDaysBefore } from '../../domain/deadlines/working-days-before.ts';
import { beijingIso } from '../../domain/notifications/beijing-time.ts';
import { seedFor } from '../../domain/panels/seeded-random.ts';
import { memberUnitUserName } from '../../platform/auth/demo-users.ts';
import type { UserTask } from '../../platform/engine/port.ts';
import { keyListProposal } from '../../platform/cycle/key-list-proposal.ts';
import { submitCityBatch } from '../../platform/cycle/city-batch.ts';
import { cleanRecords, creditSources, recordCreditRecords } from '../../platform/credit/credit-records.ts';
import { memberUnitOpinions, reviewCandidates } from '../../platform/db/cycle/comprehensive-review.ts';
import { declineCarryOver } from '../../platform/cycle/carry-over.ts';
import { listDrafts, submitDraft, updateDraft } from '../../platform/cycle/drafts.ts';
import { demoCity } from './cities.ts';
import type { CycleDriver } from './cycle-driver.ts';
import { few, pick, type DemoEnterprise, type DemoPopulation, type Random } from './population.ts';
import { undecidedAtDeadline } from './summary.ts';

/**
 * The scripted year: what the people of the cycle decide, and when, from the notice on 20 March
 * to the announcement and the alliance's annual report. Every date is a working day computed on
 * the working-day calendar from the campaign's own timetable; every choice (who is not
 * recommended, whose standard falls short, which report is late, …) is drawn from the seed, so
 * a seed always replays the same year.
 */

export const demoStages = [
  { key: 'submission', zh: '申报受理', en: 'submission' },
  { key: 'countyCity', zh: '县级初审与市级推荐', en: 'county check and city recommendation' },
  { key: 'expertReview', zh: '专家比对论证', en: 'expert review' },
  { key: 'standardEvaluation', zh: '标准先进性评价', en: 'standard evaluation' },
  { key: 'certification', zh: '认证', en: 'certification' },
  { key: 'cncaReport', zh: '国家认监委报送与信用查询', en: 'CNCA report and credit consultation' },
  { key: 'review', zh: '综合评审', en: 'comprehensive review' },
  { key: 'publicity', zh: '公示', en: 'publicity' },
  { key: 'announcement', zh: '公告', en: 'announcement' },
] as const;

export type StageKey = (typeof demoStages)[number]['key'];

/** One stage done: when (on the cycle's clock), what happened (counts), and how long it took to run. */
export interface StageReport {
  readonly key: StageKey;
  /** The virtual clock when the stage ended, ISO in Beijing time. */
  readonly at: string;
  readonly zh: string;
  readonly en: string;
  /** Wall-clock milliseconds the stage took on this machine. */
  readonly wallMs: number;
}

export interface ScenarioContext {
  readonly driver: CycleDriver;
  readonly db: Pool;
  readonly calendar: WorkingDayCalendar;
  readonly population: DemoPopulation;
  readonly random: Random;
  /** Called as each stage ends, outside the stage's timing. */
  readonly onStage: (report: StageReport) => void | Promise<void>;
  /** Throws if the engine reported an error or a case is stuck in an incident. */
  readonly check: (stage: StageKey) => Promise<void>;
}

interface Year {
  readonly ctx: ScenarioContext;
  readonly year: number;
  readonly timetable: CampaignTimetable;
  /** Declaration number → its enterprise, for every declaration of the year. */
  readonly byNumber: Map<string, DemoEnterprise>;
}

const at = (date: IsoDate, hour: number) => beijingDateTime(date, hour);
const dateOf = (instant: string) => beijingDateOf(new Date(instant));
const minuteAfter = (instant: string) => new Date(new Date(instant).getTime() + 60_000);
const numberOf = (task: UserTask) => task.businessKey ?? '';

async function count(db: Pool, sql: string, params: unknown[]): Promise<number> {
  const { rows } = await db.query<{ n: number }>(sql, params);
  return rows[0]?.n ?? 0;
}

/** Runs the whole year; the campaign opens at the clock's current time. */
export async function runScenario(ctx: ScenarioContext): Promise<void> {
  const year = ctx.population.campaignYear;
  let state: Year | undefined;
  const stage = async (key: StageKey, run: (y: Year) => Promise<{ zh: string; en: string }>, first?: () => Promise<Year>) => {
    const started = performance.now();
    state ??= await first!();
    const text = await run(state);
    await ctx.check(key);
    await ctx.onStage({ key, at: beijingIso(ctx.driver.clock.now()), ...text, wallMs: performance.now() - started });
  };
  await stage('submission', submission, async () => {
    const timetable = await ctx.driver.openCampaign(year);
    return { ctx, year, timetable, byNumber: new Map() };
  });
  await stage('countyCity', countyAndCity);
  await stage('expertReview', expertReview);
  await stage('standardEvaluation', standardEvaluation);
  await stage('certification', certification);
  await stage('cncaReport', cncaReportAndCredit);
  await stage('review', comprehensiveReview);
  await stage('publicity', publicity);
  await stage('announcement', announcement);
}

async function indexDeclarations(y: Year): Promise<void> {
  const byId = new Map(y.ctx.population.enterprises.map((e) => [e.id, e]));
  const { rows } = await y.ctx.db.query<{ number: string; enterprise_id: string }>('SELECT number, enterprise_id FROM declarations WHERE campaign_year = $1', [y.year]);
  for (const row of rows) {
    const enterprise = byId.get(row.enterprise_id);
    if (enterprise) y.byNumber.set(row.number, enterprise);
  }
}

/**
 * Opening day: last year's key enterprises not announced are offered a carry-over draft with last
 * year's materials. Each states its intention the next day: it updates the figures to this year's
 * rule set and submits (its county and city then review it like any declaration); once there are
 * two, one declines. The others declare through their county, or a member unit recommends them,
 * on one of the window's days.
 */
async function submission(y: Year) {
  const { driver, db, calendar, population } = y.ctx;
  const opened = dateOf(driver.clock.now().toISOString());
  await indexDeclarations(y);

  await driver.advanceTo(at(calendar.addWorkingDays(opened, 1), 15));
  const carriedEnterprises = population.enterprises.filter((e) => e.channel === 'CARRY_OVER');
  const declining = carriedEnterprises.length >= 2 ? carriedEnterprises[carriedEnterprises.length - 1] : undefined;
  let declined = 0;
  for (const enterprise of carriedEnterprises) {
    const asEnterprise = { userId: 0, username: enterprise.id, role: 'enterprise' as const, scope: enterprise.id };
    const [offer] = await listDrafts(db, asEnterprise, { status: 'DRAFT', campaignYear: y.year });
    if (!offer) continue;
    if (enterprise === declining) {
      await declineCarryOver(db, driver.clock, asEnterprise, offer.id, '本年度暂不申请认证 / no certification sought this year');
      declined++;
      continue;
    }
    // This year's figures, as the rule set asks; last year's materials otherwise stand.
    await updateDraft(db, driver.clock, asEnterprise, offer.id, { facts: enterprise.facts });
    // Its materials go with the draft: the eligibility check reads the files, not the list.
    await driver.evidence.attach({ draftId: offer.id }, enterprise.facts, enterprise.id);
    await submitDraft({ db, clock: driver.clock, engine: driver.engine }, asEnterprise, offer.id);
  }
  await driver.settle();

  const declaring = population.enterprises.filter((e) => e.channel !== 'CARRY_OVER');
  const days = Math.max(0, ...declaring.map((e) => e.submissionDay)) + 1;
  for (let day = 0; day < days; day++) {
    const batch = declaring.filter((e) => e.submissionDay === day);
    if (batch.length === 0) continue;
    await driver.advanceTo(at(calendar.addWorkingDays(opened, 2 + 5 * day), 10));
    await driver.submitAll(
      batch.map((e) => ({
        campaignYear: y.year,
        enterpriseId: e.id,
        productName: e.productName,
        category: e.category,
        channel: e.channel,
        ...(e.memberUnit ? { memberUnit: e.memberUnit } : {}),
        facts: e.facts,
        // A supplementary recommendation is submitted by a person of its unit.
        submittedBy: e.channel === 'MEMBER_UNIT' ? memberUnitUserName(e.memberUnit!) : e.id,
      })),
    );
  }
  await indexDeclarations(y);

  const { rows } = await db.query<{ channel: string; verdict: string | null; outcome: string | null; n: number }>(
    `SELECT channel, eligibility->>'outcome' AS verdict, outcome, count(*)::int AS n FROM declarations WHERE campaign_year = $1 GROUP BY 1, 2, 3`,
    [y.year],
  );
  const sum = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).reduce((a, r) => a + r.n, 0);
  const total = sum(() => true);
  const county = sum((r) => r.channel === 'COUNTY');
  const member = sum((r) => r.channel === 'MEMBER_UNIT');
  const carried = sum((r) => r.channel === 'CARRY_OVER');
  const eligible = sum((r) => r.verdict === 'ELIGIBLE' || r.verdict === 'ELIGIBLE_PENDING_REVIEW');
  const ineligible = sum((r) => r.verdict === 'INELIGIBLE');
  const withdrawn = sum((r) => r.outcome === 'WITHDRAWN_INCOMPLETE');
  return {
    zh: `受理申报 ${total} 项（县级 ${county}，成员单位增补 ${member}，上年结转 ${carried}，放弃结转 ${declined}）；资格审查：符合 ${eligible}，不符合 ${ineligible}；逾期未补正撤回 ${withdrawn} 项`,
    en: `${total} declarations (${county} through counties, ${member} by member units, ${carried} carried over, ${declined} carry-over declined); eligibility: ${eligible} eligible, ${ineligible} ineligible; ${withdrawn} withdrawn when the correction period lapsed`,
  };
}

/**
 * The counties pass what is eligible; the cities put forward all but the few they have no room
 * for. A city or two decide only after the reminder three working days before their deadline,
 * and overlook one declaration, which the deadline closes and escalates to the provincial office.
 */
async function countyAndCity(y: Year) {
  const { driver, db, calendar, random } = y.ctx;
  await driver.advanceTo(at(calendar.addWorkingDays(dateOf(driver.clock.now().toISOString()), 3), 10));

  const countyTasks = await driver.tasks('countyCheck');
  const { rows: verdicts } = await db.query<{ number: string; verdict: { outcome?: string; reasons?: { outcome: string; zh: string; en: string }[] } | null }>(
    'SELECT number, eligibility AS verdict FROM declarations WHERE number = ANY($1)',
    [countyTasks.map(numberOf)],
  );
  const verdictOf = new Map(verdicts.map((v) => [v.number, v.verdict]));
  await driver.completeAll('countyCheck', (task) => {
    const verdict = verdictOf.get(numberOf(task));
    if (verdict?.outcome !== 'INELIGIBLE') return { recommended: true, reason: '材料齐全，符合申报条件 / materials complete, meets the conditions' };
    const failed = verdict.reasons?.find((r) => r.outcome === 'FAIL');
    return { recommended: false, reason: failed ? `不符合申报条件：${failed.zh} / ineligible: ${failed.en}` : '不符合申报条件 / ineligible' };
  }, 'county-office');

  const cityTasks = await driver.tasks('cityReview');
  const cities = [...new Set(cityTasks.map((t) => y.byNumber.get(numberOf(t))?.cityCode ?? ''))].sort();
  const late = new Set(pick(random, 'late-cities', cities, few(cities.length, 0.15, 4)));
  const deadline = dateOf(y.timetable.citySubmissionDeadline);
  const decide = (task: UserTask) => {
    const enterprise = y.byNumber.get(numberOf(task));
    return enterprise?.plan.notRecommended
      ? { recommended: false, reason: '本市推荐名额已满，本年度不予推荐 / the city’s quota is full: not recommended this year' }
      : { recommended: true, reason: '经市质委办审核并征求成员单位意见，同意推荐 / reviewed with the city member units: recommended' };
  };
  const inLateCity = (task: UserTask) => late.has(y.byNumber.get(numberOf(task))?.cityCode ?? '');
  // A late city also overlooks one declaration, which the deadline closes and escalates.
  const lateTasks = cityTasks.filter(inLateCity).map(numberOf);
  const overlooked = new Set(pick(random, 'city-overlooked', lateTasks, lateTasks.length >= 2 ? 1 : 0));
  await driver.advanceTo(at(workingDaysBefore(calendar, deadline, 5), 15));
  await submitCityBatches(driver, y.year, (task) => y.byNumber.get(numberOf(task))?.cityCode ?? '', (task) => (inLateCity(task) ? null : decide(task)));
  await driver.advanceTo(at(workingDaysBefore(calendar, deadline, 1), 10));
  await submitCityBatches(driver, y.year, (task) => y.byNumber.get(numberOf(task))?.cityCode ?? '', (task) => (inLateCity(task) && !overlooked.has(numberOf(task)) ? decide(task) : null));
  // City submissions close: what is still undecided is escalated and closed; the panels are drawn.
  await driver.advanceTo(y.timetable.citySubmissionDeadline);

  const level = async (lvl: string, recommended: boolean) =>
    count(db, `SELECT count(*)::int AS n FROM recommendations r JOIN declarations d ON d.number = r.declaration_number WHERE d.campaign_year = $1 AND r.level = $2 AND r.recommended = $3`, [
      y.year,
      lvl,
      recommended,
    ]);
  const lateNames = [...late].map((code) => demoCity(code));
  const [cp, cr, yp, yr] = [await level('COUNTY', true), await level('COUNTY', false), await level('CITY', true), await level('CITY', false)];
  const missed = await count(db, `SELECT count(*)::int AS n FROM declarations d WHERE d.campaign_year = $1 AND d.outcome = 'NOT_RECOMMENDED' AND ${undecidedAtDeadline}`, [y.year]);
  return {
    zh: `县级初审：通过 ${cp}，不予通过 ${cr}；市级推荐：推荐 ${yp}，未推荐 ${yr}${lateNames.length ? `；${lateNames.map((c) => c.zh).join('、')}在提醒后报送` : ''}；截止时未报送 ${missed} 项（已报告省质委办）`,
    en: `county check: ${cp} passed, ${cr} not passed; cities: ${yp} recommended, ${yr} not recommended${lateNames.length ? `; ${lateNames.map((c) => c.en).join(', ')} submitted after the reminder` : ''}; ${missed} not submitted by the deadline (escalated to the provincial office)`,
  };
}

/**
 * City submissions have closed and panels are drawn without conflicts of interest: every expert scores
 * his panels' declarations (marks follow the product's merit, with each expert's own spread);
 * the provincial office decides the key-cultivation list from the ranked proposal.
 */
async function expertReview(y: Year) {
  const { driver, db, calendar, population } = y.ctx;
  await driver.advanceTo(at(workingDaysBefore(calendar, dateOf(y.timetable.expertReviewDue), 3), 10));
  const sheets = await driver.scoreAll((number, expertId) => {
    const merit = y.byNumber.get(number)?.merit ?? 0.5;
    const spread = (seedFor(population.seed, `${number}:${expertId}`) % 7) - 3;
    return Math.round(70 + 25 * merit + spread);
  });
  // The provincial office weighs the ranked proposal and puts on the list the declarations whose
  // weighted mean reaches its bar for the year (the demo office's judgement, not a system quota).
  const officeBar = 80;
  await driver.completeAll(
    'decideKeyList',
    async (task) => {
      const proposal = await keyListProposal(db, Number(task.businessKey));
      return {
        keyList: proposal.map((r) => ({ declarationNumber: r.declarationNumber, selected: r.score >= officeBar })),
        keyListReason: `综合专家评分与意见，列入加权均分 ${officeBar} 分及以上者 / on the panels' scores and opinions: those with a weighted mean of ${officeBar} or more`,
      };
    },
    'provincial-office',
  );
  const panels = await count(db, `SELECT count(DISTINCT p.declaration_number)::int AS n FROM panel_assignments p JOIN declarations d ON d.number = p.declaration_number WHERE d.campaign_year = $1`, [y.year]);
  const experts = await count(db, `SELECT count(DISTINCT p.expert_id)::int AS n FROM panel_assignments p JOIN declarations d ON d.number = p.declaration_number WHERE d.campaign_year = $1 AND p.role = 'MEMBER'`, [y.year]);
  const { rows: reasons } = await db.query<{ code: string; n: number }>(
    `SELECT r->>'code' AS code, count(*)::int AS n FROM panel_exclusions x JOIN declarations d ON d.number = x.declaration_number, jsonb_array_elements(x.reasons) r
      WHERE d.campaign_year = $1 GROUP BY 1`,
    [y.year],
  );
  const reason = (code: string) => reasons.find((r) => r.code === code)?.n ?? 0;
  const { rows: list } = await db.query<{ selected: boolean; n: number }>(`SELECT selected, count(*)::int AS n FROM key_cultivation WHERE campaign_year = $1 GROUP BY 1`, [y.year]);
  const selected = list.find((r) => r.selected)?.n ?? 0;
  const notSelected = list.find((r) => !r.selected)?.n ?? 0;
  return {
    zh: `专家组 ${panels} 个（${experts} 位专家参加评审）；回避排除：同城 ${reason('SAME_CITY')} 人次，本单位 ${reason('OWN_EMPLOYER')}，申报关联 ${reason('DECLARED_TIE')}，专业不符 ${reason('OUTSIDE_EXPERTISE')}；评分表 ${sheets} 份；重点培育名单 ${selected} 项，未列入 ${notSelected} 项`,
    en: `${panels} panels (${experts} experts); excluded: same city ${reason('SAME_CITY')}, own employer ${reason('OWN_EMPLOYER')}, declared ties ${reason('DECLARED_TIE')}, outside expertise ${reason('OUTSIDE_EXPERTISE')}; ${sheets} score sheets; ${selected} on the key-cultivation list, ${notSelected} not`,
  };
}

/**
 * The institute judges each listed declaration's standard: lawful and compliant, and as advanced
 * as the automatic comparison of the filed table proposes, except a few where it finds a stricter
 * standard in force that the enterprise's table left out and judges the standard not advanced.
 */
async function standardEvaluation(y: Year) {
  const { driver, db, calendar, random } = y.ctx;
  await driver.advanceTo(at(calendar.addWorkingDays(dateOf(y.timetable.expertReviewDue), 2), 10));
  const tasks = await driver.tasks('evaluateStandard');
  const failing = new Set(pick(random, 'standard-not-advanced', tasks.map(numberOf), few(tasks.length, 0.05, 3)));
  await driver.completeAll('evaluateStandard', async (task) => {
    const number = numberOf(task);
    if (!y.byNumber.has(number)) return null;
    const { standardProposal, standardProposalSummary } = (await driver.engine.getUserTaskVariables(task.userTaskKey)) as {
      standardProposal: string;
      standardProposalSummary: string;
    };
    const overridden = failing.has(number) || standardProposal === 'NONE';
    return {
      legitimacy: 'LEGITIMATE',
      legitimacyReason: '企业标准已在企业标准信息公共服务平台自我声明公开，编号与文本一致 / self-declared on the public platform, number and text agree',
      compliance: 'COMPLIANT',
      complianceReason: '技术要求不低于强制性国家标准，引用标准现行有效 / no requirement below a mandatory national standard; the standards cited are in force',
      advancement: overridden ? 'NOT_ADVANCED' : standardProposal,
      advancementReason: overridden
        ? '对比表未列出更严的现行标准，企业标准的首项指标低于该标准 / the table leaves out a stricter standard in force, which the first indicator falls short of'
        : `同意自动比对建议：${standardProposalSummary}`,
    };
  }, 'standards-institute');
  const { rows } = await db.query<{ verdict: string; first: boolean; only: boolean; overridden: boolean; n: number }>(
    `SELECT verdict, 'FIRST' = ANY(flags) AS first, 'ONLY' = ANY(flags) AS only, proposal_verdict IS DISTINCT FROM verdict AS overridden, count(*)::int AS n
       FROM standard_evaluations s JOIN declarations d ON d.number = s.declaration_number
      WHERE d.campaign_year = $1 GROUP BY 1, 2, 3, 4`,
    [y.year],
  );
  const sum = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).reduce((a, r) => a + r.n, 0);
  const [advanced, comparable, notAdvanced] = ['ADVANCED', 'COMPARABLE', 'NOT_ADVANCED'].map((v) => sum((r) => r.verdict === v));
  const [first, only, overridden] = [sum((r) => r.first), sum((r) => r.only), sum((r) => r.overridden)];
  return {
    zh: `均合法合规；先进 ${advanced}，相当 ${comparable}，不先进 ${notAdvanced}（${overridden} 项未采纳自动比对建议）；含首创指标 ${first} 项，唯一指标 ${only} 项`,
    en: `all lawful and compliant; ${advanced} advanced, ${comparable} comparable, ${notAdvanced} not advanced (${overridden} against the automatic proposal); ${first} with a "first" indicator, ${only} with an "only" one`,
  };
}

/**
 * Enterprises choose an alliance body (a few let the period pass and the secretariat's person
 * confirms the least-loaded body proposed); mid-certification one body is suspended and its open cases handed over; results come in
 * 25 working days before the certification period ends, a few not certified. Two enterprises
 * have a credit record by then, for the comprehensive review to weigh.
 */
async function certification(y: Year) {
  const { driver, db, calendar, random, population } = y.ctx;
  const bodies = population.certificationBodies.map((b) => b.id);
  await driver.advanceTo(at(calendar.addWorkingDays(dateOf(driver.clock.now().toISOString()), 2), 10));
  const choosing = await driver.tasks('chooseBody');
  const notChoosing = new Set(pick(random, 'body-not-chosen', choosing.map(numberOf), few(choosing.length, 0.05, 5)));
  await driver.completeAll('chooseBody', (task) => {
    const number = numberOf(task);
    if (notChoosing.has(number)) return null;
    return { certificationBodyId: bodies[Math.floor(random(`body-${number}`)() * bodies.length)]! };
  }, 'enterprise');
  const left = await driver.tasks('chooseBody');
  const due = left.map((t) => t.dueDate).filter((d): d is string => d !== null).sort().at(-1);
  if (due) await driver.advanceTo(minuteAfter(due));
  // The secretariat's person confirms the least-loaded body the case proposes.
  await driver.completeAll(
    'arrangeBody',
    async (task) => ({ certificationBodyId: String((await driver.engine.getUserTaskVariables(task.userTaskKey)).proposedBodyId), arrangementReason: '同意系统推荐的机构 / the proposed body is confirmed' }),
    'alliance-secretariat',
  );

  let suspended: { id: string; handedOver: number } | undefined;
  await driver.advanceTo(at(calendar.addWorkingDays(dateOf(driver.clock.now().toISOString()), 20), 10));
  const { rows: load } = await db.query<{ body_id: string; n: number }>(
    `SELECT body_id, count(*)::int AS n FROM certifications c JOIN certification_bodies b ON b.id = c.body_id
      WHERE c.status = 'IN_PROGRESS' AND b.status = 'ACTIVE' GROUP BY 1 ORDER BY 2 DESC, 1`,
  );
  if (load[0] && bodies.length >= 2) {
    const affected = await driver.suspendCertificationBody(
      load[0].body_id,
      '年度监督检查发现其存在捆绑收费咨询，暂停其江苏精品认证资格 / the yearly supervision found paid consulting bundled with certification: suspended',
    );
    suspended = { id: load[0].body_id, handedOver: affected.length };
  }

  const { rows: inProgress } = await db.query<{ number: string; enterprise_id: string }>(
    `SELECT d.number, d.enterprise_id FROM certifications c JOIN declarations d ON d.number = c.declaration_number WHERE d.campaign_year = $1 AND c.status = 'IN_PROGRESS' ORDER BY d.number`,
    [y.year],
  );
  const numbers = inProgress.map((r) => r.number);
  const notCertified = new Set(pick(random, 'not-certified', numbers, few(numbers.length, 0.03, 5)));
  // What the office has entered for the default credit adapter by the time of the credit
  // consultation: a record against two of the others, nothing at all on one (not consulted: the
  // office decides it by hand), clean records from both sources on the rest.
  const rest = inProgress.filter((r) => !notCertified.has(r.number));
  const flagged = pick(random, 'credit-records', rest, rest.length >= 8 ? 2 : rest.length >= 4 ? 1 : 0);
  const unrecorded = pick(random, 'credit-unrecorded', rest.filter((r) => !flagged.includes(r)), rest.length >= 6 ? 1 : 0);
  const recordedAt = new Date(driver.clock.now().getTime() - 200 * 86_400_000);
  await recordCreditRecords(
    db,
    [
      ...flagged.map((r, i) => ({
        enterpriseId: r.enterprise_id,
        source: i === 0 ? creditSources[1] : creditSources[0],
        result: i === 0 ? ('NEEDS_EXPLANATION' as const) : ('HIT' as const),
        detail: i === 0 ? '因年报信息填报错误被列入经营异常名录，已移出 / listed for a wrong annual report, since removed' : '列入严重违法失信名单 / on the list of serious violations and dishonesty',
        recordedAt,
      })),
      ...cleanRecords(rest.filter((r) => !flagged.includes(r) && !unrecorded.includes(r)).map((r) => r.enterprise_id), driver.clock.now()),
    ],
    { actor: 'provincial-office', at: driver.clock.now() },
  );

  await driver.advanceTo(at(workingDaysBefore(calendar, dateOf(y.timetable.certificationDeadline), 25), 16));
  await driver.certificationResults(
    numbers.map((number) => ({
      declarationNumber: number,
      certified: !notCertified.has(number),
      note: notCertified.has(number) ? '型式试验有一项关键指标不合格，不予认证 / a key indicator failed the type test: not certified' : '工厂检查与产品检测均符合要求，准予认证 / factory audit and product testing passed: certified',
    })),
  );

  const { rows } = await db.query<{ chosen_by: string; status: string; n: number }>(
    `SELECT chosen_by, status, count(*)::int AS n FROM certifications c JOIN declarations d ON d.number = c.declaration_number WHERE d.campaign_year = $1 GROUP BY 1, 2`,
    [y.year],
  );
  const sum = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).reduce((a, r) => a + r.n, 0);
  const body = suspended ? population.certificationBodies.find((b) => b.id === suspended.id)!.name : '';
  return {
    zh: `企业自选认证机构 ${sum((r) => r.chosen_by === 'ENTERPRISE')}，秘书处指派 ${sum((r) => r.chosen_by === 'SECRETARIAT')}；${suspended ? `${body.split(' / ')[0]}（${suspended.id}）被暂停，移交在审认证 ${suspended.handedOver} 项；` : ''}通过认证 ${sum((r) => r.status === 'CERTIFIED')}，未通过 ${sum((r) => r.status === 'NOT_CERTIFIED')}`,
    en: `${sum((r) => r.chosen_by === 'ENTERPRISE')} bodies chosen by the enterprise, ${sum((r) => r.chosen_by === 'SECRETARIAT')} assigned by the secretariat; ${suspended ? `${body.split(' / ')[1] ?? body} (${suspended.id}) suspended, ${suspended.handedOver} certifications handed over; ` : ''}${sum((r) => r.status === 'CERTIFIED')} certified, ${sum((r) => r.status === 'NOT_CERTIFIED')} not`,
  };
}

/**
 * Most bodies report to CNCA within two working days; a few let the 7 working days pass, are
 * reminded, escalated to the supervision department, and report late. The provincial office
 * decides on the credit findings.
 */
async function cncaReportAndCredit(y: Year) {
  const { driver, db, calendar, random } = y.ctx;
  const tasks = await driver.tasks('reportToCnca');
  const late = new Set(pick(random, 'late-cnca', tasks.map(numberOf), few(tasks.length, 0.05, 4)));
  let reportNumber = 0;
  const report = () => ({ cncaReportNumber: `CNCA-${y.year}-JSJP-${String(++reportNumber).padStart(5, '0')}` });
  await driver.advanceTo(at(calendar.addWorkingDays(dateOf(driver.clock.now().toISOString()), 2), 10));
  await driver.completeAll('reportToCnca', (task) => (late.has(numberOf(task)) ? null : report()), 'cb-staff');
  const overdue = (await driver.tasks('reportToCnca')).map((t) => t.dueDate).filter((d): d is string => d !== null).sort().at(-1);
  if (overdue) {
    await driver.advanceTo(at(calendar.addWorkingDays(dateOf(overdue), 2), 10));
    await driver.completeAll('reportToCnca', report, 'cb-staff');
  }

  await driver.advanceTo(at(calendar.addWorkingDays(dateOf(driver.clock.now().toISOString()), 1), 15));
  const { rows: findings } = await db.query<{ number: string; result: string }>(
    `SELECT c.declaration_number AS number, c.result FROM credit_checks c JOIN declarations d ON d.number = c.declaration_number WHERE d.campaign_year = $1`,
    [y.year],
  );
  const resultOf = new Map(findings.map((f) => [f.number, f.result]));
  await driver.completeAll('decideCredit', (task) => {
    const result = resultOf.get(numberOf(task));
    if (result === 'HIT') return { creditCleared: false, creditReason: '列入严重违法失信名单，经会商不予通过 / on the list of serious violations and dishonesty: rejected after consultation' };
    if (result === 'NOT_CONSULTED') return { creditCleared: true, creditReason: '登记处无记录，经人工查询信用中国和国家企业信用信息公示系统，无不良记录，予以通过 / nothing on file: looked up in both sources by hand, nothing adverse: cleared' };
    return { creditCleared: true, creditReason: '企业已说明情况并已移出经营异常名录，经会商予以通过 / explained, and since removed from the list: cleared after consultation' };
  }, 'provincial-office');

  const { rows } = await db.query<{ late: boolean; escalated: boolean; n: number }>(
    `SELECT c.cnca_reported_at > c.cnca_due_at AS late, c.cnca_escalated_at IS NOT NULL AS escalated, count(*)::int AS n
       FROM certifications c JOIN declarations d ON d.number = c.declaration_number WHERE d.campaign_year = $1 AND c.cnca_reported_at IS NOT NULL GROUP BY 1, 2`,
    [y.year],
  );
  const sum = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).reduce((a, r) => a + r.n, 0);
  const clean = findings.filter((f) => f.result === 'CLEAN').length;
  const unconsulted = findings.filter((f) => f.result === 'NOT_CONSULTED').length;
  const { rows: decisions } = await db.query<{ decision: string; n: number }>(
    `SELECT c.decision, count(*)::int AS n FROM credit_checks c JOIN declarations d ON d.number = c.declaration_number WHERE d.campaign_year = $1 AND c.decision IS NOT NULL GROUP BY 1`,
    [y.year],
  );
  const decided = (d: string) => decisions.find((r) => r.decision === d)?.n ?? 0;
  return {
    zh: `按期报送 ${sum((r) => !r.late)}，逾期 ${sum((r) => r.late)}（已报告监管处 ${sum((r) => r.escalated)}）；信用查询：良好 ${clean}，需会商 ${findings.length - clean}（其中无记录 ${unconsulted}；通过 ${decided('CLEARED')}，不通过 ${decided('REJECTED')}）`,
    en: `${sum((r) => !r.late)} reported in time, ${sum((r) => r.late)} late (${sum((r) => r.escalated)} escalated to the supervision department); credit: ${clean} clean, ${findings.length - clean} needing a decision (${unconsulted} with nothing on file; ${decided('CLEARED')} cleared, ${decided('REJECTED')} rejected)`,
  };
}

/**
 * The certification period ends and the comprehensive review opens: every member unit is asked
 * for its opinion on the candidates, and a person of that unit answers; one lets its deadline pass
 * (recorded as no reply), one objects to a candidate, the others agree. The provincial office writes its evaluation opinion
 * and leaves the candidate objected to off the proposed list (when there are enough to spare one).
 */
async function comprehensiveReview(y: Year) {
  const { driver, db, random } = y.ctx;
  await driver.advanceTo(y.timetable.certificationDeadline);
  const candidates = (await reviewCandidates(db, y.year)).map((c) => c.declarationNumber);
  const asked = await driver.tasks('giveMemberOpinion');
  const unitOf = async (task: UserTask) => ((await driver.engine.getUserTaskVariables(task.userTaskKey)) as { memberUnit: { id: string } }).memberUnit.id;
  const units = await Promise.all(asked.map(unitOf));
  const [silent, objecting] = pick(random, 'member-units', units.sort(), Math.min(2, units.length));
  const objectedTo = candidates.length >= 4 ? pick(random, 'member-objection', candidates, 1)[0] : undefined;
  await driver.completeAll('giveMemberOpinion', async (task) => {
    const unit = await unitOf(task);
    if (unit === silent) return null;
    if (unit === objecting && objectedTo) {
      return { memberAgrees: false, memberOpinion: `${objectedTo} 所属企业近期产品质量监督抽查不合格，建议暂不列入 / the enterprise failed a recent product quality spot check: leave it off for now` };
    }
    return { memberAgrees: true, memberOpinion: '同意拟认证名单建议 / agrees with the proposed list' };
  }, async (task) => memberUnitUserName(await unitOf(task)));
  const due = asked.map((t) => t.dueDate).filter((d): d is string => d !== null).sort().at(-1);
  if (due && (await driver.tasks('giveMemberOpinion')).length) await driver.advanceTo(minuteAfter(due));
  await driver.completeAll('decideProposedList', async (task) => {
    const { proposedList } = (await driver.engine.getUserTaskVariables(task.userTaskKey)) as { proposedList: { declarationNumber: string }[] };
    return {
      proposedList: proposedList.map(({ declarationNumber }) => ({ declarationNumber, proposed: declarationNumber !== objectedTo })),
      evaluationOpinion: '经综合评审、信用会商并征求成员单位意见，拟认证名单所列企业符合江苏精品认证条件 / after the review, the credit consultation and the member units\' opinions, the enterprises proposed meet the conditions',
      proposedListReason: objectedTo ? `${objectedTo} 据成员单位意见暂不列入，其余全部列入 / ${objectedTo} left off on a member unit's opinion, all others proposed` : '候选企业全部列入 / every candidate proposed',
    };
  }, 'provincial-office');
  const opinions = await memberUnitOpinions(db, y.year);
  const status = (s: string) => opinions.filter((o) => o.status === s).length;
  const proposed = await count(db, 'SELECT count(*)::int AS n FROM comprehensive_review_candidates WHERE campaign_year = $1 AND proposed', [y.year]);
  return {
    zh: `综合评审候选 ${candidates.length} 项；征求成员单位意见 ${opinions.length} 家（同意 ${status('AGREED')}，有异议 ${status('OBJECTED')}，逾期未回复 ${status('NO_REPLY')}）；拟认证名单 ${proposed} 项，未列入 ${candidates.length - proposed} 项`,
    en: `${candidates.length} candidates under review; ${opinions.length} member units asked (${status('AGREED')} agreed, ${status('OBJECTED')} objected, ${status('NO_REPLY')} no reply by the deadline); ${proposed} on the proposed list, ${candidates.length - proposed} left off`,
  };
}

/**
 * The proposed list is published; the public objects to two entries, one objection is upheld
 * (the declaration is removed), the other dismissed.
 */
async function publicity(y: Year) {
  const { driver, db, calendar, random } = y.ctx;
  const start = dateOf(driver.clock.now().toISOString());
  const publicityEnd = String((await driver.campaignVariables(y.year)).publicityEnd);
  const { rows: listed } = await db.query<{ number: string }>(`SELECT number FROM declarations WHERE campaign_year = $1 AND stage = 'PUBLICITY' ORDER BY number`, [y.year]);
  const objected = pick(random, 'objections', listed.map((r) => r.number), listed.length >= 3 ? 2 : listed.length >= 2 ? 1 : 0);
  const upheld = new Set(objected.slice(0, 1));
  await driver.advanceTo(at(calendar.addWorkingDays(start, 1), 10));
  for (const number of objected) {
    await driver.fileObjection(
      number,
      upheld.has(number)
        ? '申报材料中的市场占有率与行业协会统计数据明显不符 / the market share declared is far from the industry association’s figures'
        : '该产品售价偏高，不应列入江苏精品 / the product is too expensive to be a Jiangsu Quality product',
    );
  }
  await driver.advanceTo(at(calendar.addWorkingDays(start, 2), 15));
  await driver.completeAll('decideObjection', (task) =>
    upheld.has(numberOf(task))
      ? { objectionUpheld: true, objectionReason: '经核查，市场占有率数据不实，异议成立 / checked: the market share was overstated; upheld' }
      : { objectionUpheld: false, objectionReason: '价格不属于评价内容，异议不成立 / price is not a criterion: dismissed' },
    'provincial-office',
  );
  await driver.advanceTo(publicityEnd);
  return {
    zh: `拟认证名单 ${listed.length} 项公示（${start} 至 ${dateOf(publicityEnd)}）；收到异议 ${objected.length} 件（成立 ${upheld.size}，不成立 ${objected.length - upheld.size}）`,
    en: `${listed.length} on the proposed list in publicity (${start} to ${dateOf(publicityEnd)}); ${objected.length} objections (${upheld.size} upheld, ${objected.length - upheld.size} dismissed)`,
  };
}

/** The provincial office approves the announcement; certificates are issued; the secretariat reports on the year. */
async function announcement(y: Year) {
  const { driver, db, calendar } = y.ctx;
  await driver.advanceTo(at(calendar.addWorkingDays(dateOf(driver.clock.now().toISOString()), 2), 10));
  await driver.completeAll(
    'approveAnnouncement',
    () => ({ announcementApproved: true, announcementNote: '经省质量发展委员会审定，会同省发展改革委等八部门联合公告 / approved, announced jointly with the eight departments' }),
    'provincial-office',
  );
  await driver.advanceTo(at(calendar.addWorkingDays(dateOf(y.timetable.allianceReportReminderAt), 2), 10));
  await driver.completeAll('allianceReport', () => ({ reportSummary: `${y.year}年度江苏精品认证工作报告 / the ${y.year} Jiangsu Quality certification work report` }), 'alliance-secretariat');

  const { rows } = await db.query<{ announcement_number: string | null; announced_at: Date | null }>('SELECT announcement_number, announced_at FROM campaigns WHERE year = $1', [y.year]);
  const announced = await count(db, `SELECT count(*)::int AS n FROM declarations WHERE campaign_year = $1 AND outcome = 'ANNOUNCED'`, [y.year]);
  const certificates = await count(db, `SELECT count(*)::int AS n FROM certificates c JOIN declarations d ON d.number = c.declaration_number WHERE d.campaign_year = $1`, [y.year]);
  const { rows: report } = await db.query<{ submitted_at: Date | null; due_at: Date }>('SELECT submitted_at, due_at FROM alliance_reports WHERE campaign_year = $1', [y.year]);
  const submitted = report[0]?.submitted_at ? beijingIso(report[0].submitted_at).slice(0, 10) : '—';
  const onTime = report[0]?.submitted_at ? report[0].submitted_at <= report[0].due_at : false;
  const number = rows[0]?.announcement_number ?? '—';
  const on = rows[0]?.announced_at ? beijingIso(rows[0].announced_at).slice(0, 10) : '—';
  return {
    zh: `公告 ${number}（${on}）：认证 ${announced} 项，颁发证书 ${certificates} 张；联盟年度工作报告 ${submitted} 报送${onTime ? '（按期）' : '（逾期）'}`,
    en: `announcement ${number} (${on}): ${announced} certified, ${certificates} certificates issued; the alliance's annual report handed in on ${submitted}${onTime ? ' (in time)' : ' (late)'}`,
  };
}

/**
 * Each city office submits what `decide` gives for its waiting declarations in one batch (统一报送),
 * with its member units' opinions; a declaration `decide` leaves (null) keeps waiting.
 */
async function submitCityBatches(
  driver: CycleDriver,
  year: number,
  cityOf: (task: UserTask) => string,
  decide: (task: UserTask) => { recommended: boolean; reason: string } | null,
): Promise<void> {
  const decided = (await driver.tasks('cityReview')).flatMap((task) => {
    const decision = decide(task);
    return decision ? [{ city: cityOf(task), declaration: { declarationNumber: task.businessKey!, ...decision } }] : [];
  });
  for (const city of [...new Set(decided.map((d) => d.city))].sort()) {
    await submitCityBatch(driver, {
      campaignYear: year,
      cityCode: city,
      submittedBy: 'city-office',
      note: '经市质量强市工作领导小组成员单位会商后统一报送 / submitted together after consulting the member units',
      memberOpinions: [
        { unit: '市工业和信息化局 / city industry and IT bureau', opinion: '同意推荐 / agree' },
        { unit: '市市场监督管理局 / city market regulation bureau', opinion: '近三年无重大质量事故，同意推荐 / no major quality incident in three years: agree' },
      ],
      declarations: decided.filter((d) => d.city === city).map((d) => d.declaration),
    });
  }
  await driver.settle();
}
