/**
 * `npm run bench:api`: autocannon against a running jingpin API (127.0.0.1, a free port) with a
 * seeded 2023 campaign on the embedded engine (BENCH_DECLARATIONS declarations, 1,000 by default,
 * spread over six enterprises in six counties, each waiting at its county check): requests per
 * second, p50/p99 latency and p99 as a multiple of the baseline's, of
 *   - GET /health (the baseline: one `select 1`),
 *   - the county clerk's inbox, GET /tasks (about a sixth of the declarations wait there),
 *   - what the case page asks for: GET /declarations/:number (the case file),
 *     GET /declarations/:number/status (engine look-up, audit trail), GET /declarations/:number/diagram
 *     and GET /tasks?businessKey=,
 *   - POST /declarations/drafts/:id/submit (a real submission: numbering, row, audit, a new case),
 * all in the same run. Submissions each take a fresh draft, so none is a repeat.
 *
 *   BENCH_SECONDS=10 BENCH_DECLARATIONS=1000 BENCH_SUBMISSIONS=2000 BENCH_CONNECTIONS=10 npm run bench:api
 */
import { createRequire } from 'node:module';
import { eligibleFacts } from '../bin/demo/facts.ts';
import { buildApp } from '../api/app.ts';
import { listen } from '../api/server.ts';
import { createDraft } from '../platform/cycle/drafts.ts';
import { createLogger } from '../platform/log.ts';
import { createCycleHarness } from '../test/cycle/cycle-harness.ts';
import { smallDirectory } from '../test/cycle/directory.fixture.ts';
import { freePort } from '../test/free-port.ts';
import { signIn } from '../test/api/sign-in.ts';

interface Histogram {
  readonly p50: number;
  readonly p99: number;
}
interface AutocannonResult {
  readonly requests: { readonly average: number; readonly total: number };
  readonly latency: Histogram;
  readonly non2xx: number;
  readonly errors: number;
}
interface AutocannonOptions {
  readonly url: string;
  readonly connections: number;
  readonly duration?: number;
  readonly amount?: number;
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly setupClient?: unknown;
  readonly requests?: ReadonlyArray<{ method?: string; path?: string; setupRequest?: (request: { path: string }) => { path: string } }>;
}
// autocannon ships no types; this is the part of its API used here.
const autocannon = createRequire(import.meta.url)('autocannon') as (options: AutocannonOptions) => Promise<AutocannonResult>;

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SUBMISSIONS = Number(process.env.BENCH_SUBMISSIONS ?? 2000);
const DECLARATIONS = Number(process.env.BENCH_DECLARATIONS ?? 1000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const directory = smallDirectory();
const E1 = directory.enterprises[0]!.id;
const c = await createCycleHarness({ directory });
const logger = createLogger('silent');
const config = { ...c.h.db.config, HOST: '127.0.0.1', PORT: await freePort() };
const app = buildApp({ config, engine: c.h.engine, clock: c.h.clock, pool: c.h.db.pool, logger });
try {
  if (!Number.isInteger(DECLARATIONS) || DECLARATIONS < 1) throw new Error(`BENCH_DECLARATIONS 必须是正整数 / must be a whole number ≥ 1, got ${process.env.BENCH_DECLARATIONS}`);
  await c.driver.openCampaign(2023);
  // The province's declarations, each started and waiting at its county check, seeded in chunks.
  const seeded = [];
  for (let from = 0; from < DECLARATIONS; from += 100) {
    const chunk = Array.from({ length: Math.min(100, DECLARATIONS - from) }, (_, k) => {
      const i = from + k;
      const e = directory.enterprises[i % directory.enterprises.length]!;
      return { campaignYear: 2023, enterpriseId: e.id, productName: `产品 ${i} / product ${i}`, category: 'MANUFACTURING' as const, channel: 'COUNTY' as const, facts: eligibleFacts('MANUFACTURING', 2023, i + 1), submittedBy: e.id };
    });
    seeded.push(...(await c.driver.submitAll(chunk)));
    process.stdout.write(`\r已准备 / seeded ${seeded.length} of ${DECLARATIONS} declarations`);
  }
  console.log();
  const number = seeded[0]!.number;
  const enterprise = await signIn(app, c.h.db.pool, 'enterprise', E1);
  const county = await signIn(app, c.h.db.pool, 'county_office', directory.enterprises[0]!.countyCode);
  const drafts: number[] = [];
  for (let i = 0; i < SUBMISSIONS; i++) {
    const draft = await createDraft(
      c.h.db.pool,
      c.h.clock,
      { campaignYear: 2023, enterpriseId: E1, productName: `压测产品 ${i} / bench product ${i}`, category: 'MANUFACTURING', channel: 'COUNTY', facts: eligibleFacts('MANUFACTURING', 2023, i) },
      enterprise.username,
    );
    drafts.push(draft.id);
  }
  const address = await listen(app, config);
  console.log(`jingpin API at ${address}; ${CONNECTIONS} connections; ${SECONDS} s per read; ${SUBMISSIONS} submissions`);

  const inboxSize = ((await app.inject({ method: 'GET', url: '/tasks', headers: county.headers })).json() as unknown[]).length;
  const rows: Array<[string, AutocannonResult]> = [];
  const read = async (route: string, path: string, headers?: Record<string, string>) => {
    rows.push([route, await autocannon({ url: `${address}${path}`, connections: CONNECTIONS, duration: SECONDS, ...(headers ? { headers } : {}) })]);
  };
  await read('GET /health (baseline)', '/health');
  await read(`GET /tasks (the county's inbox, ${inboxSize} tasks)`, '/tasks', county.headers);
  await read('GET /declarations/:number (case page: the case file)', `/declarations/${number}`, enterprise.headers);
  await read('GET /declarations/:number/status (case page)', `/declarations/${number}/status`, enterprise.headers);
  await read('GET /declarations/:number/diagram (case page)', `/declarations/${number}/diagram`, enterprise.headers);
  await read('GET /tasks?businessKey= (case page: its tasks)', `/tasks?businessKey=${number}`, county.headers);
  let next = 0;
  rows.push([
    'POST /declarations/drafts/:id/submit',
    await autocannon({
      url: address,
      connections: CONNECTIONS,
      amount: SUBMISSIONS,
      headers: enterprise.headers,
      requests: [{ method: 'POST', setupRequest: (request) => ({ ...request, path: `/declarations/drafts/${drafts[next++]}/submit` }) }],
    }),
  ]);
  const baseline = Math.max(1, rows[0]![1].latency.p99);
  console.log('\n| route | requests/s | p50 ms | p99 ms | p99 ÷ /health p99 | requests | non-2xx | errors |\n|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const [route, r] of rows) {
    console.log(`| ${route} | ${r.requests.average.toFixed(0)} | ${r.latency.p50} | ${r.latency.p99} | ${(r.latency.p99 / baseline).toFixed(1)}× | ${r.requests.total} | ${r.non2xx} | ${r.errors} |`);
  }
  const { rows: submitted } = await c.h.db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM declaration_drafts WHERE status = 'SUBMITTED'`);
  console.log(`\n${submitted[0]!.n} of ${SUBMISSIONS} drafts submitted (each a numbered declaration with a started case).`);
} finally {
  await app.close();
  await c.close();
}
