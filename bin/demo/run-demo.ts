import { createHash } from 'node:crypto';
import path from 'node:path';
import { Queue } from 'bullmq';
import type { Pool } from 'pg';
import type { NotificationContent } from '../../domain/notifications/content.ts';
import type { Config } from '../../platform/config.ts';
import { AttachmentStore } from '../../platform/cycle/attachment-store.ts';
import { loadWorkingDayCalendar } from '../../platform/db/calendar-years.ts';
import { migrate } from '../../platform/db/migrate.ts';
import { loadPackagedRuleSets, ruleSetFor } from '../../platform/rule-sets/rule-sets.ts';
import { createPool, schemaName } from '../../platform/db/pool.ts';
import { CreditRecordsRegistry } from '../../platform/credit/credit-records-registry.ts';
import { VirtualClock } from '../../platform/engine/clock.ts';
import { deployModels } from '../../platform/engine/deploy-models.ts';
import { EmbeddedEngine } from '../../platform/engine/embedded/embedded-engine.ts';
import { createLogger } from '../../platform/log.ts';
import { notificationQueueName } from '../../platform/queue/notification-queue.ts';
import { closeRedis, connectRedis } from '../../platform/queue/redis.ts';
import type { CyclePorts } from '../../workers/cycle/ports.ts';
import { startNotifications } from '../../workers/queues/notifications.ts';
import { buildWorkerRegistry } from '../../workers/registry.ts';
import type { NotifyPorts } from '../../workers/tasks/notify.ts';
import { CycleDriver } from './cycle-driver.ts';
import { generatePopulation, seededRandom } from './population.ts';
import { runScenario, type StageKey, type StageReport } from './scenario.ts';
import { seedDemo } from './seed.ts';
import { formatSummary, summarize, type DemoSummary } from './summary.ts';

const MODELS = path.join(import.meta.dirname, '..', '..', 'bpmn');

/** The 2023 notice (苏质委办〔2023〕1号) came out on 20 March: the demo's year starts then, at 09:00 Beijing time. */
export const DEMO_START = '2023-03-20T09:00:00+08:00';

/** How long the demo waits at the end for the mail still in the queue. */
const DRAIN_MS = 60_000;

export interface DemoOptions {
  /** How many enterprises declare (one product each). */
  readonly enterprises: number;
  readonly seed: number;
  /** The schema to create and migrate; it must not exist yet, or be empty. */
  readonly schema: string;
  /** The configuration from the environment (database, Redis, SMTP); its DATABASE_SCHEMA is not used. */
  readonly config: Config;
  /** Gets each line of progress as it happens. */
  readonly print?: (line: string) => void;
  /**
   * Awaited once the province is seeded (`ready`) and after each stage, outside the stages'
   * timing, with the demo's pool: how the bench takes its counts.
   */
  readonly observe?: (point: 'ready' | StageKey, db: Pool) => Promise<void>;
}

export interface DemoResult {
  readonly schema: string;
  readonly summary: DemoSummary;
  readonly stages: readonly StageReport[];
  /** Wall-clock milliseconds: preparing the schema and the province; the stages added up; everything, with the mail drained and the summary. */
  readonly timings: { readonly setupMs: number; readonly cycleMs: number; readonly totalMs: number };
}

/** The schema named for `jingpin demo` exists and holds tables: the demo never writes into it. */
export class DemoSchemaInUse extends Error {
  override readonly name = 'DemoSchemaInUse';
}

/** The cycle went wrong: an engine error, or cases stuck in incidents. */
export class DemoFailed extends Error {
  override readonly name = 'DemoFailed';
}

/** `demo_20260317_093000`: a fresh schema name from the time, in Beijing. */
export function defaultDemoSchema(now = new Date()): string {
  const b = new Date(now.getTime() + 8 * 3_600_000).toISOString();
  return `demo_${b.slice(0, 10).replaceAll('-', '')}_${b.slice(11, 19).replaceAll(':', '')}`;
}

/** The demo's own key prefix in Redis, beside the installation's, so its queue is apart. */
function demoRedisPrefix(config: Pick<Config, 'REDIS_PREFIX'>, schema: string): string {
  const prefix = `${config.REDIS_PREFIX}.${schema}`;
  return prefix.length <= 64 ? prefix : `${config.REDIS_PREFIX.slice(0, 40)}.demo.${createHash('sha256').update(schema).digest('hex').slice(0, 12)}`;
}

