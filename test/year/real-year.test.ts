import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type RunningSystem } from '../../bin/start.ts';
import { eligibleFacts } from '../../bin/demo/facts.ts';
import { createLogger } from '../../platform/log.ts';
import { runJingpin, type CliRun } from '../cli.ts';
import { freePort } from '../free-port.ts';
import { createTestPrefix, type TestPrefix } from '../notifications/redis-prefix.ts';
import { startSmtpSink, type SmtpSink } from '../notifications/smtp-sink.ts';
import { uploadDraftFiles } from '../draft-uploads.ts';
import { eventually, httpClient } from '../http-client.ts';
import { createTestSchema, type TestSchema } from '../pg.ts';
import { CITY, cityContacts, ENTERPRISE, installYear, PASSWORD, registration, YEAR } from './year-2027.ts';

/**
 * An office runs its own 2027 on a fresh install, as docs/rule-sets.md and docs/directory.md tell
 * it to: every step is a `jingpin` command or an HTTP request against the running system (real
 * clock, embedded engine, a real SMTP server in this test); no SQL touches the schema.
 */
let db: TestSchema;
let redis: TestPrefix;
let smtp: SmtpSink;
let folder: string;
let system: RunningSystem | undefined;

const jingpin = (args: string[], input?: string): Promise<CliRun> => runJingpin(args, { DATABASE_SCHEMA: db.schema }, input);
/** Runs a command that must succeed, and answers what it printed. */
async function ok(args: string[], input?: string): Promise<string> {
  const run = await jingpin(args, input);
  expect(run.code, `jingpin ${args.join(' ')}\n${run.stdout}\n${run.stderr}`).toBe(0);
  return run.stdout;
}

beforeAll(async () => {
  db = await createTestSchema(); // empty: the install below migrates it
  redis = createTestPrefix();
  smtp = await startSmtpSink();
  folder = await mkdtemp(path.join(tmpdir(), 'jingpin-year-'));
});
afterAll(async () => {
  await system?.close();
  await smtp?.close();
  await redis?.drop();
  await db?.drop();
  await rm(folder, { recursive: true, force: true });
});

const client = httpClient(() => system!.address);
const call = client.call;
const signIn = (username: string) => client.signIn(username, PASSWORD);

interface TaskView {
  key: string;
  elementId: string;
  businessKey: string | null;
}

/** Completes the one `elementId` task of the declaration from the user's inbox, with the form's fields. */
async function completeFromInbox(token: string, elementId: string, number: string, form: Record<string, unknown>): Promise<void> {
  const task = await eventually(`${elementId} of ${number} in the inbox`, async () => {
    const inbox = await call('GET', '/tasks', token);
    expect(inbox.status).toBe(200);
    return (inbox.json as TaskView[]).find((t) => t.elementId === elementId && t.businessKey === number);
  });
  // What the reviewer sees before deciding: the facts and the eligibility verdict.
  const view = await call('GET', `/tasks/${task.key}`, token);
  expect(view.status).toBe(200);
  // The 2024 figures the draft kept include some no document gives (known: false): those rules are
  // left to a person, so the verdict is ELIGIBLE_PENDING_REVIEW rather than ELIGIBLE.
  expect(view.json.case).toMatchObject({
    facts: { campaignYear: YEAR, category: 'MANUFACTURING' },
    eligibility: { outcome: expect.stringMatching(/^ELIGIBLE/), ruleSetVersion: 1, reasons: expect.arrayContaining([expect.objectContaining({ zh: expect.stringMatching(/^D\d/) })]) },
  });
  const done = await call('POST', `/tasks/${task.key}/complete`, token, form);
  expect(done.status, JSON.stringify(done.json)).toBe(200);
}

