import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const executable = fileURLToPath(new URL('../bin/jingpin.js', import.meta.url));

/** How a `jingpin` command ended: its exit code (null when a signal ended it) and everything it printed. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs bin/jingpin.js as a user would, in a process of its own, with `env` on top of this
 * process's environment (a test's DATABASE_SCHEMA, REDIS_PREFIX). Output is collected without a
 * size limit, so a long run such as the demo is read whole. Each run starts Node (about a second).
 * `input` is piped to its standard input, as `echo 'password' | jingpin users add …` does; without
 * it standard input is closed at once, so a command that reads it never waits.
 */
export function runJingpin(args: readonly string[], env: NodeJS.ProcessEnv = {}, input = ''): Promise<CliRun> {
  const child = spawn(process.execPath, [executable, ...args], { env: { ...process.env, ...env } });
  // A command that exits without reading its input makes the write fail with EPIPE: not the test's concern.
  child.stdin.on('error', () => {});
  child.stdin.end(input);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
