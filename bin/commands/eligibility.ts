import { writeFile } from 'node:fs/promises';
import { CommandInputError, readJsonFile } from '../read-json.ts';
import { Command } from 'commander';
import { InvalidIsoDate, assertIsoDate } from '../../domain/calendar/iso-date.ts';
import { existsSync } from 'node:fs';
import { parseRuleSetDocument, RuleSetDocumentError } from '../../domain/campaign/rule-set-document.ts';
import { packagedRulesFolder } from '../../platform/rule-sets/packaged.ts';
import { judgeDeclaration } from '../../domain/eligibility/check-eligibility.ts';
import { renderEligibilityInputJsonSchema } from '../../domain/eligibility/input-json-schema.ts';
import { EligibilityInputError } from '../../domain/eligibility/parse-input.ts';

/** Exit code for input a person must correct. */
const badInputExitCode = 2;

/** `jingpin eligibility check|schema`: judge a declaration file; print the input's JSON Schema. */
export function eligibilityCommand(): Command {
  const command = new Command('eligibility').description('申报资格审查（规则 D1–D8）/ eligibility of a declaration (rules D1–D8)');
  command
    .command('check')
    .description('按所属年度规则集审查一份申报，输出 JSON 结论 / judge a declaration by its campaign’s rule set and print the verdict as JSON')
    .argument('<file>', '申报数据 JSON，格式见 docs/eligibility-input.schema.json / declaration JSON, see docs/eligibility-input.schema.json')
    .requiredOption('--campaign <year>', '申报年度 / campaign year')
    .option('--rules <file>', '规则集文件（默认随软件提供的 rules/<年度>.json）；可用于导入前试用草稿 / rule-set file (default: the packaged rules/<year>.json); try a draft before loading it')
    .option('--reference-date <date>', 'D2 年限的参照日（默认设区市报送截止日）/ reference date for D2 (default: the city submission deadline)')
    .action(async (file: string, options: { campaign: string; rules?: string; referenceDate?: string }) => {
      try {
        if (!/^\d{4}$/.test(options.campaign)) throw new CommandInputError(`--campaign 应为四位年份 / --campaign must be a four-digit year, got ${JSON.stringify(options.campaign)}`);
        if (options.referenceDate !== undefined) assertIsoDate(options.referenceDate);
        const ruleSet = await ruleSetFile(Number(options.campaign), options.rules);
        const verdict = judgeDeclaration(await readJsonFile(file), ruleSet, options.referenceDate ? { referenceDate: options.referenceDate } : {});
        console.log(JSON.stringify(verdict, null, 2));
      } catch (error) {
        if (error instanceof EligibilityInputError) {
          console.error(['申报数据有误 / the declaration data is wrong:', ...error.problems.map((p) => `  ${p.path} [${p.rules.join(', ') || '-'}] ${p.zh} / ${p.en}`)].join('\n'));
        } else if (error instanceof CommandInputError || error instanceof RuleSetDocumentError || error instanceof InvalidIsoDate) {
          console.error(error.message);
        } else {
          throw error;
        }
        process.exitCode = badInputExitCode;
      }
    });
  command
    .command('schema')
    .description('输出申报数据的 JSON Schema / print the JSON Schema of the declaration data')
    .option('--out <file>', '写入文件而非标准输出 / write to a file instead of standard output')
    .action(async (options: { out?: string }) => {
      const schema = renderEligibilityInputJsonSchema();
      if (options.out) await writeFile(options.out, schema);
      else process.stdout.write(schema);
    });
  return command;
}



// Judging needs no database: the rule set comes from a file, the packaged one by default.
async function ruleSetFile(year: number, file: string | undefined) {
  const path = file ?? `${packagedRulesFolder}${year}.json`;
  if (!file && !existsSync(path)) {
    throw new CommandInputError(`没有随软件提供的 ${year} 年度规则集，请用 --rules 指定文件 / no packaged rule set for ${year}: name one with --rules FILE`);
  }
  const ruleSet = parseRuleSetDocument(await readJsonFile(path));
  if (ruleSet.campaignYear !== year) {
    throw new CommandInputError(`${path} 是 ${ruleSet.campaignYear} 年度的规则集，不是 ${year} / ${path} is the ${ruleSet.campaignYear} rule set, not ${year}'s`);
  }
  return ruleSet;
}
