import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type RunningSystem } from '../../bin/start.ts';
import { eligibleFacts } from '../../bin/demo/facts.ts';
import { parseCalendarYearFile } from '../../domain/calendar/calendar-year-file.ts';
import { ChineseWorkingDayCalendar } from '../../domain/calendar/chinese-working-day-calendar.ts';
import { beijingDateOf } from '../../domain/deadlines/beijing-time.ts';
import { withCheckCharacters } from '../../domain/directory/credit-code.ts';
import { createLogger } from '../../platform/log.ts';
import { runJingpin, type CliRun } from '../cli.ts';
import { freePort } from '../free-port.ts';
import { createTestPrefix, type TestPrefix } from '../notifications/redis-prefix.ts';
import { startSmtpSink, type SmtpSink } from '../notifications/smtp-sink.ts';
import { createTestSchema, type TestSchema } from '../pg.ts';

/**
 * An office runs its own 2027 on a fresh install, as docs/rule-sets.md and docs/directory.md tell
 * it to: every step is a `jingpin` command or an HTTP request against the running system (real
 * clock, embedded engine, a real SMTP server in this test); no SQL touches the schema.
 */
const YEAR = 2027;

/**
 * The State Council has not published the 2027 holiday arrangement (it usually does in November of
 * the year before), so this file is plausible, not official: 元旦 1–3 Jan, 春节 around 6 Feb 2027
 * with two make-up Saturdays/Sundays, 清明 3–5 Apr, 劳动节 1–5 May, 端午 9 Jun, 中秋 15 Sep,
 * 国庆 1–7 Oct. The format is what `jingpin calendar load` accepts (holiday-cn JSON).
 */
const holidays2027 = {
  year: YEAR,
  papers: ['测试用的推测安排，非国务院公布 / a plausible arrangement for this test, not the State Council notice'],
  days: [
    ...['01-01', '01-02', '01-03'].map((d) => ({ name: '元旦', date: `${YEAR}-${d}`, isOffDay: true })),
    { name: '春节', date: `${YEAR}-01-31`, isOffDay: false },
    ...['02-05', '02-06', '02-07', '02-08', '02-09', '02-10', '02-11'].map((d) => ({ name: '春节', date: `${YEAR}-${d}`, isOffDay: true })),
    { name: '春节', date: `${YEAR}-02-20`, isOffDay: false },
    ...['04-03', '04-04', '04-05'].map((d) => ({ name: '清明节', date: `${YEAR}-${d}`, isOffDay: true })),
    { name: '劳动节', date: `${YEAR}-04-25`, isOffDay: false },
    ...['05-01', '05-02', '05-03', '05-04', '05-05'].map((d) => ({ name: '劳动节', date: `${YEAR}-${d}`, isOffDay: true })),
    { name: '端午节', date: `${YEAR}-06-09`, isOffDay: true },
    { name: '中秋节', date: `${YEAR}-09-15`, isOffDay: true },
    { name: '国庆节', date: `${YEAR}-09-26`, isOffDay: false },
    ...['10-01', '10-02', '10-03', '10-04', '10-05', '10-06', '10-07'].map((d) => ({ name: '国庆节', date: `${YEAR}-${d}`, isOffDay: true })),
    { name: '国庆节', date: `${YEAR}-10-09`, isOffDay: false },
  ],
};
const holidayNotice = '测试：2027年节假日安排尚未公布 / test: the 2027 holidays are not yet published';

// The directory, as an office would keep it in a spreadsheet. The enterprise itself is not in it:
// it registers through the API and its county confirms it.
const ENTERPRISE = withCheckCharacters('91320102MA000007'); // 南京市玄武区
const CITY = '320100';
const COUNTY = '320102';
const EMPLOYER = withCheckCharacters('12320100MB000001');
const files = {
  'certification-bodies.csv': 'id,name,allianceMember,email\nCB-JS01,江苏精品认证中心有限公司,是,cert@cb01.example.cn\nCB-JS02,南京质量认证有限公司,否,\n',
  'institutes.csv': 'id,name,cityCode,email\nSI-JS,江苏省标准化研究院,320100,bz@jssi.example.cn\n',
  'experts.csv':
    'id,name,cityCode,employerCode,employerName,categories,fields,email\n' +
    `EXP-01,孙明,320100,${EMPLOYER},东南大学,MANUFACTURING;SERVICE,机械制造;质量管理,sunming@seu.example.cn\n` +
    `EXP-02,李华,320200,${EMPLOYER},东南大学,MANUFACTURING,材料,lihua@seu.example.cn\n` +
    `EXP-03,王芳,320500,${EMPLOYER},东南大学,MANUFACTURING;AGRICULTURE,食品,wangfang@seu.example.cn\n`,
  // Who is told what: the Nanjing city office (two people), the Xuanwu county office, and offices
  // that have nothing to do with this declaration (another county, another city, the province, a body).
  'contacts.csv':
    'role,scope,name,email,language\n' +
    `city_office,${CITY},南京市质委办 张伟,zhangwei@nj.example.cn,zh\n` +
    `city_office,${CITY},南京市质委办 陈静,chenjing@nj.example.cn,zh\n` +
    `county_office,${COUNTY},玄武区质委办 刘洋,liuyang@xw.example.cn,zh\n` +
    'county_office,320104,秦淮区质委办 赵磊,zhaolei@qh.example.cn,zh\n' +
    'city_office,320200,无锡市质委办 周敏,zhoumin@wx.example.cn,zh\n' +
    'provincial_office,320000,省质委办 吴刚,wugang@js.example.cn,zh\n' +
    'certification_body,CB-JS01,认证中心 郑丽,zhengli@cb01.example.cn,zh\n',
};
const cityContacts: Record<string, string> = { 'zhangwei@nj.example.cn': '南京市质委办 张伟', 'chenjing@nj.example.cn': '南京市质委办 陈静' };

