import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJingpin } from '../../test/cli.ts';
import { createTestSchema, type TestSchema } from '../../test/pg.ts';

const calendar2027 = fileURLToPath(new URL('../../test/fixtures/calendar/2027.test-fixture.json', import.meta.url));

let db: TestSchema;
let folder: string;
const jingpin = (...args: string[]) => runJingpin(args, { DATABASE_SCHEMA: db.schema });

beforeAll(async () => {
  db = await createTestSchema({ migrate: true });
  folder = await mkdtemp(join(tmpdir(), 'jingpin-rules-'));
});
afterAll(async () => {
  await db.drop();
  await rm(folder, { recursive: true, force: true });
});

// One office preparing 2027, in the order docs/rule-sets.md gives; each step depends on the one before.
describe('jingpin rules and jingpin campaign plan', { timeout: 120_000 }, () => {
  const draft = () => join(folder, '2027.json');

  it('rules check names each bad field of a malformed file with its JSON path and rule, Chinese first, and exits 2', async () => {
    const packaged = JSON.parse(await readFile(new URL('../../rules/2024.json', import.meta.url), 'utf8')) as Record<string, object>;
    const bad = join(folder, 'bad.json');
    await writeFile(bad, JSON.stringify({ ...packaged, version: 0, salesReferenceYear: 2024, sales: { ...packaged['sales'], agriLeadingMinYuan: { known: true, value: -1, basis: 'FOUND' } }, publicityWorkingDays: { known: true, value: 5 } }));
    const run = await jingpin('rules', 'check', bad);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('规则集有误 / the rule set is wrong:');
    expect(run.stderr).toContain('  /version 不得小于 1 / must be at least 1');
    expect(run.stderr).toContain('  /sales/agriLeadingMinYuan/value 不得小于 0 / must be at least 0');
    expect(run.stderr).toContain('  /publicityWorkingDays/basis 缺少必填字段 / required field is missing');
    const meaning = join(folder, 'meaning.json');
    await writeFile(meaning, JSON.stringify({ ...packaged, salesReferenceYear: 2024 }));
    expect((await jingpin('rules', 'check', meaning)).stderr).toContain('  /salesReferenceYear 应为申报年度的上一年 2023 / must be the year before the campaign, 2023');
  });

  it('rules new drafts 2027 from 2024; check prints what changed; load stores it once', async () => {
    const drafted = await jingpin('rules', 'new', '2027', '--from', '2024', '--out', draft());
    expect(drafted.code, drafted.stderr).toBe(0);
    const document = JSON.parse(await readFile(draft(), 'utf8')) as Record<string, object>;
    expect(document).toMatchObject({ campaignYear: 2027, version: 1, salesReferenceYear: 2026, notice: { known: false } });
    // The office fills in its notice and changes one figure.
    document['notice'] = { known: true, value: { reference: '苏质委办〔2027〕1号', issuedOn: '2027-03-22' }, basis: 'FOUND' };
    document['publicityWorkingDays'] = { known: true, value: 7, basis: 'FOUND' };
    await writeFile(draft(), JSON.stringify(document, null, 2));
    const checked = await jingpin('rules', 'check', draft());
    expect(checked.code, checked.stderr).toBe(0);
    expect(checked.stdout).toContain('is valid: the 2027 rule set, version 1');
    expect(checked.stdout).toContain('against 2024 version 1：4 处改动 / 4 change(s)');
    expect(checked.stdout).toContain('  /notice/value/reference: "苏质委办〔2024〕2号" → "苏质委办〔2027〕1号"');
    expect(checked.stdout).toContain('  /publicityWorkingDays/value: 5 → 7');
    const loaded = await jingpin('rules', 'load', draft(), '--by', 'sheng.zhiwei');
    expect(loaded.code, loaded.stderr).toBe(0);
    expect(loaded.stdout).toContain('loaded the 2027 rule set, version 1');
    const again = await jingpin('rules', 'load', draft());
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('version 1 of the 2027 rule set was loaded at');
    expect(again.stderr).toContain('a correction is a new version');
    const list = await jingpin('rules', 'list');
    expect(list.stdout.trim().split('\n').map((line) => line.split('  ').slice(0, 3).join(' '))).toEqual([
      '2022 v1 （通知未填 / no notice）',
      '2023 v1 苏质委办〔2023〕1号',
      '2024 v1 苏质委办〔2024〕2号',
      '2027 v1 苏质委办〔2027〕1号',
    ]);
    expect(list.stdout).toMatch(/2027 {2}v1 .* sheng\.zhiwei {2}现行 \/ in force/);
  });

  it('campaign plan refuses a year without its holiday calendar, then prints the 2027 timetable in working days', async () => {
    const refused = await jingpin('campaign', 'plan', '2027', '--notice-date', '2027-03-22');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('load it with `jingpin calendar load 2027 FILE`');
    expect((await jingpin('calendar', 'load', '2027', calendar2027, '--notice', '测试通知 / test notice')).code).toBe(0);
    const plan = await jingpin('campaign', 'plan', '2027', '--notice-date', '2027-03-22');
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout.trim().split('\n')).toEqual([
      '2027 年度时间表（规则集第 1 版）/ the 2027 timetable (rule set version 1)',
      '  2027-03-22  通知发布 / notice issued',
      '  2027-05-17  设区市报送截止 / city submission closes：40 个工作日 / working days（规则集 / rule set）',
      '  2027-06-07  专家比对论证完成 / expert panels end：15 个工作日 / working days（规则集 / rule set）',
      '  2027-10-25  认证期结束 / certification period ends：100 个工作日 / working days（规则集 / rule set）',
      '  2027-11-03  公示期满 / publicity ends：7 个工作日 / working days（规则集 / rule set）',
      '  2027-12-31  联盟年度工作报告截止 / alliance annual report due：42 个工作日 / working days（12月31日前最后一个工作日 / last working day by 31 Dec）',
    ]);
    const noRules = await jingpin('campaign', 'plan', '2030');
    expect(noRules.code).toBe(2);
    expect(noRules.stderr).toContain('there is no rule set for the 2030 campaign (loaded: 2022, 2023, 2024, 2027)');
  });
});