async function prepareSchema(pool: Pool, schema: string): Promise<void> {
  const { rows } = await pool.query<{ tables: number }>(
    `SELECT count(c.*)::int AS tables FROM pg_namespace n LEFT JOIN pg_class c ON c.relnamespace = n.oid AND c.relkind IN ('r', 'p', 'v') WHERE n.nspname = $1 GROUP BY n.oid`,
    [schema],
  );
  if (rows[0] && rows[0].tables > 0) {
    throw new DemoSchemaInUse(
      `schema ${schema} 已存在且有数据表，演示不会写入已有的 schema，请换一个名字 / schema ${schema} exists and holds tables; the demo never writes into an existing schema: choose another name`,
    );
  }
  await migrate({ pool, schema });
  // As `jingpin migrate` does: the rule sets shipped in rules/, through the same service an office uses.
  await loadPackagedRuleSets(pool, new Date());
}

/**
 * `jingpin demo`: a year of the 江苏精品 cycle on the embedded engine with a virtual clock, in a
 * schema of its own. Generates the province from the seed, seeds last year's key list, the
 * directory and the notification contacts, then drives every stage as the scripted people
 * decide, printing a line per stage, and reads the summary back. Notifications go through the
 * real queue and sender (the log-only transport when SMTP_URL is unset), on a Redis prefix of
 * the demo's own that is removed at the end. Throws {@link DemoFailed} when a case ends in an
 * incident or the engine fails.
 */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const started = performance.now();
  const print = options.print ?? (() => undefined);
  const schema = schemaName(options.schema);
  const { config } = options;
  const pool = createPool({ DATABASE_URL: config.DATABASE_URL, DATABASE_SCHEMA: schema });
  try {
    await prepareSchema(pool, schema);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const clock = new VirtualClock(DEMO_START);
  const engineErrors: unknown[] = [];
  const engine = new EmbeddedEngine({
    pool,
    clock,
    background: false,
    concurrency: config.ENGINE_INSTANCE_CONCURRENCY,
    jobConcurrency: config.ENGINE_JOB_CONCURRENCY,
    hotInstances: config.ENGINE_HOT_INSTANCES,
    runCommit: config.ENGINE_RUN_COMMIT,
    onError: (error) => engineErrors.push(error),
  });
  const prefix = demoRedisPrefix(config, schema);
  // The log-only transport has no server to spare, so the sender's limiter need not hold it back.
  const notifications = await startNotifications({
    config: { ...config, REDIS_PREFIX: prefix, SMTP_MAX_PER_SECOND: config.SMTP_URL ? config.SMTP_MAX_PER_SECOND : 1000 },
    pool,
    clock,
    logger: createLogger('error', process.stderr),
  });
  const queued: Record<string, number> = {};
  const cases: Record<string, string[]> = {};
  const notify: NotifyPorts = {
    resolveRecipients: (roles, parties) => notifications.ports.resolveRecipients(roles, parties),
    async enqueue(content: NotificationContent, contactId: number) {
      const key = await notifications.ports.enqueue(content, contactId);
      queued[content.kind] = (queued[content.kind] ?? 0) + 1;
      const caseNumber = content.kind === 'daily-digest' ? `${content.office.role}:${content.office.scope}/${content.date}` : content.caseNumber;
      if (!cases[content.kind]?.includes(caseNumber)) (cases[content.kind] ??= []).push(caseNumber);
      return key;
    },
  };
  // The scripted year replays: its panel draws are seeded from the demo's own seed.
  const drawSeeds = seededRandom(options.seed)('panel-draw');
  const cycle: CyclePorts = {
    db: pool,
    clock,
    calendar: () => loadWorkingDayCalendar(pool),
    engine,
    credit: new CreditRecordsRegistry(pool),
    drawSeed: () => Math.floor(drawSeeds() * 2 ** 32),
  };
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await engine.stop();
    await notifications.close();
    await removeQueue(config.REDIS_URL, prefix);
    await pool.end();
  };
  try {
    const population = generatePopulation({ enterprises: options.enterprises, seed: options.seed, ruleSet: await ruleSetFor(pool, 2023) });
    await deployModels(engine, MODELS);
    await engine.startWorkers(buildWorkerRegistry({ notifications: notify, cycle }));
    const { contacts } = await seedDemo(pool, population, clock.now());
    print(
      `演示数据：${population.enterprises.length} 家申报企业（种子 ${options.seed}），${population.experts.length} 位专家，${population.certificationBodies.length} 家认证机构，${contacts} 个通知联系人，上年重点培育名单 ${population.previousYear.filter((d) => d.selected).length} 项 / ` +
        `demo data: ${population.enterprises.length} declaring enterprises (seed ${options.seed}), ${population.experts.length} experts, ${population.certificationBodies.length} certification bodies, ${contacts} notification contacts, ${population.previousYear.filter((d) => d.selected).length} on last year's key list`,
    );
    const setupMs = performance.now() - started;
    await options.observe?.('ready', pool);
    const stages: StageReport[] = [];
    const check = async (stage: StageKey) => {
      if (engineErrors.length) throw new DemoFailed(`引擎出错 / the engine failed during ${stage}: ${engineErrors.map(String).join('; ')}`);
      const incidents = await engine.searchIncidents({ state: 'ACTIVE' });
      if (incidents.length) {
        throw new DemoFailed(
          `${stage} 阶段后有 ${incidents.length} 个未解决的事件 / ${incidents.length} active incidents after ${stage}: ` +
            incidents.slice(0, 5).map((i) => `${i.elementId} (${i.processInstanceKey}): ${i.errorMessage}`).join('; '),
        );
      }
    };
    const calendar = await loadWorkingDayCalendar(pool);
    const driver = new CycleDriver(engine, pool, clock, new AttachmentStore(config.ATTACHMENTS_DIR));
    await runScenario({
      driver,
      db: pool,
      calendar,
      population,
      random: seededRandom(options.seed),
      check,
      async onStage(report) {
        stages.push(report);
        print(`[${report.at.slice(0, 16).replace('T', ' ')}] ${report.zh} / ${report.en}`);
        await options.observe?.(report.key, pool);
      },
    });
    const cycleMs = stages.reduce((sum, s) => sum + s.wallMs, 0);
    const pending = await drain(notifications.queue, DRAIN_MS);
    const { rows: sent } = await pool.query<{ sent: number; dead: number }>(
      'SELECT (SELECT count(*) FROM notifications_sent)::int AS sent, (SELECT count(*) FROM notification_dead_letters)::int AS dead',
    );
    const summary = await summarize(pool, engine, population.campaignYear, {
      queued,
      cases,
      sent: sent[0]!.sent,
      deadLetters: sent[0]!.dead,
      pending,
      transport: notifications.mode,
    });
    for (const line of formatSummary(summary)) print(line);
    print(
      `演示数据在 schema ${schema}（数据库 ${redactedUrl(config.DATABASE_URL)}）；邮件见表 notifications_sent / the demo ran in schema ${schema} (database ${redactedUrl(config.DATABASE_URL)}); its mail is in table notifications_sent`,
    );
    return { schema, summary, stages, timings: { setupMs, cycleMs, totalMs: performance.now() - started } };
  } finally {
    await close();
  }
}

/** Waits until the queue has nothing waiting, delayed or in flight; returns how many jobs are still there. */
async function drain(queue: { counts(): Promise<Record<string, number>> }, timeoutMs: number): Promise<number> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const counts = await queue.counts();
    const left = (counts.waiting ?? 0) + (counts.active ?? 0) + (counts.delayed ?? 0) + (counts.prioritized ?? 0) + (counts['waiting-children'] ?? 0);
    if (left === 0 || Date.now() > until) return left;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Removes the demo's queue from Redis: its mail is in the sent log (or dead letters) by now. */
async function removeQueue(redisUrl: string, prefix: string): Promise<void> {
  const redis = connectRedis(redisUrl, 'producer');
  const queue = new Queue(notificationQueueName, { connection: redis, prefix });
  try {
    await queue.obliterate({ force: true });
  } finally {
    await queue.close();
    await closeRedis(redis);
  }
}

function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(DATABASE_URL)';
  }
}
