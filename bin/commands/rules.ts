import { Command } from 'commander';

// The actions live in rules-run.ts and are imported when one runs: `jingpin --help` and every other
// command start without them.
const run = () => import('./rules-run.ts');

/** `jingpin rules new|check|load|list|schema`: the campaign rule sets the provincial office owns (docs/rule-sets.md). */
export function rulesCommand(): Command {
  const command = new Command('rules').description('年度规则集：起草、校验、导入、查看 / campaign rule sets: draft, check, load, list');
  command
    .command('new')
    .description('以上一年度的规则集为底稿起草新年度 / draft a year’s rule set from an earlier year’s')
    .argument('<year>', '新年度 / the new campaign year')
    .option('--from <year>', '底稿年度（默认已导入的最近一年）/ the year to start from (default: the latest loaded year before)')
    .option('--out <file>', '写入的文件（默认 <year>.json）/ file to write (default: <year>.json)')
    .action(async (year: string, options: { from?: string; out?: string }) => (await run()).draftYear(year, options));
  command
    .command('check')
    .description('校验规则集文件，并列出与上一年度相比的改动 / check a rule-set file and list what changed against the year before')
    .argument('<file>', '规则集 JSON 文件 / rule-set JSON file')
    .action(async (file: string) => (await run()).checkFile(file));
  command
    .command('load')
    .description('校验并导入规则集（同一年度同一版本只导入一次；更正为新版本）/ check and store a rule set (a version is loaded once; a correction is a new version)')
    .argument('<file>', '规则集 JSON 文件 / rule-set JSON file')
    .option('--by <name>', '导入人（默认当前系统用户）/ who loads it (default: the system user)')
    .option('--replace', '替换尚未被任何申报年度使用的同一版本 / replace the same version while no campaign uses it')
    .action(async (file: string, options: { by?: string; replace?: boolean }) => (await run()).loadFile(file, options));
  command
    .command('list')
    .description('列出已导入的规则集版本 / list the loaded rule-set versions')
    .action(async () => (await run()).listLoaded());
  command
    .command('schema')
    .description('输出规则集的 JSON Schema / print the JSON Schema of a rule set')
    .option('--out <file>', '写入文件而非标准输出 / write to a file instead of standard output')
    .action(async (options: { out?: string }) => (await run()).printSchema(options));
  return command;
}
