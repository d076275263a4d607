import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import pg from 'pg';
import { freePort } from '../free-port.ts';

const run = promisify(execFile);

/**
 * A PostgreSQL server of the fault suite's own (initdb into a temporary folder, its own port), so
 * the suite can restart it without touching the machine's server that every other test uses.
 */
export interface PrivatePostgres {
  readonly url: string;
  /** `pg_ctl restart -m fast`: every connection is cut, the server is back when this resolves. */
  restart(): Promise<void>;
  /** Stops the server and removes its folder. */
  close(): Promise<void>;
}

async function postgresBinaries(): Promise<string> {
  const { stdout } = await run('pg_config', ['--bindir']);
  return stdout.trim();
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = await postgresBinaries();
  const folder = await mkdtemp(path.join(tmpdir(), 'jingpin-faults-pg-'));
  const data = path.join(folder, 'data');
  const port = await freePort();
  // PostgreSQL refuses to run as root; CI runs as root, so the server runs as `postgres` then.
  const asServerUser = userInfo().uid === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
  if (asServerUser.length > 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(folder, Number(stdout.trim()), Number(gid.trim()));
  }
  const pgCommand = async (tool: string, args: string[]) => {
    const [command, ...prefix] = [...asServerUser, path.join(bin, tool)];
    await run(command!, [...prefix, ...args]);
  };
  const options = `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
  const ctl = (...args: string[]) => pgCommand('pg_ctl', ['-D', data, '-l', path.join(folder, 'log'), '-w', '-o', options, ...args]);
  await pgCommand('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
  await ctl('start');
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    restart: () => ctl('-m', 'fast', 'restart'),
    async close() {
      await ctl('-m', 'immediate', 'stop').catch(() => {});
      await rm(folder, { recursive: true, force: true });
    },
  };
}

/**
 * A Redis server of the suite's own with its append-only file on, as an office runs Redis for
 * queued mail: stopping it (SHUTDOWN) keeps the queued jobs, starting it again loads them.
 */
export interface PrivateRedis {
  readonly url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const folder = await mkdtemp(path.join(tmpdir(), 'jingpin-faults-redis-'));
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let server: ChildProcess | null = null;
  const ping = async (): Promise<boolean> => {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => {});
    try {
      await client.connect();
      return (await client.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      client.disconnect();
    }
  };
  const start = async () => {
    server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--dir', folder], { stdio: 'ignore' });
    for (let i = 0; i < 100 && !(await ping()); i++) await sleep(50);
    if (!(await ping())) throw new Error(`private redis-server on ${port} did not answer`);
  };
  const stop = async () => {
    const child = server;
    if (!child) return;
    server = null;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const client = new Redis(url, { maxRetriesPerRequest: 0 });
    client.on('error', () => {});
    await client.call('SHUTDOWN').catch(() => {}); // the connection closes as the server exits
    client.disconnect();
    await exited;
  };
  await start();
  return {
    url,
    start,
    stop,
    async close() {
      await stop();
      await rm(folder, { recursive: true, force: true });
    },
  };
}

/** Counts rows with a query on the private server (the suite checks its invariants in SQL). */
export async function countRows(url: string, schema: string, sql: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`set search_path to ${schema}`);
    const { rows } = await client.query<{ n: string }>(sql);
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}
