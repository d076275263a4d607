import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { WorkingDayCalendar } from '../../domain/calendar/working-day-calendar.ts';
import { buildDigests, type OpenTask } from '../../domain/notifications/digest.ts';
import type { PartyRef } from '../../domain/notifications/roles.ts';
import type { Clock } from '../../platform/engine/clock.ts';
import type { EnginePort, UserTask } from '../../platform/engine/port.ts';
import type { Logger } from '../../platform/log.ts';
import type { Contact } from '../../platform/mail/contacts.ts';

/** The queue whose job scheduler starts the digest run each morning. */
export const digestQueueName = 'notification-digests';
const schedulerId = 'daily-digest';
/** 08:00 in Beijing, every day; BullMQ's scheduler reads the pattern in that zone. */
export const digestSchedule = { pattern: '0 8 * * *', tz: 'Asia/Shanghai' } as const;

export interface DigestDependencies {
  readonly engine: Pick<EnginePort, 'searchUserTasks'>;
  /** Read for each run, so a year the office loads later counts from the next morning. */
  readonly calendar: () => Promise<WorkingDayCalendar>;
  readonly contactsOf: (office: PartyRef) => Promise<Contact[]>;
  readonly enqueue: (content: ReturnType<typeof buildDigests>[number], contactId: number) => Promise<string>;
  readonly clock: Clock;
}

/**
 * One digest run: reads the engine's open user tasks, builds each office's list and queues one
 * digest per contact of that office. Its keys carry the date, so a second run on the same day
 * queues nothing new.
 * @returns the keys queued.
 */
export async function runDailyDigest(dependencies: DigestDependencies): Promise<string[]> {
  const tasks = await dependencies.engine.searchUserTasks({ state: 'CREATED' });
  const digests = buildDigests(tasks.map(openTask), dependencies.clock.now(), await dependencies.calendar());
  const keys: string[] = [];
  for (const digest of digests) {
    for (const contact of await dependencies.contactsOf(digest.office)) keys.push(await dependencies.enqueue(digest, contact.id));
  }
  return keys;
}

/**
 * Schedules the digest for 08:00 Beijing time and runs it when due. Upserting the scheduler is
 * idempotent, so every jingpin process may do it at start; BullMQ runs each day's job once.
 */
export async function startDailyDigest(
  dependencies: DigestDependencies & { readonly redis: Redis; readonly prefix: string; readonly logger: Logger },
): Promise<{ close(): Promise<void> }> {
  const log = dependencies.logger.child({ part: 'daily-digest' });
  const queue = new Queue(digestQueueName, { connection: dependencies.redis, prefix: dependencies.prefix });
  await queue.upsertJobScheduler(schedulerId, digestSchedule, { name: 'digest', opts: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 } } });
  const worker = new Worker(
    digestQueueName,
    async () => {
      const keys = await runDailyDigest(dependencies);
      log.info({ queued: keys.length }, '每日汇总已入队 / daily digests queued');
      return keys.length;
    },
    { connection: dependencies.redis, prefix: dependencies.prefix },
  );
  worker.on('error', (error) => log.error({ err: error }, '汇总队列连接出错 / digest queue connection failed'));
  worker.on('failed', (_job, error) => log.error({ err: error }, '每日汇总失败 / daily digest failed'));
  return {
    async close() {
      await worker.close();
      await queue.close();
    },
  };
}

function openTask(task: UserTask): OpenTask {
  return {
    userTaskKey: task.userTaskKey,
    caseNumber: task.businessKey ?? task.processInstanceKey,
    taskName: task.name ?? task.elementId,
    dueDate: task.dueDate,
    candidateGroups: task.candidateGroups,
  };
}
