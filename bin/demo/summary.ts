import type { Pool } from 'pg';
import { declarationOutcomes, type DeclarationOutcome } from '../../bpmn/contract.ts';
import { beijingIso } from '../../domain/notifications/beijing-time.ts';
import type { EnginePort } from '../../platform/engine/port.ts';
import { demoCities } from './cities.ts';

/**
 * What a year of the cycle came to, read back from the database and the engine after the
 * demo: the funnel (declared → recommended → key-cultivation list → certified → announced),
 * per city, and every deadline that was missed, with what followed (escalation, withdrawal,
 * assignment by the secretariat).
 */

/** The funnel of one city, or of the province. */
export interface FunnelRow {
  readonly declared: number;
  /** Entered the provincial review: recommended by the city (carry-overs too), or a member unit's supplementary recommendation. */
  readonly recommended: number;
  readonly keyList: number;
  readonly certified: number;
  readonly announced: number;
}

export interface CityRow extends FunnelRow {
  readonly cityCode: string;
  readonly zh: string;
  readonly en: string;
}

/** A CNCA report deadline missed and escalated to the supervision department. */
export interface Escalation {
  readonly declarationNumber: string;
  readonly bodyId: string;
  readonly deadline: string;
  readonly escalatedAt: string;
  readonly reportedAt: string | null;
}

export type MissedDeadlineKind = 'CITY_SUBMISSION' | 'CNCA_REPORT' | 'CORRECTION' | 'BODY_CHOICE' | 'ALLIANCE_REPORT';

/** Any deadline of the year that passed with the thing not done, and what followed. */
export interface MissedDeadline {
  readonly kind: MissedDeadlineKind;
  readonly caseNumber: string;
  readonly deadline: string | null;
  readonly escalated: boolean;
  readonly zh: string;
  readonly en: string;
}

export interface NotificationTally {
  /** What the notify tasks queued, by kind (one per recipient). */
  readonly queued: Readonly<Record<string, number>>;
  /** The case numbers they were about, by kind. */
  readonly cases: Readonly<Record<string, readonly string[]>>;
  /** Rows in the sent log once the queue drained. */
  readonly sent: number;
  readonly deadLetters: number;
  /** Still in the queue when the demo stopped waiting. */
  readonly pending: number;
  readonly transport: 'smtp' | 'log-only';
}

export interface DemoSummary {
  readonly campaignYear: number;
  readonly announcementNumber: string | null;
  readonly totals: FunnelRow;
  readonly outcomes: Readonly<Record<DeclarationOutcome, number>>;
  /** Declarations of the year still without an outcome (none once the year is done). */
  readonly open: number;
  readonly perCity: readonly CityRow[];
  readonly escalations: readonly Escalation[];
  readonly missed: readonly MissedDeadline[];
  readonly notifications: NotificationTally;
  readonly certificates: number;
  readonly activeIncidents: number;
}

/**
 * SQL on a declaration `d` the county or city left undecided when city submissions closed (the
 * model then closes it NOT_RECOMMENDED): neither office recorded a refusal, nor the city a recommendation.
 */
export const undecidedAtDeadline = `NOT EXISTS (SELECT 1 FROM recommendations r WHERE r.declaration_number = d.number AND (r.level = 'CITY' OR NOT r.recommended))`;

const iso = (d: Date | null) => (d ? beijingIso(d) : null);
/** `2023-10-09 17:00`, Beijing time, as people read it. */
export const beijingMinute = (instant: string) => beijingIso(instant).slice(0, 16).replace('T', ' ');

