import { copyFile, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * Every file under `root`, as paths relative to it with `/` between parts, sorted. `skip` names
 * top-level folders left out (ATTACHMENTS_DIR's `tmp` holds uploads still being written).
 * A folder that does not exist has no files.
 */
export async function listFiles(root: string, skip: readonly string[] = []): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .filter((relative) => !skip.includes(relative.split('/')[0]!))
    .sort();
}

/** Copies the listed files from one folder to another, creating the folders they need. */
export async function copyFiles(from: string, to: string, files: readonly string[]): Promise<void> {
  for (const file of files) {
    const target = path.join(to, ...file.split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    await copyFile(path.join(from, ...file.split('/')), target);
  }
}
