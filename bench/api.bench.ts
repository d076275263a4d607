/**
 * `npm run bench:api`: autocannon against a running jingpin API (127.0.0.1, a free port) with a
 * seeded 2023 campaign on the embedded engine: requests per second and p50/p99 latency of
 *   - GET /health (the baseline: one `select 1`),
 *   - GET /declarations/:number/status (token check, scoped read, engine look-up, audit trail),
 *   - POST /declarations/drafts/:id/submit (a real submission: numbering, row, audit, a new case),
 * all in the same run. Submissions each take a fresh draft, so none is a repeat.
 *
 *   BENCH_SECONDS=10 BENCH_SUBMISSIONS=2000 BENCH_CONNECTIONS=10 npm run bench:api
 */
import { createRequire } from 'node:module';
import { eligibleFacts } from '../bin/demo/facts.ts';
import { buildApp } from '../api/app.ts';
import { listen } from '../api/server.ts';
import { createDraft } from '../platform/cycle/drafts.ts';
import { createLogger } from '../platform/log.ts';
import { createCycleHarness } from '../test/cycle/cycle-harness.ts';
import { smallDirectory } from '../test/cycle/directory.fixture.ts';
import { declare } from '../test/cycle/scenario-steps.ts';
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
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const directory = smallDirectory();
const E1 = directory.enterprises[0]!.id;
const c = await createCycleHarness({ directory });
const logger = createLogger('silent');
const config = { ...c.h.db.config, HOST: '127.0.0.1', PORT: await freePort() };
const app = buildApp({ config, engine: c.h.engine, clock: c.h.clock, pool: c.h.db.pool, logger });
try {
  await c.driver.openCampaign(2023);
  const number = await declare(c.driver, directory.enterprises[0]!, 2023, 1);
  const enterprise = await signIn(app, c.h.db.pool, 'enterprise', E1);
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

  const rows: Array<[string, AutocannonResult]> = [];
  rows.push(['GET /health (baseline)', await autocannon({ url: `${address}/health`, connections: CONNECTIONS, duration: SECONDS })]);
  rows.push([
    'GET /declarations/:number/status',
    await autocannon({ url: `${address}/declarations/${number}/status`, connections: CONNECTIONS, duration: SECONDS, headers: enterprise.headers }),
  ]);
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
  console.log('\n| route | requests/s | p50 ms | p99 ms | requests | non-2xx | errors |\n|---|---:|---:|---:|---:|---:|---:|');
  for (const [route, r] of rows) {
    console.log(`| ${route} | ${r.requests.average.toFixed(0)} | ${r.latency.p50} | ${r.latency.p99} | ${r.requests.total} | ${r.non2xx} | ${r.errors} |`);
  }
  const { rows: submitted } = await c.h.db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM declaration_drafts WHERE status = 'SUBMITTED'`);
  console.log(`\n${submitted[0]!.n} of ${SUBMISSIONS} drafts submitted (each a numbered declaration with a started case).`);
} finally {
  await app.close();
  await c.close();
}
