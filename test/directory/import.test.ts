import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withCheckCharacters } from '../../domain/directory/credit-code.ts';
import { importDirectory, reportLines, type ImportReport } from '../../platform/directory/import-directory.ts';
import type { RecordKind } from '../../domain/directory/records.ts';
import { createTestSchema, type TestSchema } from '../pg.ts';

let db: TestSchema;
beforeEach(async () => {
  db = await createTestSchema({ migrate: true });
});
afterEach(() => db.drop());

const at = new Date('2027-03-01T09:00:00+08:00');
const by = { actor: 'importer', role: 'provincial_office' };
const load = (kind: RecordKind, csv: string, partial = false) => importDirectory(db.pool, { kind, bytes: Buffer.from(csv), partial }, by, at);
const count = async (table: string) => (await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;
const problems = (report: ImportReport) => report.rejected.map((p) => `${p.row} ${p.field} ${p.rule}`);

const A = withCheckCharacters('91320115MA000001'); // Nanjing, Jiangning
const B = withCheckCharacters('91320583MA000002'); // Suzhou, Kunshan
const C = withCheckCharacters('91320281MA000003'); // Wuxi, Jiangyin
const wrongCheck = A.slice(0, 17) + (A[17] === '0' ? '1' : '0');

const enterprises = (rows: string[]) => ['creditCode,name,cityCode,countyCode,email', ...rows].join('\n');

describe('jingpin directory import: enterprises', () => {
  it('loads a clean file, confirmed, with an audit entry per record', async () => {
    const report = await load('enterprise', enterprises([`${A},南京某精密机械有限公司,320100,320115,a@example.cn`, `${B}, 昆山某电子有限公司 ,320500,320583,`]));
    expect(report).toMatchObject({ rows: 2, created: 2, rejected: [], loaded: true });
    const { rows } = await db.pool.query('SELECT id, name, status, email FROM enterprises ORDER BY id');
    expect(rows).toContainEqual({ id: B, name: '昆山某电子有限公司', status: 'CONFIRMED', email: null });
    expect(await count(`audit_log WHERE action = 'enterprise.created'`)).toBe(2);
    // The same file again changes nothing.
    expect(await load('enterprise', enterprises([`${A},南京某精密机械有限公司,320100,320115,a@example.cn`]))).toMatchObject({ unchanged: 1, created: 0 });
  });

  it('reports each bad row by number, field and rule, and loads nothing', async () => {
    // Migrating loaded the packaged rule sets, with their audit entries.
    const auditBefore = await count('audit_log');
    const report = await load(
      'enterprise',
      enterprises([
        `${A},南京某公司,320100,320115,`,
        `${wrongCheck},错码公司,320100,320115,`,
        `${B},区划错误公司,320500,320599,`,
        `${C},不属该市公司,320100,320281,`,
        `${A},重复公司,320100,320115,`,
        `${withCheckCharacters('91320115MA000009')},,320100,320115,`,
        `${withCheckCharacters('91320115MA000010')},"带\u202e控制符",320100,320115,`,
        `${withCheckCharacters('91320115MA000011')},少一列,320100`,
      ]),
    );
    expect(problems(report)).toEqual([
      '3 creditCode check-character',
      '4 countyCode division-code',
      '5 countyCode county-in-city',
      '6 creditCode duplicate',
      '7 name empty',
      '8 name bidi-override',
      '9 / column-count',
    ]);
    expect(report.loaded).toBe(false);
    expect(await count('enterprises')).toBe(0);
    expect(await count('audit_log')).toBe(auditBefore);
    const lines = reportLines(report);
    expect(lines[0]).toMatch(/^企业：有 7 行不符合要求，未导入任何数据 \/ enterprise: 7 rows break the rules; nothing was loaded$/);
    expect(lines[1]).toBe('第 3 行 creditCode：第 18 位校验码不符（GB 32100-2015） / row 3 creditCode: the check character in place 18 is wrong (GB 32100-2015) [check-character]');
  });

  it('leaves rows already loaded as they were when a file that changes them fails', async () => {
    await load('enterprise', enterprises([`${A},南京某公司,320100,320115,a@example.cn`]));
    const before = (await db.pool.query('SELECT * FROM enterprises')).rows;
    const audit = await count('audit_log');
    const report = await load('enterprise', enterprises([`${A},南京改名公司,320100,320115,new@example.cn`, `${wrongCheck},错码公司,320100,320115,`]));
    expect(report).toMatchObject({ loaded: false, updated: 0 });
    expect((await db.pool.query('SELECT * FROM enterprises')).rows).toEqual(before);
    expect(await count('audit_log')).toBe(audit);
  });

  it('numbers rows by their line in the file, blank lines included', async () => {
    const report = await load('enterprise', `creditCode,name,cityCode,countyCode\n\n${A},南京某公司,320100,320115\n\n${wrongCheck},错码公司,320100,320115\n`);
    expect(problems(report)).toEqual(['5 creditCode check-character']);
  });

  it('in partial mode loads the good rows and reports the bad', async () => {
    const report = await load('enterprise', enterprises([`${A},南京某公司,320100,320115,`, `${wrongCheck},错码公司,320100,320115,`, `${B},昆山某公司,320500,320583,`]), true);
    expect(report).toMatchObject({ created: 2, loaded: true, partial: true });
    expect(problems(report)).toEqual(['3 creditCode check-character']);
    expect((await db.pool.query('SELECT id FROM enterprises ORDER BY id')).rows.map((r) => r.id)).toEqual([A, B].sort());
  });

  it.each([
    ['an unclosed quote', 'creditCode,name,cityCode,countyCode\n"abc,南京,320100,320115\n', 'csv'],
    ['an unknown column', 'creditCode,name,cityCode,countyCode,fax\n', 'unknown-column'],
    ['a missing column', 'creditCode,name,cityCode\n', 'missing-column'],
    ['an empty file', '', 'header'],
  ])('refuses a malformed file (%s) and loads nothing, even in partial mode', async (_, csv, rule) => {
    const report = await load('enterprise', csv, true);
    expect(report.loaded).toBe(false);
    expect(report.rejected[0]?.rule).toBe(rule);
    expect(await count('enterprises')).toBe(0);
  });

  it('refuses a file that is not UTF-8', async () => {
    const gbk = Buffer.from([0x63, 0x72, 0x65, 0x64, 0x69, 0x74, 0x0a, 0xc4, 0xcf, 0xbe, 0xa9]);
    const report = await importDirectory(db.pool, { kind: 'enterprise', bytes: gbk, partial: false }, by, at);
    expect(report.rejected).toMatchObject([{ row: 0, rule: 'encoding' }]);
  });
});

describe('jingpin directory import: the other kinds', () => {
  it('loads experts with ties to listed enterprises, and refuses ties to unknown ones', async () => {
    await load('enterprise', enterprises([`${A},南京某公司,320100,320115,`]));
    const employer = withCheckCharacters('12320500MB000001');
    const csv = [
      'id,name,cityCode,employerCode,employerName,categories,fields,ties',
      `EXP-1,王工,320500,${employer},苏州大学,MANUFACTURING;SERVICE,精密机械;质量管理,CONSULTS:${A}`,
      `EXP-2,李工,320581,${employer},苏州大学,MANUFACTURING,,RELATED:${B}`,
      `EXP-3,赵工,329900,${employer},苏州大学,MANUFACTURING,,`,
      `EXP-4,钱工,320500,${employer},苏州大学,FARMING,,`,
    ].join('\n');
    const report = await load('expert', csv);
    expect(problems(report)).toEqual(['3 ties/0/enterpriseId unknown-enterprise', '4 cityCode division-code', '5 categories/0 schema']);
    expect(await count('experts')).toBe(0);
    const partial = await load('expert', csv, true);
    expect(partial.created).toBe(1);
    const { rows } = await db.pool.query('SELECT x.employer_id, x.employer_name, x.fields, t.enterprise_id, t.kind FROM experts x JOIN expert_ties t ON t.expert_id = x.id');
    expect(rows).toEqual([{ employer_id: employer, employer_name: '苏州大学', fields: ['精密机械', '质量管理'], enterprise_id: A, kind: 'CONSULTS' }]);
  });

  it('loads certification bodies, member units, institutes and contacts whose scope exists', async () => {
    expect(await load('certification_body', 'id,name,allianceMember,email\nCB01,江苏某认证有限公司,是,cb01@example.cn\nCB02,外省认证公司,否,')).toMatchObject({ created: 2 });
    expect((await db.pool.query('SELECT id, alliance_member FROM certification_bodies ORDER BY id')).rows).toEqual([
      { id: 'CB01', alliance_member: true },
      { id: 'CB02', alliance_member: false },
    ]);
    expect(await load('member_unit', 'id,name\nMU-AGRI,省农业农村厅\nMU-AGRI2,省农业农村厅')).toMatchObject({ loaded: false });
    expect(await load('institute', 'id,name,cityCode\nJSIQS,江苏省质量和标准化研究院,320100')).toMatchObject({ created: 1 });
    const contacts = [
      'role,scope,name,email,language',
      'city_office,320100,南京市质委办,nj@example.cn,zh',
      'county_office,320115,江宁区质委办,jn@example.cn,',
      'certification_body,CB01,认证一部,ops@cb01.example.cn,en',
      'certification_body,CB09,不存在的机构,x@cb09.example.cn,',
      'provincial_office,320100,省质委办,p@example.cn,',
      'county_office,320102000,某县,c@example.cn,',
    ].join('\n');
    const report = await load('contact', contacts);
    expect(problems(report)).toEqual(['5 scope unknown-scope', '6 scope province-scope', '7 scope division-code']);
    expect(await count('notification_contacts')).toBe(0);
  });

  it('will not change a listed body’s status: suspension has its own route', async () => {
    await load('certification_body', 'id,name,allianceMember\nCB01,江苏某认证有限公司,true');
    const report = await load('certification_body', 'id,name,allianceMember,status\nCB01,江苏某认证有限公司,true,SUSPENDED');
    expect(problems(report)).toEqual(['2 status status-change']);
  });
});

describe('docs/directory.md', () => {
  it("its experts example loads, once the enterprise its tie names is in the directory", async () => {
    const { readFile } = await import('node:fs/promises');
    const doc = await readFile(new URL('../../docs/directory.md', import.meta.url), 'utf8');
    const example = /```csv\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(example).toBeDefined();
    const tied = /CONSULTS:([0-9A-Z]{18})/.exec(example!)![1]!;
    await load('enterprise', enterprises([`${tied},南京某公司,320100,320102,`]));
    expect(await load('expert', example!)).toMatchObject({ created: 1, rejected: [] });
  });
});

describe('contacts loaded from the directory', () => {
  it('are the recipients a notify task finds for its offices', async () => {
    const { ContactDirectory } = await import('../../platform/mail/contacts.ts');
    const { resolveRecipients, RecipientsNotFound } = await import('../../platform/mail/recipients.ts');
    const directory = new ContactDirectory(db.pool);
    const parties = [{ role: 'city_office' as const, scope: '320100' }];
    await expect(resolveRecipients(directory, ['city_office', 'provincial_office'], parties)).rejects.toBeInstanceOf(RecipientsNotFound);
    const report = await load('contact', 'role,scope,name,email\ncity_office,320100,南京市质委办,nj@example.cn\nprovincial_office,320000,省质委办,sheng@example.cn\n');
    expect(report.created).toBe(2);
    const recipients = await resolveRecipients(directory, ['city_office', 'provincial_office'], parties);
    expect(recipients.map((r) => r.contact.email)).toEqual(['nj@example.cn', 'sheng@example.cn']);
  });
});
