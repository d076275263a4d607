import { readFile } from 'node:fs/promises';
import type { Pool } from '../platform/db/pool.ts';
import { CommandInputError } from './read-json.ts';
import { withPool } from './with-pool.ts';

/** What an import made of its file: the lines to print, and whether any row was refused. */
export interface ImportOutcome {
  readonly lines: readonly string[];
  readonly refused: boolean;
}

/**
 * The shape of every `jingpin … import FILE` command: read the file (a file that cannot be read
 * is exit 2 with its reason), run the import on the configured database, print its report (to
 * standard error when a row was refused) and exit 2 when one was: a refused row is a mistake in
 * the file for the person to fix.
 */
export async function importFile(file: string, run: (bytes: Buffer, pool: Pool) => Promise<ImportOutcome>): Promise<void> {
  try {
    const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
      throw new CommandInputError(`无法读取文件 / cannot read ${file}: ${error.code ?? error.message}`);
    });
    const { lines, refused } = await withPool((pool) => run(bytes, pool));
    for (const line of lines) (refused ? console.error : console.log)(line);
    if (refused) process.exitCode = 2;
  } catch (error) {
    if (!(error instanceof CommandInputError)) throw error;
    console.error(error.message);
    process.exitCode = 2;
  }
}
