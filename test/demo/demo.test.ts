import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declarationOutcomes } from '../../bpmn/contract.ts';
import { DemoSchemaInUse, runDemo, type DemoResult } from '../../bin/demo/run-demo.ts';
import { demoStages } from '../../bin/demo/scenario.ts';
import { generatePopulation } from '../../bin/demo/population.ts';
import { memberUnitUserName } from '../../platform/auth/demo-users.ts';
import { loadConfig } from '../../platform/config.ts';
import { createTestPrefix, type TestPrefix } from '../notifications/redis-prefix.ts';
import { createTestSchema, type TestSchema } from '../pg.ts';

// One demo year of 20 enterprises in a schema and a Redis prefix of the test's own; every test
// below reads what it left behind.
let db: TestSchema;
let redis: TestPrefix;
let result: DemoResult;
let attachments: string | undefined;
const lines: string[] = [];
const year = 2023;

beforeAll(async () => {
  db = await createTestSchema();
  redis = createTestPrefix();
  // The scripted enterprises' materials (one sample PDF) go to a folder of the test's own.
  attachments = await mkdtemp(path.join(tmpdir(), 'jingpin-demo-attachments-'));
  const config = loadConfig({ ...process.env, REDIS_PREFIX: redis.prefix, ATTACHMENTS_DIR: attachments });
  result = await runDemo({ enterprises: 20, seed: 7, schema: db.schema, config, print: (line) => lines.push(line) });
}, 240_000);

afterAll(async () => {
  if (attachments) await rm(attachments, { recursive: true, force: true });
  await db?.drop();
  await redis?.drop();
});

const rows = async <T>(sql: string, params: unknown[] = []) => (await db.pool.query<T & Record<string, unknown>>(sql, params)).rows;

