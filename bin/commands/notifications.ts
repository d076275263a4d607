import { Command, InvalidArgumentError } from 'commander';
import { beijingIso } from '../../domain/notifications/beijing-time.ts';
import { loadConfig } from '../../platform/config.ts';
import { createPool } from '../../platform/db/pool.ts';
import { listDeadLetters } from '../../platform/mail/dead-letters.ts';
import { NotificationQueue } from '../../platform/queue/notification-queue.ts';
import { closeRedis, connectRedis } from '../../platform/queue/redis.ts';
import { DeadLetterAlreadyResent, DeadLetterNotFound, resendDeadLetter } from '../../platform/queue/resend.ts';

/** `jingpin notifications`: the dead letters the office sees, and resending one of them. */
export function notificationsCommand(): Command {
  return new Command('notifications')
    .description('通知：查看发送失败的通知并重新发送 / notifications: see the ones that failed and resend them')
    .addCommand(
      new Command('dead-letters')
        .description('列出最终发送失败的通知 / list notifications that failed for good')
        .option('--all', '包括已重新发送的 / include those already resent')
        .action(async (options: { all?: boolean }) => {
          const pool = createPool(loadConfig());
          try {
            const letters = await listDeadLetters(pool, { includeResent: options.all ?? false });
            if (letters.length === 0) console.log('没有发送失败的通知 / no dead letters');
            for (const letter of letters) {
              const resent = letter.resentAt ? ` 已重发 / resent ${beijingIso(letter.resentAt)} (${letter.resendJobId})` : '';
              console.log(
                `#${letter.id} ${beijingIso(letter.failedAt)} ${letter.kind} 案件 / case ${letter.caseNumber} → ${letter.recipientName} <${letter.recipient}>: ${letter.error}${resent}`,
              );
            }
          } finally {
            await pool.end();
          }
        }),
    )
    .addCommand(
      new Command('resend')
        .description('重新发送一条失败的通知 / queue a failed notification again')
        .argument('<id>', '失败通知的编号 / the dead letter\'s id', parseId)
        .action(async (id: number) => {
          const config = loadConfig();
          const pool = createPool(config);
          const redis = connectRedis(config.REDIS_URL, 'producer');
          const queue = new NotificationQueue(redis, config.REDIS_PREFIX);
          try {
            const { jobId } = await resendDeadLetter(pool, queue, id, new Date());
            console.log(`已重新排队 / queued again: #${id} as job ${jobId}`);
          } catch (error) {
            // The office's own mistakes are said in words, without a stack trace.
            if (!(error instanceof DeadLetterNotFound || error instanceof DeadLetterAlreadyResent)) throw error;
            console.error(error.message);
            process.exitCode = 1;
          } finally {
            await queue.close();
            await closeRedis(redis);
            await pool.end();
          }
        }),
    );
}

function parseId(text: string): number {
  if (!/^[1-9]\d*$/.test(text)) throw new InvalidArgumentError('必须是正整数 / must be a positive whole number');
  return Number(text);
}
