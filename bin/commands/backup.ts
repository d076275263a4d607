import { Command } from 'commander';
import { beijingIso } from '../../domain/notifications/beijing-time.ts';
import { loadConfig } from '../../platform/config.ts';

/**
 * `jingpin backup --out DIR`: the configured schema (pg_dump, custom format) and ATTACHMENTS_DIR
 * into a new folder, with manifest.json (time, versions, last migration, checksums). See docs/backup.md.
 */
export function backupCommand(): Command {
  return new Command('backup')
    .description('备份：数据库 schema 与附件目录写入一个新目录 / back up the database schema and the attachments folder into a new folder')
    .requiredOption('--out <dir>', '备份写入的新目录（不得已存在）/ the new folder the backup is written to (must not exist)')
    .action(async (options: { out: string }) => {
      const config = loadConfig();
      // Loaded here, not at the top: every other command of the CLI starts without this code.
      const [{ createBackup }, { BackupError }] = await Promise.all([import('../../platform/backup/backup.ts'), import('../../platform/backup/errors.ts')]);
      try {
        const manifest = await createBackup(config, options.out);
        const attachments = manifest.files.length - 1;
        console.log(
          `已备份 / backed up: schema ${manifest.schema}（迁移 / migration ${String(manifest.lastMigration.version).padStart(4, '0')}_${manifest.lastMigration.name}），${attachments} 个附件 / attachments，于 / at ${beijingIso(new Date(manifest.createdAt))} → ${options.out}`,
        );
      } catch (error) {
        if (!(error instanceof BackupError)) throw error;
        console.error(`备份失败 / backup failed: ${error.message}`);
        process.exitCode = error.exitCode;
      }
    });
}

/** `jingpin restore --from DIR [--replace]`: a backup into the configured (empty) schema and ATTACHMENTS_DIR. */
export function restoreCommand(): Command {
  return new Command('restore')
    .description('恢复：把备份恢复到配置的（空的）schema 与附件目录 / restore a backup into the configured (empty) schema and attachments folder')
    .requiredOption('--from <dir>', '由 jingpin backup 写出的备份目录 / a folder written by jingpin backup')
    .option('--replace', '覆盖已有数据的目标 / overwrite a target that already holds data')
    .action(async (options: { from: string; replace?: boolean }) => {
      const config = loadConfig();
      const [{ restoreBackup }, { BackupError }] = await Promise.all([import('../../platform/backup/restore.ts'), import('../../platform/backup/errors.ts')]);
      try {
        const manifest = await restoreBackup(config, options.from, { replace: options.replace ?? false });
        console.log(
          `已恢复 / restored: ${beijingIso(new Date(manifest.createdAt))} 的备份（schema ${manifest.schema}，迁移 / migration ${manifest.lastMigration.version}）→ schema ${config.DATABASE_SCHEMA}，${manifest.files.length - 1} 个附件 / attachments → ${config.ATTACHMENTS_DIR}`,
        );
        console.log('请执行 jingpin migrate（或 jingpin start）使数据库与本版本一致 / run jingpin migrate (or jingpin start) to bring the database up to this version');
      } catch (error) {
        if (!(error instanceof BackupError)) throw error;
        console.error(`恢复失败 / restore failed: ${error.message}`);
        process.exitCode = error.exitCode;
      }
    });
}