const PASSWORD = 'a long password for the 2027 campaign';

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

/** An HTTP call as a client makes it: JSON in and out, the user's bearer token. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the answers are read as a client reads JSON, field by field
async function call(method: string, url: string, token?: string, body?: unknown): Promise<{ status: number; json: any }> {
  const headers: Record<string, string> = {};
  if (token) headers['authorization'] = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${system!.address}${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : null };
}

/** Asks again until `probe` answers something, for at most `ms`: the engine works in the background. */
async function eventually<T>(what: string, probe: () => Promise<T | undefined | null | false>, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const answer = await probe();
    if (answer) return answer;
    if (Date.now() > until) throw new Error(`${what}: not within ${ms} ms`);
    await sleep(100);
  }
}

async function signIn(username: string): Promise<string> {
  const response = await call('POST', '/auth/login', undefined, { username, password: PASSWORD });
  expect(response.status, JSON.stringify(response.json)).toBe(200);
  return response.json.token;
}

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
    // days on, the later stages as the rule set plans them. The city's reminder (3 working days
    // before its deadline) is then already due, so the engine sends it as soon as the city's task
    // exists: the one mail this part of the cycle sends (the models notify no county before the
    // city deadline, and the county check has no due date for the 08:00 digest), read as it arrives.
    // The 2027 stages must still fit in 2027 from today, so this runs until about April 2027; after
    // that, move YEAR on (with its holiday file).
    const calendar = new ChineseWorkingDayCalendar([parseCalendarYearFile(YEAR, holidays2027, holidayNotice)]);
    const noticeDate = beijingDateOf(new Date());
    const citySubmission = calendar.addWorkingDays(noticeDate, 2);

    // The rule set: drafted from 2024 (the last shipped), the notice filled in, checked, loaded.
    const rulesFile = path.join(folder, `${YEAR}.json`);
    await ok(['rules', 'new', String(YEAR), '--from', '2024', '--out', rulesFile]);
    const ruleSet = JSON.parse(await readFile(rulesFile, 'utf8'));
    ruleSet.notice = { known: true, value: { reference: `苏质委办〔${YEAR}〕1号`, issuedOn: noticeDate }, basis: 'FOUND' };
    ruleSet.stageDeadlines = { citySubmissionDue: citySubmission };
    await writeFile(rulesFile, JSON.stringify(ruleSet, null, 2));
    expect(await ok(['rules', 'check', rulesFile])).toContain(`/notice/value/reference: "苏质委办〔2024〕2号" → "苏质委办〔${YEAR}〕1号"`);
    expect(await ok(['rules', 'load', rulesFile, '--by', 'sheng.zhiwei'])).toContain(`loaded the ${YEAR} rule set, version 1`);

    // The holidays, then the plan they give.
    const holidaysFile = path.join(folder, `${YEAR}-holidays.json`);
    await writeFile(holidaysFile, JSON.stringify(holidays2027));
    await ok(['calendar', 'load', String(YEAR), holidaysFile, '--notice', holidayNotice]);
    expect(await ok(['campaign', 'plan', String(YEAR), '--notice-date', noticeDate])).toContain(`  ${citySubmission}  设区市报送截止 / city submission closes`);

    // The directory from CSV, in the order docs/directory.md gives.
    for (const [name, kind] of [
      ['certification-bodies.csv', 'certification_body'],
      ['institutes.csv', 'institute'],
      ['experts.csv', 'expert'],
      ['contacts.csv', 'contact'],
    ] as const) {
      const file = path.join(folder, name);
      await writeFile(file, files[name]);
      await ok(['directory', 'import', file, '--kind', kind, '--by', 'sheng.zhiwei']);
    }

    // The people who sign in; the enterprise's account names its own credit code.
    await ok(['users', 'add', '--username', 'sheng', '--role', 'provincial_office', '--name', '省质委办'], PASSWORD);
    await ok(['users', 'add', '--username', 'nanjing', '--role', 'city_office', '--scope', CITY, '--name', '南京市质委办'], PASSWORD);
    await ok(['users', 'add', '--username', 'xuanwu', '--role', 'county_office', '--scope', COUNTY, '--name', '玄武区质委办'], PASSWORD);
    await ok(['users', 'add', '--username', 'jinling', '--role', 'enterprise', '--scope', ENTERPRISE, '--name', '金陵精工'], PASSWORD);

    // Start the whole system on this schema, mail going to the SMTP server of this test.
    const config = { ...db.config, PORT: await freePort(), REDIS_PREFIX: redis.prefix, SMTP_URL: smtp.url };
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
    const registered = await call('POST', '/enterprises', enterprise, {
      creditCode: ENTERPRISE,
      name: '南京金陵精工机械有限公司',
      cityCode: CITY,
      countyCode: COUNTY,
      contactName: '钱伟',
      contactPhone: '025-84000000',
      email: 'qianwei@jinling.example.cn',
    });
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
