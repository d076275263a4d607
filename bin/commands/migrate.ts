import { Command } from 'commander';
import { loadConfig } from '../../platform/config.ts';
import { runMigrations } from '../run-migrations.ts';

/** `jingpin migrate`: applies the pending migrations and prints each one. */
export function migrateCommand(): Command {
  return new Command('migrate')
    .description('执行尚未执行的数据库迁移 / apply pending database migrations')
    .option('--folder <path>', '迁移文件目录 / folder of NNNN_name.sql files (default: migrations/)')
    .action(async (options: { folder?: string }) => {
      const config = loadConfig();
      const applied = await runMigrations(
        config,
        (migration) => console.log(`已执行 / applied ${migration.file} (${migration.durationMs} ms)`),
        options.folder,
        (ruleSet) => console.log(`已导入随软件提供的 ${ruleSet.campaignYear} 年度规则集第 ${ruleSet.version} 版 / loaded the packaged ${ruleSet.campaignYear} rule set, version ${ruleSet.version}`),
      );
      if (applied.length === 0) {
        console.log(`数据库已是最新 / database is up to date (schema ${config.DATABASE_SCHEMA})`);
      }
    });
}
