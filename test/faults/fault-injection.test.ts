import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type RunningSystem } from '../../bin/start.ts';
import { eligibleFacts } from '../../bin/demo/facts.ts';
import { uploadDraftFiles } from '../draft-uploads.ts';
import { loadConfig } from '../../platform/config.ts';
import { createLogger } from '../../platform/log.ts';
import { runJingpin } from '../cli.ts';
import { freePort } from '../free-port.ts';
import { eventually, httpClient, type Answer } from '../http-client.ts';
import { startSmtpSink, type SmtpSink } from '../notifications/smtp-sink.ts';
import { cityContacts, ENTERPRISE, installYear, PASSWORD, registration, YEAR } from '../year/year-2027.ts';
import { countRows, startPrivatePostgres, startPrivateRedis, type PrivatePostgres, type PrivateRedis } from './private-services.ts';

/**
 * Fault injection: a running jingpin (the whole system, as `jingpin start` wires it) on a
 * PostgreSQL and a Redis of this suite's own, with a real SMTP server in the test, while the
 * suite restarts PostgreSQL in the middle of submissions, stops Redis while tasks that send mail
 * complete, and has the SMTP server refuse for a while. After each fault it checks that nothing
 * the system accepted was lost or done twice, and at the end prints what it injected and checked.
 */
const DECLARATIONS = 6;

let postgres: PrivatePostgres;
let redis: PrivateRedis;
let smtp: SmtpSink;
let folder: string;
let system: RunningSystem | undefined;
const env = () => ({ DATABASE_URL: postgres.url, REDIS_URL: redis.url, DATABASE_SCHEMA: 'public' });
const client = httpClient(() => system!.address);
const { call } = client;
const faults: string[] = [];

beforeAll(async () => {
  [postgres, redis, smtp] = await Promise.all([startPrivatePostgres(), startPrivateRedis(), startSmtpSink()]);
  folder = await mkdtemp(path.join(tmpdir(), 'jingpin-faults-'));
}, 60_000);
afterAll(async () => {
  await system?.close();
  await smtp?.close();
  await redis?.close();
  await postgres?.close();
  await rm(folder, { recursive: true, force: true });
});

/**
 * A POST as a careful client sends it during an outage: with an Idempotency-Key, retried on a
 * network error or a 5xx until it gets a definite answer, so a request that was applied but whose
 * answer was lost is answered from the key and never applied twice. A key whose first request died
 * with the database (no answer, key not freed) is taken over after 30 s (api/idempotency.ts), so the
 * client keeps trying for a minute.
 */
async function postUntilAnswered(url: string, token: string, body: unknown): Promise<Answer & { tries: number }> {
  const key = randomUUID();
  for (let tries = 1; ; tries++) {
    const answer = await call('POST', url, token, body, { 'idempotency-key': key }).catch(() => null);
    // A 409 for the key itself says its first request still runs (or died and its key is not yet free): send again.
    const keyInUse = answer?.status === 409 && answer.json?.type === 'urn:jingpin:problem:idempotency-key-in-use';
    if (answer && answer.status < 500 && !keyInUse) return { ...answer, tries };
    if (tries >= 240) throw new Error(`${url}: no answer after ${tries} tries (${answer?.status})`);
    await sleep(250);
  }
}

/** Completes the declaration's county check from the county's inbox. */
async function countyRecommends(county: string, number: string): Promise<void> {
  const task = await eventually(`countyCheck of ${number}`, async () => {
    const inbox = await call('GET', '/tasks', county);
    return inbox.status === 200 && (inbox.json as { key: string; elementId: string; businessKey: string }[]).find((t) => t.elementId === 'countyCheck' && t.businessKey === number);
  });
  const done = await postUntilAnswered(`/tasks/${task.key}/complete`, county, { recommended: true, reason: '材料齐全 / complete' });
  expect(done.status, JSON.stringify(done.json)).toBe(200);
}

/** Each city contact has exactly one reminder for each of `numbers` (none lost, none twice). */
function remindersPerDeclaration(numbers: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const mail of smtp.mails) {
    const number = numbers.find((n) => mail.parsed.subject?.includes(n));
    if (!number) continue;
    for (const to of mail.to) counts.set(`${number} → ${to}`, (counts.get(`${number} → ${to}`) ?? 0) + 1);
  }
  return counts;
}

