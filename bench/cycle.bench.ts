/**
 * `npm run bench:cycle`: a whole year of the cycle for N declarations (1,000 by default) on the
 * embedded engine with PostgreSQL: the demo's scripted year (bin/demo/), in a schema of its own
 * that is dropped afterwards, with notifications through Redis on a prefix of its own. Prints
 * declarations per second over the cycle and, per stage, the wall time, the engine runs (one per
 * command an instance applies: each recovers the instance's bpmn-engine from its saved state and
 * saves it again) and the SQL round trips, so it shows where the time goes. Each stage is printed
 * as it ends; the CPU time of this process is printed beside the wall time, so a run on a busy
 * machine still says what the work cost.
 *
 *   BENCH_DECLARATIONS=1000 npm run bench:cycle
 *   BENCH_VERBOSE=1 also prints the demo's own lines and summary.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { runDemo } from '../bin/demo/run-demo.ts';
import { demoStages, type StageKey } from '../bin/demo/scenario.ts';
import { loadConfig } from '../platform/config.ts';

const N = Number(process.env.BENCH_DECLARATIONS ?? 1000);
const SEED = Number(process.env.BENCH_SEED ?? 2023);

// Every statement of this process goes through pg.Client#query (pools included): count them.
let roundTrips = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  roundTrips++;
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof query;

async function dropSchema(databaseUrl: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  if (!Number.isInteger(N) || N < 1) throw new Error(`BENCH_DECLARATIONS 必须是正整数 / must be a whole number ≥ 1, got ${process.env.BENCH_DECLARATIONS}`);
  const config = loadConfig();
  const schema = `bench_cycle_${randomBytes(4).toString('hex')}`;
  const verbose = process.env.BENCH_VERBOSE === '1';
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  // Each stage is printed as it ends, so a long run shows its progress: wall and CPU time since
  // the stage before, engine runs (each saved run bumps its instance's lock_version by one) and
  // SQL round trips.
  let before = { runs: 0, trips: 0, at: performance.now(), cpu: process.cpuUsage() };
  const total = { runs: 0, trips: 0 };
  const cpuAtStart = process.cpuUsage();
  const observe = async (point: 'ready' | StageKey, db: pg.Pool) => {
    const { rows } = await db.query<{ runs: number }>('SELECT coalesce(sum(lock_version), 0)::int AS runs FROM engine_instances');
    const now = { runs: rows[0]!.runs, trips: roundTrips, at: performance.now(), cpu: process.cpuUsage() };
    const stage = demoStages.find((s) => s.key === point);
    if (stage) {
      const runs = now.runs - before.runs;
      const trips = now.trips - before.trips;
      const cpu = process.cpuUsage(before.cpu);
      total.runs += runs;
      total.trips += trips;
      console.log(
        `  ${stage.zh} / ${stage.en}: ${seconds(now.at - before.at)}（CPU ${seconds((cpu.user + cpu.system) / 1000)}）；` +
          `引擎运行 / engine runs ${runs} (${((now.at - before.at) / Math.max(1, runs)).toFixed(0)} ms each)；SQL ${trips}`,
      );
    }
    before = now;
  };
  try {
    console.log(`全年流程 / whole cycle: ${N} 家企业 / enterprises, seed ${SEED}, ENGINE_JOB_CONCURRENCY ${config.ENGINE_JOB_CONCURRENCY}, ENGINE_HOT_INSTANCES ${config.ENGINE_HOT_INSTANCES}`);
    const result = await runDemo({ enterprises: N, seed: SEED, schema, config, observe, print: (line) => verbose && console.log(line) });
    const s = result.summary;
    const declared = s.totals.declared;
    const cpu = process.cpuUsage(cpuAtStart);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    console.log(`  准备（建库、生成、种子数据）/ setup (schema, province, seed data): ${seconds(result.timings.setupMs)}`);
    console.log(`  流程合计 / cycle: ${seconds(result.timings.cycleMs)}；总计（含邮件与汇总）/ total (with mail and summary) ${seconds(result.timings.totalMs)}`);
    console.log(`每秒申报数 / declarations per second: ${(declared / (result.timings.cycleMs / 1000)).toFixed(2)}`);
    console.log(
      `每项申报 / per declaration (${declared}): ${(total.runs / declared).toFixed(1)} engine runs, ${(total.trips / declared).toFixed(0)} SQL round trips, ` +
        `${(result.timings.cycleMs / declared).toFixed(0)} ms wall, ${(cpuMs / declared).toFixed(0)} ms CPU of this process`,
    );
    console.log(`峰值内存 / peak memory: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
    console.log(`结果 / outcome: ${s.totals.announced} announced, ${s.escalations.length} escalated, ${s.activeIncidents} incidents, ${s.open} open`);
  } finally {
    await dropSchema(config.DATABASE_URL, schema);
  }
}

await main();
