import { userInfo } from 'node:os';
import { Command, Option } from 'commander';
import { recordKinds, type RecordKind } from '../../domain/directory/records.ts';
import { importDirectory, reportLines } from '../../platform/directory/import-directory.ts';
import { ownerOf } from '../../platform/directory/owners.ts';
import { importFile } from '../import-file.ts';

/** `jingpin directory import FILE.csv --kind K`: bulk loading of the directory (docs/directory.md). */
export function directoryCommand(): Command {
  const command = new Command('directory').description('企业、专家、机构与通知联系人名录 / the directory of enterprises, experts, bodies and contacts');
  command
    .command('import')
    .description('从 CSV（UTF-8，首行为列名）导入一类记录；任一行有误则不导入 / load one kind of record from a CSV file (UTF-8, header first); nothing is loaded when any row fails')
    .argument('<file>', 'CSV 文件 / CSV file')
    .addOption(new Option('--kind <kind>', '记录类别 / record kind').choices(recordKinds).makeOptionMandatory())
    .option('--partial', '导入合格的行，报告不合格的行 / load the good rows and report the bad')
    .option('--by <name>', '导入人（默认当前系统用户）/ who loads it (default: the system user)')
    .action((file: string, options: { kind: RecordKind; partial?: boolean; by?: string }) =>
      importFile(file, async (bytes, pool) => {
        const by = { actor: options.by ?? userInfo().username, role: ownerOf(options.kind) };
        const report = await importDirectory(pool, { kind: options.kind, bytes, partial: options.partial === true }, by, new Date());
        return { lines: reportLines(report), refused: report.rejected.length > 0 };
      }),
    );
  return command;
}