/** Reads the summary of `campaignYear` back from the database and the engine. */
export async function summarize(db: Pool, engine: Pick<EnginePort, 'getInstance' | 'searchIncidents'>, campaignYear: number, notifications: NotificationTally): Promise<DemoSummary> {
  const funnel = `
    (d.channel = 'MEMBER_UNIT' AND d.outcome IS DISTINCT FROM 'INELIGIBLE' AND d.outcome IS DISTINCT FROM 'WITHDRAWN_INCOMPLETE')
      OR EXISTS (SELECT 1 FROM recommendations r WHERE r.declaration_number = d.number AND r.level = 'CITY' AND r.recommended)`;
  const keyList = `EXISTS (SELECT 1 FROM key_cultivation k WHERE k.declaration_number = d.number AND k.selected)`;
  const certified = `EXISTS (SELECT 1 FROM certifications c WHERE c.declaration_number = d.number AND c.status = 'CERTIFIED')`;
  // One row per declaration for the cities; the totals are counted separately by the database.
  const { rows: declarations } = await db.query<{ city_code: string; recommended: boolean; key_list: boolean; certified: boolean; announced: boolean }>(
    `SELECT e.city_code, ${funnel} AS recommended, ${keyList} AS key_list, ${certified} AS certified, d.outcome IS NOT DISTINCT FROM 'ANNOUNCED' AS announced
       FROM declarations d JOIN enterprises e ON e.id = d.enterprise_id WHERE d.campaign_year = $1`,
    [campaignYear],
  );
  const perCity = demoCities.map((city): CityRow => {
    const of = declarations.filter((d) => d.city_code === city.code);
    return {
      cityCode: city.code,
      zh: city.zh,
      en: city.en,
      declared: of.length,
      recommended: of.filter((d) => d.recommended).length,
      keyList: of.filter((d) => d.key_list).length,
      certified: of.filter((d) => d.certified).length,
      announced: of.filter((d) => d.announced).length,
    };
  });
  const { rows: totalRows } = await db.query<FunnelRow>(
    `SELECT count(*)::int AS declared, count(*) FILTER (WHERE ${funnel})::int AS recommended, count(*) FILTER (WHERE ${keyList})::int AS "keyList",
            count(*) FILTER (WHERE ${certified})::int AS certified, count(*) FILTER (WHERE d.outcome = 'ANNOUNCED')::int AS announced
       FROM declarations d WHERE d.campaign_year = $1`,
    [campaignYear],
  );
  const { rows: outcomeRows } = await db.query<{ outcome: DeclarationOutcome | null; n: number }>(
    'SELECT outcome, count(*)::int AS n FROM declarations WHERE campaign_year = $1 GROUP BY 1',
    [campaignYear],
  );
  const outcomes = Object.fromEntries(declarationOutcomes.map((o) => [o, outcomeRows.find((r) => r.outcome === o)?.n ?? 0])) as Record<DeclarationOutcome, number>;
  const { rows: campaign } = await db.query<{ announcement_number: string | null }>('SELECT announcement_number FROM campaigns WHERE year = $1', [campaignYear]);

  const { rows: escalated } = await db.query<{ number: string; body_id: string; due: Date | null; escalated_at: Date; reported_at: Date | null }>(
    `SELECT c.declaration_number AS number, c.body_id, c.cnca_due_at AS due, c.cnca_escalated_at AS escalated_at, c.cnca_reported_at AS reported_at
       FROM certifications c JOIN declarations d ON d.number = c.declaration_number
      WHERE d.campaign_year = $1 AND c.cnca_escalated_at IS NOT NULL ORDER BY c.declaration_number`,
    [campaignYear],
  );
  const escalations = escalated.map((e) => ({ declarationNumber: e.number, bodyId: e.body_id, deadline: iso(e.due) ?? '', escalatedAt: iso(e.escalated_at)!, reportedAt: iso(e.reported_at) }));

  const variable = async (processInstanceKey: string | null, name: string) => {
    if (!processInstanceKey) return null;
    const value = (await engine.getInstance(processInstanceKey)).variables[name];
    return typeof value === 'string' ? beijingIso(value) : null;
  };
  const escalatedCases = (kind: string) => new Set(notifications.cases[kind] ?? []);
  const missed: MissedDeadline[] = [];
  const { rows: undecided } = await db.query<{ number: string; key: string | null; city_code: string; county_checked: boolean }>(
    `SELECT d.number, d.process_instance_key AS key, e.city_code,
            EXISTS (SELECT 1 FROM recommendations r WHERE r.declaration_number = d.number AND r.level = 'COUNTY') AS county_checked
       FROM declarations d JOIN enterprises e ON e.id = d.enterprise_id
      WHERE d.campaign_year = $1 AND d.outcome = 'NOT_RECOMMENDED' AND ${undecidedAtDeadline} ORDER BY d.number`,
    [campaignYear],
  );
  for (const u of undecided) {
    const office = u.county_checked ? { zh: '市质委办', en: 'city office' } : { zh: '县级质委办', en: 'county office' };
    missed.push({
      kind: 'CITY_SUBMISSION',
      caseNumber: u.number,
      deadline: await variable(u.key, 'citySubmissionDeadline'),
      escalated: escalatedCases('deadline-escalation').has(u.number),
      zh: `${office.zh}（${u.city_code}）在报送截止时仍未审核，报告省质委办，按未推荐结案`,
      en: `the ${office.en} (${u.city_code}) had not decided when submissions closed; escalated to the provincial office, closed as not recommended`,
    });
  }
  missed.push(...escalations.map((e): MissedDeadline => ({
    kind: 'CNCA_REPORT',
    caseNumber: e.declarationNumber,
    deadline: e.deadline,
    escalated: escalatedCases('cnca-report-escalation').has(e.declarationNumber),
    zh: `认证机构 ${e.bodyId} 未在 7 个工作日内向国家认监委报送，${beijingMinute(e.escalatedAt)} 报告认证监督管理处${e.reportedAt ? `，${beijingMinute(e.reportedAt)} 补报` : '，仍未报送'}`,
    en: `body ${e.bodyId} did not report to CNCA within 7 working days; escalated to the supervision department ${beijingMinute(e.escalatedAt)}${e.reportedAt ? `, reported late ${beijingMinute(e.reportedAt)}` : ', still unreported'}`,
  })));
  const { rows: lapsed } = await db.query<{ number: string; key: string | null; closed_at: Date }>(
    `SELECT number, process_instance_key AS key, closed_at FROM declarations WHERE campaign_year = $1 AND outcome = 'WITHDRAWN_INCOMPLETE' ORDER BY number`,
    [campaignYear],
  );
  for (const l of lapsed) {
    missed.push({
      kind: 'CORRECTION',
      caseNumber: l.number,
      deadline: await variable(l.key, 'correctionDue'),
      escalated: false,
      zh: `补正期满未补正材料，${beijingMinute(l.closed_at.toISOString())} 视为撤回`,
      en: `materials not corrected within the correction period; withdrawn ${beijingMinute(l.closed_at.toISOString())}`,
    });
  }
  const { rows: assigned } = await db.query<{ number: string; key: string | null; body_id: string }>(
    `SELECT d.number, d.process_instance_key AS key, c.body_id FROM certifications c JOIN declarations d ON d.number = c.declaration_number
      WHERE d.campaign_year = $1 AND c.chosen_by = 'SECRETARIAT' ORDER BY d.number`,
    [campaignYear],
  );
  for (const a of assigned) {
    missed.push({
      kind: 'BODY_CHOICE',
      caseNumber: a.number,
      deadline: await variable(a.key, 'chooseBodyDue'),
      escalated: false,
      zh: `企业未在期限内选择认证机构，秘书处指派 ${a.body_id}`,
      en: `the enterprise chose no certification body in time; the secretariat assigned ${a.body_id}`,
    });
  }
  const { rows: reports } = await db.query<{ due_at: Date; submitted_at: Date | null }>('SELECT due_at, submitted_at FROM alliance_reports WHERE campaign_year = $1', [campaignYear]);
  for (const r of reports.filter((x) => !x.submitted_at || x.submitted_at > x.due_at)) {
    missed.push({
      kind: 'ALLIANCE_REPORT',
      caseNumber: `年报-${campaignYear}`,
      deadline: iso(r.due_at),
      escalated: escalatedCases('deadline-escalation').has(`年报-${campaignYear}`),
      zh: r.submitted_at ? `联盟年度工作报告逾期，${beijingMinute(r.submitted_at.toISOString())} 报送` : '联盟年度工作报告尚未报送',
      en: r.submitted_at ? `the alliance's annual report was late, handed in ${beijingMinute(r.submitted_at.toISOString())}` : "the alliance's annual report is not in",
    });
  }

  const certificates = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM certificates c JOIN declarations d ON d.number = c.declaration_number WHERE d.campaign_year = $1',
    [campaignYear],
  );
  return {
    campaignYear,
    announcementNumber: campaign[0]?.announcement_number ?? null,
    totals: totalRows[0]!,
    outcomes,
    open: outcomeRows.find((r) => r.outcome === null)?.n ?? 0,
    perCity,
    escalations,
    missed,
    notifications,
    certificates: certificates.rows[0]!.n,
    activeIncidents: (await engine.searchIncidents({ state: 'ACTIVE' })).length,
  };
}