describe(`a real ${YEAR} on an empty database, through the CLI and the HTTP API only`, () => {
  it('installs, loads the rule set, holidays and directory, opens the year, and takes a declaration to the city recommendation with mail to the right contacts', async () => {
    // Install.
    await ok(['migrate']);

    // The timetable is set from the real today: the notice today, the city submission two working
    // days on (year-2027.ts). The city's reminder is then already due, so the engine sends it as
    // soon as the city's task exists: the one mail this part of the cycle sends (the models notify
    // no county before the city deadline, and the county check has no due date for the 08:00
    // digest), read as it arrives.
    const { citySubmission, noticeDate, rulesChecked, rulesLoaded, plan } = await installYear(ok, folder);
    expect(rulesChecked).toContain(`/notice/value/reference: "苏质委办〔2024〕2号" → "苏质委办〔${YEAR}〕1号"`);
    expect(rulesLoaded).toContain(`loaded the ${YEAR} rule set, version 1`);
    expect(plan).toContain(`  ${citySubmission}  设区市报送截止 / city submission closes`);

    // Start the whole system on this schema, mail going to the SMTP server of this test.
    const config = { ...db.config, PORT: await freePort(), REDIS_PREFIX: redis.prefix, SMTP_URL: smtp.url, ATTACHMENTS_DIR: path.join(folder, 'attachments') };
    system = await startSystem(config, { logger: createLogger('silent') });
    expect((await call('GET', '/health')).json).toMatchObject({ status: 'ok', engine: 'embedded', database: 'ok' });

    // The provincial office opens the year with its notice and the city deadline it set.
    const province = await signIn('sheng');
    const opened = await call('POST', '/campaigns', province, { year: YEAR, noticeNumber: `苏质委办〔${YEAR}〕1号`, noticeDate, deadlines: { citySubmission } });
    expect(opened.status, JSON.stringify(opened.json)).toBe(202);
    const campaign = await eventually('the campaign opens', async () => {
      const answer = await call('GET', `/campaigns/${YEAR}`, province);
      return answer.status === 200 && answer.json.status === 'OPEN' && answer.json;
    });
    expect(campaign.timetable.citySubmissionDeadline).toBe(`${citySubmission}T17:00:00+08:00`);

    // The enterprise registers itself; its county confirms it.
    const enterprise = await signIn('jinling');
    const registered = await call('POST', '/enterprises', enterprise, registration);
    expect(registered.status, JSON.stringify(registered.json)).toBe(201);
    const county = await signIn('xuanwu');
    const awaiting = await call('GET', '/enterprises?awaiting=true', county);
    expect(awaiting.json.map((e: { id: string }) => e.id)).toEqual([ENTERPRISE]);
    const confirmed = await call('POST', `/enterprises/${ENTERPRISE}/confirmation`, county, { confirm: true });
    expect(confirmed.status, JSON.stringify(confirmed.json)).toBe(200);
    expect((await call('GET', `/enterprises/${ENTERPRISE}`, enterprise)).json).toMatchObject({ status: 'CONFIRMED' });

    // The enterprise drafts and submits its declaration.
    const draft = await call('POST', '/declarations', enterprise, {
      campaignYear: YEAR,
      productName: '高强度紧固件 / high-strength fasteners',
      category: 'MANUFACTURING',
      facts: eligibleFacts('MANUFACTURING', YEAR, 1),
    });
    expect(draft.status, JSON.stringify(draft.json)).toBe(201);
    // With its materials: one PDF for each kind it lists, uploaded to the draft as the form does.
    await uploadDraftFiles(system.address, enterprise, draft.json.id, eligibleFacts('MANUFACTURING', YEAR, 1));
    const submitted = await call('POST', `/declarations/drafts/${draft.json.id}/submit`, enterprise, {});
    expect(submitted.status, JSON.stringify(submitted.json)).toBe(201);
    const number: string = submitted.json.number;
    expect(number).toBe(`JP-${YEAR}-${CITY}-0001`);

    // The county checks it from its inbox, then the city recommends it from its own.
    await completeFromInbox(county, 'countyCheck', number, { recommended: true, reason: '材料齐全，符合申报条件 / complete and eligible' });
    const city = await signIn('nanjing');
    await completeFromInbox(city, 'cityReview', number, { recommended: true, reason: '同意推荐 / recommended' });

    const declaration = await eventually('the city recommendation is recorded', async () => {
      const answer = await call('GET', `/declarations/${number}`, enterprise);
      expect(answer.status).toBe(200);
      return answer.json.stage === 'EXPERT_REVIEW' && answer.json;
    });
    expect(declaration).toMatchObject({
      outcome: null,
      facts: { campaignYear: YEAR },
      eligibility: { outcome: expect.stringMatching(/^ELIGIBLE/), ruleSetVersion: 1 },
      recommendations: [
        expect.objectContaining({ level: 'COUNTY', recommended: true, decidedBy: 'xuanwu' }),
        expect.objectContaining({ level: 'CITY', recommended: true, decidedBy: 'nanjing' }),
      ],
    });

    // Mail: the city's reminder reached both Nanjing contacts from the CSV, each by name, in Chinese
    // (their language in the CSV), and no one else: not the county, the other offices or the body.
    const mails = await smtp.waitForMails(Object.keys(cityContacts).length, 30_000);
    await sleep(1_000); // a mail to anyone else would have arrived with these
    expect(mails.flatMap((m) => m.to).sort()).toEqual(Object.keys(cityContacts).sort());
    const [y, m, d] = citySubmission.split('-').map(Number);
    for (const mail of mails) {
      expect(mail.parsed.subject).toBe(`【江苏精品】报送提醒：请于 ${y}年${m}月${d}日 17:00 前报送 ${number} 批次推荐材料`);
      expect(mail.parsed.text).toMatch(new RegExp(`^${cityContacts[mail.to[0]!]}：\n\n您好！\n`));
      expect(mail.parsed.text).toContain('统一报送省质量发展委员会办公室');
    }
    const health = await call('GET', '/health');
    expect(health.json).toMatchObject({ mail: 'smtp' });
    const incidents = await call('GET', '/incidents?state=ACTIVE', province);
    expect(incidents.json).toEqual([]);
  }, 240_000);
});
