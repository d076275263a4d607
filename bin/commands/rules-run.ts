import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { draftRuleSet } from '../../domain/campaign/draft-rule-set.ts';
import type { CampaignRuleSet } from '../../domain/campaign/rule-set.ts';
import type { RuleSetChange } from '../../domain/campaign/rule-set-changes.ts';
import { parseRuleSetDocument, renderRuleSetJsonSchema, RuleSetDocumentError } from '../../domain/campaign/rule-set-document.ts';
import { latestRuleSetBefore, listRuleSets } from '../../platform/db/rule-sets.ts';
import { RuleSetNotLoaded, RuleSetVersionBehind, RuleSetVersionExists, RuleSetVersionInUse, RuleSetVersionMissing } from '../../platform/rule-sets/errors.ts';
import { changesAgainstYearBefore, loadRuleSet, ruleSetFor } from '../../platform/rule-sets/rule-sets.ts';
import { CommandInputError, readJsonFile } from '../read-json.ts';
import { withPool } from '../with-pool.ts';

// The work of `jingpin rules …`, loaded only when one of them runs (bin/commands/rules.ts), so
// every other command starts without the database and rule-set modules.

export const draftYear = (yearText: string, options: { from?: string; out?: string }) =>
  reported(async () => {
    const year = fourDigitYear(yearText, '<year>');
    const from = options.from === undefined ? undefined : fourDigitYear(options.from, '--from');
    const out = options.out ?? `${year}.json`;
    if (existsSync(out)) throw new CommandInputError(`${out} 已存在，不会覆盖；请用 --out 指定其他文件 / ${out} exists and is not overwritten: choose another file with --out`);
    const base = await withPool(async (pool) => {
      if (from !== undefined) return ruleSetFor(pool, from);
      const before = await latestRuleSetBefore(pool, year);
      if (!before) throw new RuleSetNotLoaded(year - 1, []);
      return before.ruleSet;
    });
    await writeFile(out, `${JSON.stringify(draftRuleSet(base, year), null, 2)}\n`);
    console.log(
      `已起草 ${out}：${year} 年度第 1 版，底稿为 ${base.campaignYear} 年度第 ${base.version} 版。请填写通知（notice）和各项数值，然后运行 jingpin rules check ${out} / ` +
        `drafted ${out}: the ${year} rule set, version 1, from the ${base.campaignYear} set version ${base.version}. Fill in the notice and the figures, then run jingpin rules check ${out}`,
    );
  });

export const checkFile = (file: string) =>
  reported(async () => {
    const ruleSet = parseRuleSetDocument(await readJsonFile(file));
    console.log(`${file}：格式正确，${ruleSet.campaignYear} 年度第 ${ruleSet.version} 版 / ${file} is valid: the ${ruleSet.campaignYear} rule set, version ${ruleSet.version}`);
    // The file is checked without a database; only the comparison needs the loaded sets.
    try {
      await withPool(async (pool) => printChanges(await changesAgainstYearBefore(pool, ruleSet)));
    } catch (error) {
      if (typeof (error as { code?: unknown }).code !== 'string') throw error;
      console.error(`无法读取已导入的规则集，未比较改动 / could not read the loaded rule sets, so nothing was compared: ${(error as Error).message}`);
    }
  });

export const loadFile = (file: string, options: { by?: string; replace?: boolean }) =>
  reported(async () => {
    const document = await readJsonFile(file);
    const checked = parseRuleSetDocument(document);
    await withPool(async (pool) => {
      printChanges(await changesAgainstYearBefore(pool, checked));
      const { ruleSet, result } = await loadRuleSet(pool, document, { by: options.by ?? userInfo().username, role: 'provincial_office', at: new Date() }, { replace: options.replace === true });
      const verb = result === 'replaced' ? { zh: '已替换', en: 'replaced' } : { zh: '已导入', en: 'loaded' };
      console.log(`${verb.zh} ${ruleSet.campaignYear} 年度规则集第 ${ruleSet.version} 版 / ${verb.en} the ${ruleSet.campaignYear} rule set, version ${ruleSet.version}`);
    });
  });

export const listLoaded = () =>
  reported(async () => {
    const all = await withPool(listRuleSets);
    if (all.length === 0) console.log('尚未导入规则集 / no rule set is loaded');
    all.forEach((set, i) => {
      const inForce = all[i + 1]?.year !== set.year ? '  现行 / in force' : '';
      const used = set.usedSince ? `，${set.usedSince.toISOString()} 起已使用 / used since ${set.usedSince.toISOString()}` : '';
      console.log(`${set.year}  v${set.version}  ${noticeOf(set.ruleSet)}  ${set.loadedAt.toISOString()} ${set.loadedBy}${used}${inForce}`);
    });
  });

export async function printSchema(options: { out?: string }): Promise<void> {
  const schema = renderRuleSetJsonSchema();
  if (options.out) await writeFile(options.out, schema);
  else process.stdout.write(schema);
}

function noticeOf(set: CampaignRuleSet): string {
  return set.notice.known ? set.notice.value.reference : '（通知未填 / no notice）';
}

function printChanges({ against, changes }: { against: { year: number; version: number } | null; changes: readonly RuleSetChange[] }): void {
  if (!against) {
    console.log('没有更早的年度可比较 / no earlier year to compare with');
    return;
  }
  const title = `与 ${against.year} 年度第 ${against.version} 版相比 / against ${against.year} version ${against.version}`;
  if (changes.length === 0) {
    console.log(`${title}：没有改动 / nothing changed`);
    return;
  }
  console.log(`${title}：${changes.length} 处改动 / ${changes.length} change(s)`);
  const show = (value: unknown) => (value === undefined ? '（无 / none）' : JSON.stringify(value));
  for (const change of changes) console.log(`  ${change.path}: ${show(change.before)} → ${show(change.after)}`);
}

function fourDigitYear(text: string, what: string): number {
  if (!/^\d{4}$/.test(text)) throw new CommandInputError(`${what} 应为四位年份 / ${what} must be a four-digit year, got ${JSON.stringify(text)}`);
  return Number(text);
}

// A person's mistake (the file, the version, the year) exits 2 with its message; anything else
// goes on to the CLI's failure report.
async function reported(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (error instanceof RuleSetDocumentError) {
      console.error(['规则集有误 / the rule set is wrong:', ...error.problems.map((p) => `  ${p.path} ${p.zh} / ${p.en}`)].join('\n'));
      process.exitCode = 2;
    } else if (
      error instanceof CommandInputError ||
      error instanceof RuleSetNotLoaded ||
      error instanceof RuleSetVersionExists ||
      error instanceof RuleSetVersionBehind ||
      error instanceof RuleSetVersionInUse ||
      error instanceof RuleSetVersionMissing
    ) {
      console.error(error.message);
      process.exitCode = 2;
    } else {
      throw error;
    }
  }
}