describe('fault injection: PostgreSQL restarted, Redis stopped, SMTP refusing', () => {
  it('loses nothing the system accepted and does nothing twice', async () => {
    const ok = async (args: string[], input?: string) => {
      const run = await runJingpin(args, env(), input);
      expect(run.code, `jingpin ${args.join(' ')}\n${run.stdout}\n${run.stderr}`).toBe(0);
      return run.stdout;
    };
    await ok(['migrate']);
    const { noticeDate, citySubmission } = await installYear(ok, folder);
    const config = { ...loadConfig({ ...process.env, ...env() }), PORT: await freePort(), SMTP_URL: smtp.url, ATTACHMENTS_DIR: path.join(folder, 'attachments') };
    // The mail queue's own backoff is 30 s in production; the notify task's retry stays as it is.
    system = await startSystem(config, { logger: createLogger('silent'), deliveryPolicy: { attempts: 8, backoffMs: 200 } });

    const province = await client.signIn('sheng', PASSWORD);
    expect((await call('POST', '/campaigns', province, { year: YEAR, noticeNumber: `苏质委办〔${YEAR}〕1号`, noticeDate, deadlines: { citySubmission } })).status).toBe(202);
    await eventually('the campaign opens', async () => (await call('GET', `/campaigns/${YEAR}`, province)).json?.status === 'OPEN');
    const enterprise = await client.signIn('jinling', PASSWORD);
    expect((await call('POST', '/enterprises', enterprise, registration)).status).toBe(201);
    const county = await client.signIn('xuanwu', PASSWORD);
    expect((await call('POST', `/enterprises/${ENTERPRISE}/confirmation`, county, { confirm: true })).status).toBe(200);

    // Fault 1: PostgreSQL restarts while the enterprise submits its declarations and the engine
    // starts their cases. Every submission is retried with its key until it has an answer.
    const drafts: string[] = [];
    for (let i = 1; i <= DECLARATIONS; i++) {
      const draft = await call('POST', '/declarations', enterprise, {
        campaignYear: YEAR,
        productName: `高强度紧固件 第${i}型 / fastener type ${i}`,
        category: 'MANUFACTURING',
        facts: eligibleFacts('MANUFACTURING', YEAR, i),
      });
      expect(draft.status, JSON.stringify(draft.json)).toBe(201);
      await uploadDraftFiles(system.address, enterprise, draft.json.id, eligibleFacts('MANUFACTURING', YEAR, i));
      drafts.push(draft.json.id);
    }
    let restarted: Promise<void> | undefined;
    const submissions = [];
    for (const [i, id] of drafts.entries()) {
      if (i === 2) restarted = postgres.restart().then(() => void faults.push('PostgreSQL restarted (pg_ctl restart -m fast) during submissions'));
      submissions.push(await postUntilAnswered(`/declarations/drafts/${id}/submit`, enterprise, {}));
    }
    await restarted;
    for (const submitted of submissions) expect(submitted.status, JSON.stringify(submitted.json)).toBe(201);
    const retried = submissions.reduce((sum, s) => sum + s.tries - 1, 0);
    const numbers = submissions.map((s) => s.json.number as string);
    expect(new Set(numbers).size).toBe(DECLARATIONS);
    // Each accepted declaration is one row and one case, its county task open once.
    const sql = (query: string) => countRows(postgres.url, 'public', query);
    expect(await sql(`select count(*) as n from declarations where campaign_year = ${YEAR}`)).toBe(DECLARATIONS);
    await eventually('every case started', async () => (await sql(`select count(distinct business_key) as n from engine_instances where process_id = 'declaration'`)) === DECLARATIONS);
    expect(await sql(`select count(*) as n from engine_instances where process_id = 'declaration'`)).toBe(DECLARATIONS);
    expect((await call('GET', '/health')).json).toMatchObject({ status: 'ok', database: 'ok' });

    // Fault 2: Redis stops while the county checks half of them: the API keeps answering, the
    // city's reminders (due as soon as the city's task opens) wait, and go out once Redis is back.
    const [first, second] = [numbers.slice(0, DECLARATIONS / 2), numbers.slice(DECLARATIONS / 2)];
    await redis.stop();
    faults.push('Redis stopped while county checks completed');
    for (const number of first) await countyRecommends(county, number);
    expect((await call('GET', '/declarations', county)).status).toBe(200);
    await sleep(2_000);
    expect(remindersPerDeclaration(first).size).toBe(0);
    await redis.start();
    const contacts = Object.keys(cityContacts);
    // The notify task tries again 30 s after Redis refused it.
    await eventually('the reminders after Redis came back', async () => remindersPerDeclaration(first).size === first.length * contacts.length, 90_000);

    // Fault 3: the SMTP server refuses the next recipients (451, try later) while the county checks
    // the rest: each mail is tried again and arrives once.
    smtp.refuseNext(second.length * contacts.length);
    faults.push(`SMTP refusing ${second.length * contacts.length} recipients with 451`);
    for (const number of second) await countyRecommends(county, number);
    await eventually('the reminders after the refusals', async () => remindersPerDeclaration(second).size === second.length * contacts.length, 60_000);
    expect(smtp.refusals).toBeGreaterThanOrEqual(second.length * contacts.length);

    // None lost, none twice: one reminder per declaration and contact, a sent-log row for each,
    // one county recommendation per declaration, no incident.
    await sleep(1_000); // a second copy would have arrived with the first
    const reminders = remindersPerDeclaration(numbers);
    expect([...reminders.values()].every((count) => count === 1), JSON.stringify([...reminders])).toBe(true);
    expect(reminders.size).toBe(DECLARATIONS * contacts.length);
    expect(await sql(`select count(*) as n from recommendations where level = 'COUNTY'`)).toBe(DECLARATIONS);
    expect((await call('GET', '/incidents?state=ACTIVE', province)).json).toEqual([]);
    console.log(
      `故障注入 / fault injection: ${faults.length} faults injected (${faults.join('; ')}); ` +
        `${DECLARATIONS} cases checked; ${retried} submissions retried by the client; ${smtp.mails.length} mails sent; 0 lost, 0 twice`,
    );
  }, 300_000);
});