const outcomeNames: Record<DeclarationOutcome, string> = {
  ANNOUNCED: '已公告 / announced',
  INELIGIBLE: '不符合条件 / ineligible',
  WITHDRAWN_INCOMPLETE: '材料不全撤回 / withdrawn incomplete',
  NOT_RECOMMENDED: '未获推荐 / not recommended',
  NOT_SELECTED: '未列入重点培育 / not on the key list',
  STANDARD_NOT_ADVANCED: '标准不先进 / standard not advanced',
  STANDARD_NOT_COMPLIANT: '标准不合法或不合规 / standard not lawful or not compliant',
  NOT_CERTIFIED: '未通过认证 / not certified',
  CREDIT_REJECTED: '信用不通过 / rejected on credit',
  NOT_PROPOSED: '未列入拟认证名单 / not on the proposed list',
  REMOVED_AFTER_OBJECTION: '因异议撤销 / removed after objection',
  WITHDRAWN: '主动撤回 / withdrawn',
};

const kindNames: Record<MissedDeadlineKind, string> = {
  CITY_SUBMISSION: '市级报送 / city submission',
  CNCA_REPORT: '国家认监委报送 / CNCA report',
  CORRECTION: '补正材料 / correction',
  BODY_CHOICE: '选择认证机构 / body choice',
  ALLIANCE_REPORT: '联盟年报 / alliance report',
};

