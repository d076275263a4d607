import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MigrationError } from './migration-error.ts';

/** One numbered SQL file in the migrations folder. */
export interface MigrationFile {
  readonly version: number;
  /** The snake_case part of the file name, e.g. `engine` in `0001_engine.sql`. */
  readonly name: string;
  /** The file name, e.g. `0001_engine.sql`. */
  readonly file: string;
  readonly sql: string;
  /** sha256 of the file's bytes, hex; an applied migration must never change. */
  readonly checksum: string;
}

/** The repository's `migrations/` folder. */
export const defaultMigrationsFolder = fileURLToPath(new URL('../../migrations/', import.meta.url));

const fileName = /^(\d{4})_([a-z0-9]+(?:_[a-z0-9]+)*)\.sql$/;

/**
 * Reads every migration in `folder`, ordered by version. Names starting with a dot (`.gitkeep`)
 * are skipped; any other name must be `NNNN_snake_case_name.sql`.
 * @throws {MigrationError} on a misnamed file or a version number used twice.
 */
export async function readMigrationFiles(folder: string = defaultMigrationsFolder): Promise<MigrationFile[]> {
  const names = await readdir(folder).catch((error: unknown) => {
    throw new MigrationError(`无法读取迁移目录 / cannot read the migrations folder ${folder}`, undefined, { cause: error });
  });
  const migrations: MigrationFile[] = [];
  for (const file of names.filter((name) => !name.startsWith('.')).sort()) {
    const match = fileName.exec(file);
    if (!match) {
      throw new MigrationError(
        `迁移文件名不合规范 / badly named migration file ${file}: ` +
          '应为 4 位版本号加小写下划线名称 / expected NNNN_snake_case_name.sql, e.g. 0001_engine.sql',
        file,
      );
    }
    const bytes = await readFile(join(folder, file));
    migrations.push({
      version: Number(match[1]),
      name: match[2] ?? '',
      file,
      sql: bytes.toString('utf8'),
      checksum: createHash('sha256').update(bytes).digest('hex'),
    });
  }
  refuseDuplicateVersions(migrations);
  return migrations;
}

function refuseDuplicateVersions(migrations: readonly MigrationFile[]): void {
  for (let i = 1; i < migrations.length; i++) {
    const [before, after] = [migrations[i - 1], migrations[i]];
    if (before && after && before.version === after.version) {
      throw new MigrationError(
        `迁移版本号重复 / migration version used twice: ${before.file} 和 / and ${after.file}`,
        after.file,
      );
    }
  }
}
