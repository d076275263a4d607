import closeWithGrace from 'close-with-grace';
import { Command } from 'commander';
import { loadConfig } from '../../platform/config.ts';
import { createLogger } from '../../platform/log.ts';

/** How long a graceful close may take before the process is ended anyway. */
const closeDelayMs = 10_000;

/** `jingpin start`: migrates (unless MIGRATE_ON_START=false), then serves until SIGINT/SIGTERM. */
export function startCommand(): Command {
  return new Command('start')
    .description('启动 jingpin：HTTP 接口和流程引擎 / start jingpin: HTTP API and process engine')
    .action(async () => {
      const config = loadConfig();
      const logger = createLogger(config.LOG_LEVEL);
      // Loaded here, not at the top: every other command of the CLI starts without the server's code.
      const [{ runMigrations }, { startSystem }] = await Promise.all([import('../run-migrations.ts'), import('../start.ts')]);
      if (config.MIGRATE_ON_START) {
        await runMigrations(config, (migration) =>
          logger.info({ migration: migration.file, durationMs: migration.durationMs }, '已执行迁移 / applied migration'),
        );
      }
      // Signals are handled before the server says it listens, so a stop right after start
      // still closes cleanly (it waits for the start to finish first).
      const starting = startSystem(config, { logger });
      closeWithGrace({ delay: closeDelayMs, logger }, async ({ signal, err }) => {
        if (err) logger.error({ err }, '出错，正在关闭 / closing after an error');
        else logger.info({ signal }, '正在关闭 / closing');
        const system = await starting.catch(() => undefined);
        await system?.close();
      });
      await starting;
    });
}