/** Columns in a terminal: CJK characters take two. */
function width(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}
const padEnd = (text: string, n: number) => text + ' '.repeat(Math.max(0, n - width(text)));
const padStart = (text: string, n: number) => ' '.repeat(Math.max(0, n - width(text))) + text;

/** The summary as the person at the terminal reads it: Chinese first, English second; times in Beijing time. */
export function formatSummary(s: DemoSummary): string[] {
  const lines: string[] = [];
  const t = s.totals;
  lines.push(`== ${s.campaignYear} 年度汇总 / summary of ${s.campaignYear}${s.announcementNumber ? `（公告 / announcement ${s.announcementNumber}）` : ''} ==`);
  lines.push(`申报 / declared: ${t.declared}`);
  lines.push(`推荐进入省级评审 / recommended to the province: ${t.recommended}`);
  lines.push(`重点培育名单 / on the key-cultivation list: ${t.keyList}`);
  lines.push(`通过认证 / certified: ${t.certified}`);
  lines.push(`公告 / announced: ${t.announced}（证书 / certificates ${s.certificates}）`);
  lines.push(`结果 / outcomes: ${declarationOutcomes.filter((o) => s.outcomes[o] > 0).map((o) => `${outcomeNames[o]} ${s.outcomes[o]}`).join('；')}${s.open ? `；未结 / still open ${s.open}` : ''}`);
  lines.push('');
  const headers = ['设区市 / city', '申报 declared', '推荐 recommended', '重点培育 key list', '认证 certified', '公告 announced'];
  const cells = (name: string, r: FunnelRow) => [name, String(r.declared), String(r.recommended), String(r.keyList), String(r.certified), String(r.announced)];
  const body = s.perCity.map((r) => cells(`${r.cityCode} ${r.zh} ${r.en}`, r));
  const total = cells('合计 / total', t);
  const widths = headers.map((h, i) => Math.max(width(h), ...[...body, total].map((row) => width(row[i]!))));
  const row = (r: string[]) => r.map((c, i) => (i === 0 ? padEnd(c, widths[i]!) : padStart(c, widths[i]!))).join('  ');
  lines.push(row(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(row), widths.map((w) => '-'.repeat(w)).join('  '), row(total));
  lines.push('');
  lines.push(`逾期与督办 / deadlines missed and escalated: ${s.missed.length}${s.missed.length ? '' : '（无 / none）'}`);
  for (const m of s.missed) {
    lines.push(`  [${kindNames[m.kind]}] ${m.caseNumber} 期限 / due ${m.deadline ? beijingMinute(m.deadline) : '—'}${m.escalated ? ' 已督办 / escalated' : ''}：${m.zh} / ${m.en}`);
  }
  const n = s.notifications;
  const queued = Object.entries(n.queued).sort(([a], [b]) => a.localeCompare(b));
  lines.push(
    `通知 / notifications: 入队 queued ${queued.reduce((a, [, c]) => a + c, 0)}${queued.length ? `（${queued.map(([k, c]) => `${k} ${c}`).join('，')}）` : ''}；` +
      `已${n.transport === 'smtp' ? '发送' : '记录'} ${n.transport === 'smtp' ? 'sent' : 'logged'} ${n.sent}（${n.transport}）；失败 / dead letters ${n.deadLetters}${n.pending ? `；待发 / pending ${n.pending}` : ''}`,
  );
  lines.push(`未解决的事件 / active incidents: ${s.activeIncidents}`);
  return lines;
}
