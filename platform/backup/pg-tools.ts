import { spawn } from 'node:child_process';
import pg from 'pg';
import { BackupError } from './errors.ts';

/** What the PostgreSQL client tools need to reach the database, with the password kept out of `ps`. */
export interface Connection {
  /** The URL without its password, for --dbname. */
  readonly url: string;
  /** PGPASSWORD when the URL carried one. */
  readonly env: NodeJS.ProcessEnv;
}

export function connectionOf(databaseUrl: string): Connection {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  return { url: url.toString(), env: password ? { PGPASSWORD: password } : {} };
}

/** Output of a finished tool run. */
export interface ToolRun {
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a client tool to its end; a missing tool or a non-zero exit is a BackupError naming it. */
export function runTool(tool: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<ToolRun> {
  const child = spawn(tool, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return collect(tool, child);
}

export function collect(tool: string, child: ReturnType<typeof spawn>): Promise<ToolRun> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new BackupError(`找不到 ${tool}：请安装 PostgreSQL 客户端工具 / ${tool} not found: install the PostgreSQL client tools (e.g. apt-get install postgresql-client-15)`)
          : error,
      ),
    );
    child.on('close', (code) => {
      if (code === 0) resolve({ stdout, stderr });
      else reject(new BackupError(`${tool} 失败（退出码 ${code}）/ ${tool} failed (exit code ${code}): ${stderr.trim()}`, 1));
    });
  });
}

/** The major version a client tool reports, e.g. 15 for "pg_dump (PostgreSQL) 15.20 (Debian …)". */
export async function toolVersion(tool: string): Promise<string> {
  const { stdout } = await runTool(tool, ['--version']);
  const match = /\(PostgreSQL\)\s+(\d+(?:\.\d+)?)/.exec(stdout);
  if (!match) throw new BackupError(`无法识别 ${tool} 的版本 / cannot tell the version of ${tool}: ${stdout.trim()}`);
  return match[1]!;
}

/**
 * The server's version, checked against a client tool's: pg_dump refuses a newer server, and a
 * dump made by a newer pg_dump may not restore into an older server, so both must be the same major.
 */
export async function matchingVersions(databaseUrl: string, tool: string): Promise<{ server: string; tool: string }> {
  const [server, client] = await Promise.all([serverVersion(databaseUrl), toolVersion(tool)]);
  if (major(server) !== major(client)) {
    throw new BackupError(
      `${tool} 的版本 ${client} 与 PostgreSQL 服务器版本 ${server} 的主版本不一致；请安装 postgresql-client-${major(server)} 并把它放在 PATH 前面 / ${tool} ${client} does not match the PostgreSQL server ${server}: install postgresql-client-${major(server)} and put it first on PATH`,
    );
  }
  return { server, tool: client };
}

async function serverVersion(databaseUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ server_version: string }>('show server_version');
    return /^\d+(\.\d+)?/.exec(rows[0]!.server_version)![0];
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`无法连接数据库 / cannot connect to the database: ${(error as Error).message}`, 1);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const major = (version: string) => version.split('.')[0];
