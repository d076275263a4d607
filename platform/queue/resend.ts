import { withTransaction, type Pool } from '../db/pool.ts';
import { lockDeadLetter, markResent } from '../mail/dead-letters.ts';
import type { NotificationQueue } from './notification-queue.ts';

/** No dead letter has this id. */
export class DeadLetterNotFound extends Error {
  override readonly name = 'DeadLetterNotFound';
  constructor(readonly id: number) {
    super(`没有编号为 ${id} 的失败通知 / no dead letter with id ${id}`);
  }
}

/** The dead letter was resent already; its new job is `resendJobId`. */
export class DeadLetterAlreadyResent extends Error {
  override readonly name = 'DeadLetterAlreadyResent';
  constructor(
    readonly id: number,
    readonly resendJobId: string,
  ) {
    super(`失败通知 ${id} 已重新发送（作业 ${resendJobId}）/ dead letter ${id} was resent already (job ${resendJobId})`);
  }
}

/**
 * Queues a dead letter's notification again, with a full set of retries, and marks the letter
 * resent. The new job's id is derived from the letter's, so two clicks on "resend" queue one job;
 * the sent log still holds the notification's own key, so a mail that did get through is not
 * sent twice.
 * @throws {DeadLetterNotFound} or {DeadLetterAlreadyResent}.
 */
export async function resendDeadLetter(pool: Pool, queue: NotificationQueue, id: number, now: Date): Promise<{ jobId: string }> {
  return withTransaction(pool, async (client) => {
    const letter = await lockDeadLetter(client, id);
    if (!letter) throw new DeadLetterNotFound(id);
    if (letter.resentAt !== null && letter.resendJobId !== null) throw new DeadLetterAlreadyResent(id, letter.resendJobId);
    const jobId = `${letter.notificationKey}-resend${id}`;
    // Queued before the commit: if the commit fails, a second try queues the same id, a no-op.
    await queue.add(jobId, letter.payload);
    await markResent(client, id, jobId, now);
    return { jobId };
  });
}