describe('jingpin demo, 20 enterprises', () => {
  it('gives every declaration exactly one outcome, and the outcomes add up to what was declared', async () => {
    const { summary } = result;
    expect(summary.totals.declared).toBe(20);
    expect(summary.open).toBe(0);
    expect(declarationOutcomes.reduce((sum, o) => sum + summary.outcomes[o], 0)).toBe(summary.totals.declared);
    // Each case was closed once, by its model's close task, with the outcome on record.
    const closed = await rows<{ number: string; outcome: string; closings: number; audited: string[] }>(
      `SELECT d.number, d.outcome, count(a.id)::int AS closings, array_agg(a.detail->>'outcome') AS audited
         FROM declarations d LEFT JOIN audit_log a ON a.subject_id = d.number AND a.action = 'declaration.closed'
        WHERE d.campaign_year = $1 GROUP BY d.number, d.outcome`,
      [year],
    );
    expect(closed).toHaveLength(20);
    for (const c of closed) expect({ number: c.number, closings: c.closings, audited: c.audited }).toEqual({ number: c.number, closings: 1, audited: [c.outcome] });
  });

  it('has the scripted enterprises upload the materials they list: every declaration has its files, one sample PDF kept once', async () => {
    const declared = await rows<{ number: string; files: number; prior: number }>(
      `SELECT d.number, count(a.id)::int AS files, count(a.id) FILTER (WHERE a.kind = 'PRIOR_YEAR_RECORD')::int AS prior
         FROM declarations d LEFT JOIN attachments a ON a.declaration_number = d.number WHERE d.campaign_year = $1 GROUP BY d.number`,
      [year],
    );
    expect(declared.length).toBeGreaterThan(0);
    expect(declared.filter((d) => d.files === 0)).toEqual([]);
    // The prior-year record is the system's to attest, never a file.
    expect(declared.filter((d) => d.prior > 0)).toEqual([]);
    expect(await rows(`SELECT DISTINCT sha256 FROM attachments`)).toHaveLength(1);
    // A carry-over's files went with its draft.
    const carried = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM attachments a JOIN declarations d ON d.number = a.declaration_number WHERE d.channel = 'CARRY_OVER' AND a.draft_id IS NOT NULL`);
    expect(carried[0]!.n).toBeGreaterThan(0);
  });

  it('narrows at every step: declared ≥ recommended ≥ key list ≥ certified ≥ announced, with a certificate per announcement', () => {
    const t = result.summary.totals;
    expect(t.declared).toBeGreaterThanOrEqual(t.recommended);
    expect(t.recommended).toBeGreaterThanOrEqual(t.keyList);
    expect(t.keyList).toBeGreaterThanOrEqual(t.certified);
    expect(t.certified).toBeGreaterThanOrEqual(t.announced);
    expect(t.announced).toBeGreaterThan(0);
    expect(t.announced).toBe(result.summary.outcomes.ANNOUNCED);
    expect(result.summary.certificates).toBe(t.announced);
  });

  it('has each city decide its declarations in batches with its member units\' opinions: every city decision belongs to one', async () => {
    const decisions = await rows<{ number: string; batch: string | null; city: string; batchCity: string | null; opinions: number }>(
      `SELECT r.declaration_number AS number, b.batch_id::text AS batch, e.city_code AS city, cb.city_code AS "batchCity",
              (SELECT count(*)::int FROM city_batch_member_opinions o WHERE o.batch_id = b.batch_id) AS opinions
         FROM recommendations r JOIN declarations d ON d.number = r.declaration_number JOIN enterprises e ON e.id = d.enterprise_id
         LEFT JOIN city_batch_declarations b ON b.declaration_number = r.declaration_number
         LEFT JOIN city_recommendation_batches cb ON cb.id = b.batch_id
        WHERE r.level = 'CITY' AND d.campaign_year = $1`,
      [year],
    );
    expect(decisions.length).toBeGreaterThan(0);
    for (const d of decisions) expect({ number: d.number, city: d.batchCity, opinions: d.opinions > 0 }).toEqual({ number: d.number, city: d.city, opinions: true });
  });

  it('has per-city rows that sum to the totals, over the 13 cities', () => {
    const { perCity, totals } = result.summary;
    expect(perCity.map((r) => r.cityCode)).toHaveLength(13);
    for (const field of ['declared', 'recommended', 'keyList', 'certified', 'announced'] as const) {
      expect(perCity.reduce((sum, r) => sum + r[field], 0), field).toBe(totals[field]);
    }
    // 20 enterprises over 13 cities: each city has at least one.
    expect(perCity.every((r) => r.declared >= 1)).toBe(true);
  });

  it('has the institute judge every listed standard three ways, each with its reason, from the table the enterprise filed', async () => {
    const judged = await rows<{ number: string; legitimacy: string; compliance: string; verdict: string; proposal: string; reasons: boolean; proposed: boolean }>(
      `SELECT s.declaration_number AS number, s.legitimacy, s.compliance, s.verdict, s.proposal_verdict AS proposal,
              (s.legitimacy_reason <> '' AND s.compliance_reason <> '' AND s.advancement_reason <> '') AS reasons,
              EXISTS (SELECT 1 FROM standard_proposals p WHERE p.declaration_number = s.declaration_number AND p.proposed_at <= s.evaluated_at) AS proposed
         FROM standard_evaluations s JOIN declarations d ON d.number = s.declaration_number WHERE d.campaign_year = $1`,
      [year],
    );
    expect(judged.length).toBeGreaterThan(0);
    for (const j of judged) expect(j, j.number).toMatchObject({ legitimacy: 'LEGITIMATE', compliance: 'COMPLIANT', reasons: true, proposed: true });
    // Every standard the institute found behind, it found so against the proposal; the others follow it.
    const behind = judged.filter((j) => j.verdict === 'NOT_ADVANCED');
    expect(behind.length).toBe(result.summary.outcomes.STANDARD_NOT_ADVANCED);
    expect(judged.filter((j) => j.verdict !== j.proposal)).toEqual(behind);
  });

  it('lists exactly the escalated CNCA deadlines: the certifications escalated, audited and mailed to the supervision department', async () => {
    const listed = result.summary.escalations.map((e) => e.declarationNumber).sort();
    expect(listed.length).toBeGreaterThan(0);
    const escalated = await rows<{ number: string }>(
      `SELECT c.declaration_number AS number FROM certifications c JOIN declarations d ON d.number = c.declaration_number
        WHERE d.campaign_year = $1 AND c.cnca_escalated_at IS NOT NULL ORDER BY 1`,
      [year],
    );
    expect(listed).toEqual(escalated.map((r) => r.number));
    const audited = await rows<{ subject_id: string }>(`SELECT subject_id FROM audit_log WHERE action = 'cnca_report.escalated' ORDER BY 1`);
    expect(audited.map((r) => r.subject_id)).toEqual(listed);
    const mailed = await rows<{ case_number: string }>(
      `SELECT s.case_number FROM notifications_sent s JOIN notification_contacts c ON c.id = s.contact_id
        WHERE s.kind = 'cnca-report-escalation' AND c.role = 'supervision_department' ORDER BY 1`,
    );
    expect(mailed.map((r) => r.case_number)).toEqual(listed);
    expect(result.summary.missed.filter((m) => m.kind === 'CNCA_REPORT').map((m) => m.caseNumber).sort()).toEqual(listed);
    // Each was reported late, after its deadline, and escalated when the deadline passed.
    for (const e of result.summary.escalations) {
      expect(e.reportedAt! > e.deadline).toBe(true);
      expect(e.escalatedAt >= e.deadline).toBe(true);
    }
  });

  it('lists the declarations a city left undecided at its deadline: closed as not recommended and escalated to the provincial office', async () => {
    const listed = result.summary.missed.filter((m) => m.kind === 'CITY_SUBMISSION');
    expect(listed.length).toBeGreaterThan(0);
    const closed = await rows<{ number: string }>(
      `SELECT d.number FROM declarations d JOIN audit_log a ON a.subject_id = d.number AND a.action = 'declaration.closed'
        WHERE d.campaign_year = $1 AND d.outcome = 'NOT_RECOMMENDED' AND a.at = (SELECT (timetable->>'citySubmissionDeadline')::timestamptz FROM campaigns WHERE year = $1)
        ORDER BY 1`,
      [year],
    );
    expect(listed.map((m) => m.caseNumber)).toEqual(closed.map((r) => r.number));
    const mailed = await rows<{ case_number: string }>(
      `SELECT s.case_number FROM notifications_sent s JOIN notification_contacts c ON c.id = s.contact_id
        WHERE s.kind = 'deadline-escalation' AND c.role = 'provincial_office' ORDER BY 1`,
    );
    expect(mailed.map((r) => r.case_number)).toEqual(listed.map((m) => m.caseNumber));
    for (const m of listed) expect({ escalated: m.escalated, deadline: m.deadline }).toEqual({ escalated: true, deadline: '2023-05-17T17:00:00+08:00' });
  });

  it('queues every notification the models asked for, and each reached a contact', () => {
    const { notifications } = result.summary;
    const queued = Object.values(notifications.queued).reduce((a, b) => a + b, 0);
    expect(notifications.queued['cnca-report-escalation']).toBe(result.summary.escalations.length);
    expect(notifications.queued['city-submission-reminder']).toBeGreaterThan(0);
    expect({ sent: notifications.sent, deadLetters: notifications.deadLetters, pending: notifications.pending }).toEqual({ sent: queued, deadLetters: 0, pending: 0 });
  });

  it('ends with no active incident, and only the certificates still running', async () => {
    expect(result.summary.activeIncidents).toBe(0);
    expect(await rows(`SELECT key FROM engine_incidents WHERE state = 'ACTIVE'`)).toEqual([]);
    const running = await rows<{ process_id: string; n: number }>(`SELECT process_id, count(*)::int AS n FROM engine_instances WHERE state = 'ACTIVE' GROUP BY 1`);
    expect(running).toEqual([{ process_id: 'certificate', n: result.summary.certificates }]);
  });

  it('plays the year’s exceptions: carry-over, ineligible, not recommended, standard, certification, credit, objection, suspension', async () => {
    const o = result.summary.outcomes;
    for (const outcome of ['INELIGIBLE', 'NOT_RECOMMENDED', 'NOT_SELECTED', 'STANDARD_NOT_ADVANCED', 'NOT_CERTIFIED', 'CREDIT_REJECTED', 'REMOVED_AFTER_OBJECTION'] as const) {
      expect(o[outcome], outcome).toBeGreaterThan(0);
    }
    const [facts] = await rows<{ carried: number; handovers: number; ties: number; upheld: number; dismissed: number }>(
      `SELECT (SELECT count(*) FROM declarations WHERE campaign_year = $1 AND channel = 'CARRY_OVER')::int AS carried,
              (SELECT count(*) FROM certification_handovers)::int AS handovers,
              (SELECT count(*) FROM panel_exclusions x, jsonb_array_elements(x.reasons) r WHERE r->>'code' = 'DECLARED_TIE')::int AS ties,
              (SELECT count(*) FROM objections WHERE decision = 'UPHELD')::int AS upheld,
              (SELECT count(*) FROM objections WHERE decision = 'DISMISSED')::int AS dismissed`,
      [year],
    );
    expect(facts).toEqual({ carried: 1, handovers: expect.any(Number), ties: expect.any(Number), upheld: 1, dismissed: 1 });
    expect(facts!.handovers).toBeGreaterThan(0);
    expect(facts!.ties).toBeGreaterThan(0);
    // No expert sat on a panel of his own city's enterprise or of one he declared a tie to.
    expect(
      await rows(
        `SELECT p.declaration_number, p.expert_id FROM panel_assignments p JOIN declarations d ON d.number = p.declaration_number
           JOIN enterprises e ON e.id = d.enterprise_id JOIN experts x ON x.id = p.expert_id
          WHERE x.city_code = e.city_code OR EXISTS (SELECT 1 FROM expert_ties t WHERE t.expert_id = x.id AND t.enterprise_id = e.id)`,
      ),
    ).toEqual([]);
  });

  it('takes the comprehensive review by its people: credit with nothing on file decided by hand, every member unit answered or recorded as no reply, the office\'s proposed list alone publicised', async () => {
    const credit = await rows<{ result: string; decided_by: string | null; adapter: string }>(
      `SELECT c.result, c.decided_by, c.adapter FROM credit_checks c JOIN declarations d ON d.number = c.declaration_number WHERE d.campaign_year = $1`,
      [year],
    );
    expect(credit.filter((c) => c.result === 'NOT_CONSULTED').map((c) => c.decided_by)).toEqual(['provincial-office']);
    expect(new Set(credit.map((c) => c.adapter))).toEqual(new Set(['credit-records']));
    const opinions = await rows<{ member_unit_id: string; status: string; given_by: string }>('SELECT member_unit_id, status, given_by FROM member_unit_opinions WHERE campaign_year = $1 ORDER BY member_unit_id', [year]);
    const [units] = await rows<{ n: number }>('SELECT count(*)::int AS n FROM member_units');
    expect(opinions).toHaveLength(units!.n);
    expect(opinions.filter((o) => o.status === 'NO_REPLY')).toHaveLength(1);
    expect(opinions.filter((o) => o.status === 'OBJECTED')).toHaveLength(1);
    // Each unit's answer is its own person's (as `jingpin users seed-demo` names him), never another unit's.
    for (const o of opinions.filter((x) => x.status !== 'NO_REPLY')) expect(o.given_by).toBe(memberUnitUserName(o.member_unit_id));
    // A supplementary recommendation names its unit by its directory id and was submitted by that unit's person.
    const recommended = await rows<{ member_unit: string; actor: string; listed: boolean }>(
      `SELECT d.member_unit, a.actor, EXISTS (SELECT 1 FROM member_units u WHERE u.id = d.member_unit) AS listed
         FROM declarations d JOIN audit_log a ON a.subject_id = d.number AND a.action = 'declaration.submitted'
        WHERE d.campaign_year = $1 AND d.channel = 'MEMBER_UNIT'`,
      [year],
    );
    expect(recommended.length).toBeGreaterThan(0);
    for (const r of recommended) expect(r).toEqual({ member_unit: r.member_unit, actor: memberUnitUserName(r.member_unit), listed: true });
    const [review] = await rows<{ decided_by: string; reason: string }>('SELECT decided_by, reason FROM comprehensive_reviews WHERE campaign_year = $1', [year]);
    expect(review).toMatchObject({ decided_by: 'provincial-office', reason: expect.stringContaining('暂不列入') });
    const leftOff = await rows<{ number: string; outcome: string }>(
      `SELECT d.number, d.outcome FROM comprehensive_review_candidates c JOIN declarations d ON d.number = c.declaration_number WHERE c.campaign_year = $1 AND NOT c.proposed`,
      [year],
    );
    expect(leftOff.map((d) => d.outcome)).toEqual(['NOT_PROPOSED']);
    const [started] = await rows<{ detail: { declarations: string[] } }>(`SELECT detail FROM audit_log WHERE action = 'publicity.started'`);
    expect(started!.detail.declarations).not.toContain(leftOff[0]!.number);
    expect(result.summary.outcomes.NOT_PROPOSED).toBe(1);
  });

  it('prints one line per stage in order, Chinese first, then the summary with the per-city table', () => {
    const stageLines = lines.filter((l) => /^\[2023-\d\d-\d\d \d\d:\d\d\] /.test(l));
    expect(stageLines).toHaveLength(demoStages.length);
    expect(result.stages.map((s) => s.key)).toEqual(demoStages.map((s) => s.key));
    for (const line of stageLines) expect(line).toMatch(/^\[[^\]]+\] [^A-Za-z]*[\u4e00-\u9fff].* \/ [a-z0-9]/);
    expect(lines).toContain(`申报 / declared: ${result.summary.totals.declared}`);
    expect(lines.some((l) => l.startsWith('合计 / total') && l.replace(/\s+/g, ' ').endsWith(
      [result.summary.totals.declared, result.summary.totals.recommended, result.summary.totals.keyList, result.summary.totals.certified, result.summary.totals.announced].join(' '),
    ))).toBe(true);
    expect(lines.some((l) => l.includes(db.schema))).toBe(true);
  });

  it('refuses to run in a schema that holds tables', async () => {
    await expect(runDemo({ enterprises: 1, seed: 1, schema: db.schema, config: loadConfig() })).rejects.toBeInstanceOf(DemoSchemaInUse);
  });
});

describe('the generated province', () => {
  it('is the same for the same seed and differs for another', () => {
    const a = generatePopulation({ enterprises: 50, seed: 11 });
    expect(generatePopulation({ enterprises: 50, seed: 11 })).toEqual(a);
    expect(generatePopulation({ enterprises: 50, seed: 12 }).enterprises.map((e) => e.name)).not.toEqual(a.enterprises.map((e) => e.name));
  });

  it('gives valid unified social credit codes, unique names and every city an enterprise', () => {
    const { enterprises, experts } = generatePopulation({ enterprises: 100, seed: 2023 });
    const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    for (const e of enterprises) {
      expect(e.id).toMatch(/^91\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/);
      const sum = [...e.id.slice(0, 17)].reduce((acc, ch, i) => acc + chars.indexOf(ch) * weights[i]!, 0);
      expect(chars[(31 - (sum % 31)) % 31]).toBe(e.id[17]);
      expect(e.countyCode.slice(0, 4)).toBe(e.cityCode.slice(0, 4));
    }
    expect(new Set(enterprises.map((e) => e.name)).size).toBe(100);
    expect(new Set(enterprises.map((e) => e.cityCode)).size).toBe(13);
    expect(new Set(enterprises.map((e) => e.category))).toEqual(new Set(['AGRICULTURE', 'MANUFACTURING', 'SERVICE']));
    expect(experts.filter((x) => x.ties?.length).length).toBeGreaterThanOrEqual(2);
  });
});
