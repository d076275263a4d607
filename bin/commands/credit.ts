import { userInfo } from 'node:os';
import { Command } from 'commander';
import { creditImportLines, importCreditRecords } from '../../platform/credit/import-credit-records.ts';
import { importFile } from '../import-file.ts';

/** `jingpin credit import FILE.csv`: the office's credit records for the default adapter (docs/domain-rules.md). */
export function creditCommand(): Command {
  const command = new Command('credit').description('信用查询记录 / credit consultation records');
  command
    .command('import')
    .description(
      '从 CSV（UTF-8，首行列名 enterpriseId,source,result,detail,recordedOn）导入各来源的信用记录；任一行有误则不导入 / load the records of each credit source from a CSV (UTF-8, header enterpriseId,source,result,detail,recordedOn); nothing is loaded when any row fails',
    )
    .argument('<file>', 'CSV 文件 / CSV file')
    .option('--by <name>', '导入人（默认当前系统用户）/ who loads it (default: the system user)')
    .action((file: string, options: { by?: string }) =>
      importFile(file, async (bytes, pool) => {
        const report = await importCreditRecords(pool, bytes, { actor: options.by ?? userInfo().username, at: new Date() });
        return { lines: creditImportLines(report), refused: report.problems.length > 0 };
      }),
    );
  return command;
}
