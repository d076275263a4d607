import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseCalendarYearFile } from '../../domain/calendar/calendar-year-file.ts';
import { ChineseWorkingDayCalendar } from '../../domain/calendar/chinese-working-day-calendar.ts';
import { beijingDateOf } from '../../domain/deadlines/beijing-time.ts';
import { withCheckCharacters } from '../../domain/directory/credit-code.ts';

/**
 * A fresh install's 2027, as an office sets it up with the `jingpin` CLI (docs/rule-sets.md,
 * docs/directory.md): shared by the whole-year test and the fault-injection suite.
 */
export const YEAR = 2027;

/**
 * The State Council has not published the 2027 holiday arrangement (it usually does in November of
 * the year before), so this file is plausible, not official: 元旦 1–3 Jan, 春节 around 6 Feb 2027
 * with two make-up Saturdays/Sundays, 清明 3–5 Apr, 劳动节 1–5 May, 端午 9 Jun, 中秋 15 Sep,
 * 国庆 1–7 Oct. The format is what `jingpin calendar load` accepts (holiday-cn JSON).
 */
export const holidays2027 = {
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
export const holidayNotice = '测试：2027年节假日安排尚未公布 / test: the 2027 holidays are not yet published';

// The directory, as an office would keep it in a spreadsheet. The enterprise itself is not in it:
// it registers through the API and its county confirms it.
export const ENTERPRISE = withCheckCharacters('91320102MA000007'); // 南京市玄武区
export const CITY = '320100';
export const COUNTY = '320102';
export const EMPLOYER = withCheckCharacters('12320100MB000001');
export const files = {
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
/** What the enterprise registers itself with (`POST /enterprises`); its county then confirms it. */
export const registration = {
  creditCode: ENTERPRISE,
  name: '南京金陵精工机械有限公司',
  cityCode: CITY,
  countyCode: COUNTY,
  contactName: '钱伟',
  contactPhone: '025-84000000',
  email: 'qianwei@jinling.example.cn',
};

export const cityContacts: Record<string, string> = { 'zhangwei@nj.example.cn': '南京市质委办 张伟', 'chenjing@nj.example.cn': '南京市质委办 陈静' };

export const PASSWORD = 'a long password for the 2027 campaign';

/** What the install printed, for the tests that read it. */
export interface InstalledYear {
  readonly noticeDate: string;
  readonly citySubmission: string;
  readonly rulesChecked: string;
  readonly rulesLoaded: string;
  readonly plan: string;
}

/**
 * Installs 2027 on a migrated, empty database with the CLI only: the rule set drafted from 2024
 * with the notice filled in, the holidays, the directory from CSV, and the four users. The
 * notice is today (Beijing) and the city submission two working days on, so the city's
 * reminder (three working days before) is due as soon as the city's task exists. `ok` runs one
 * command that must succeed and answers what it printed. The 2027 stages must fit in 2027 from
 * today, so this works until about April 2027; after that, move YEAR on (with its holiday file).
 */
export async function installYear(ok: (args: string[], input?: string) => Promise<string>, folder: string): Promise<InstalledYear> {
  const calendar = new ChineseWorkingDayCalendar([parseCalendarYearFile(YEAR, holidays2027, holidayNotice)]);
  const noticeDate = beijingDateOf(new Date());
  const citySubmission = calendar.addWorkingDays(noticeDate, 2);

  const rulesFile = path.join(folder, `${YEAR}.json`);
  await ok(['rules', 'new', String(YEAR), '--from', '2024', '--out', rulesFile]);
  const ruleSet = JSON.parse(await readFile(rulesFile, 'utf8'));
  ruleSet.notice = { known: true, value: { reference: `苏质委办〔${YEAR}〕1号`, issuedOn: noticeDate }, basis: 'FOUND' };
  ruleSet.stageDeadlines = { citySubmissionDue: citySubmission };
  await writeFile(rulesFile, JSON.stringify(ruleSet, null, 2));
  const rulesChecked = await ok(['rules', 'check', rulesFile]);
  const rulesLoaded = await ok(['rules', 'load', rulesFile, '--by', 'sheng.zhiwei']);

  const holidaysFile = path.join(folder, `${YEAR}-holidays.json`);
  await writeFile(holidaysFile, JSON.stringify(holidays2027));
  await ok(['calendar', 'load', String(YEAR), holidaysFile, '--notice', holidayNotice]);
  const plan = await ok(['campaign', 'plan', String(YEAR), '--notice-date', noticeDate]);

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
  return { noticeDate, citySubmission, rulesChecked, rulesLoaded, plan };
}
