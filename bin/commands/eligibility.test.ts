import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJingpin } from '../../test/cli.ts';

const sample = fileURLToPath(new URL('../../domain/eligibility/fixtures/manufacturing-2023.json', import.meta.url));

// Runs `jingpin` as a user would; eligibility needs no database.
const jingpin = (...args: string[]) => runJingpin(args);

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'jingpin-eligibility-'));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

describe('jingpin eligibility check', { timeout: 60_000 }, () => {
  it('prints the verdict of the sample declaration as JSON', async () => {
    const run = await jingpin('eligibility', 'check', '--campaign', '2023', '--reference-date', '2023-05-31', sample);
    expect(run.code).toBe(0);
    const verdict = JSON.parse(run.stdout) as { outcome: string; campaignYear: number; reasons: Array<{ rule: string; row: number | null; outcome: string }>; flags: Array<{ flag: string }> };
    expect(verdict.campaignYear).toBe(2023);
    expect(verdict.outcome).toBe('ELIGIBLE_PENDING_REVIEW');
    expect(verdict.reasons.map((r) => `${r.rule}.${r.row}:${r.outcome}`)).toEqual(['D1.3:PASS', 'D2.2:PASS', 'D4.5:PASS', 'D5.1:PASS', 'D5.3:REFER', 'D7.null:PASS', 'D8.1:PASS']);
    expect(verdict.flags.map((f) => f.flag)).toEqual(['PRIORITY_STANDARDS', 'PRIORITY_FOCUS_INDUSTRY']);
  });

  it('exits 2 naming each bad field and the rules that read it', async () => {
    const declaration = JSON.parse(await readFile(sample, 'utf8')) as Record<string, unknown>;
    const file = join(folder, 'bad.json');
    await writeFile(file, JSON.stringify({ ...declaration, category: 'MINING', sales: { year: 2022, declaredProductYuan: '2亿' } }));
    const run = await jingpin('eligibility', 'check', '--campaign', '2023', file);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('/category [D1, D2, D3, D4, D5, D7] 应为以下之一：AGRICULTURE、MANUFACTURING、SERVICE / must be one of AGRICULTURE, MANUFACTURING, SERVICE');
    expect(run.stderr).toContain('/sales/declaredProductYuan [D4] 应为整数 / must be a whole number');
  });

  it('exits 2 for a campaign year without a rule set, and for a declaration of another year', async () => {
    const unknown = await jingpin('eligibility', 'check', '--campaign', '2019', sample);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no packaged rule set for 2019: name one with --rules FILE');
    const other = await jingpin('eligibility', 'check', '--campaign', '2022', sample);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('/campaignYear [CAMPAIGN]');
  });

  it('judges by a rule-set file given with --rules, checked first', async () => {
    const ruleSet = JSON.parse(await readFile(new URL('../../rules/2023.json', import.meta.url), 'utf8')) as Record<string, object>;
    const stricter = join(folder, 'stricter-2023.json');
    await writeFile(stricter, JSON.stringify({ ...ruleSet, version: 2, sales: { ...ruleSet['sales'], consumerGoodsMinYuan: { known: true, value: 250_000_000, basis: 'FOUND' } } }));
    const run = await jingpin('eligibility', 'check', '--campaign', '2023', '--reference-date', '2023-05-31', '--rules', stricter, sample);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { outcome: string }).outcome).toBe('INELIGIBLE');
    const broken = join(folder, 'broken-2023.json');
    await writeFile(broken, JSON.stringify({ ...ruleSet, version: 'two' }));
    const refused = await jingpin('eligibility', 'check', '--campaign', '2023', '--rules', broken, sample);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('/version 应为整数 / must be a whole number');
  });

  it('exits 2 for a file that is not JSON', async () => {
    const file = join(folder, 'not.json');
    await writeFile(file, '{ category: ');
    const run = await jingpin('eligibility', 'check', '--campaign', '2023', file);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is not valid JSON');
  });
});

describe('jingpin eligibility schema', () => {
  it('prints the JSON Schema published in docs/', async () => {
    const run = await jingpin('eligibility', 'schema');
    const published = await readFile(fileURLToPath(new URL('../../docs/eligibility-input.schema.json', import.meta.url)), 'utf8');
    expect(run.stdout).toBe(published);
  });
});
