import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { BackupError } from './errors.ts';

/** The file that describes a backup folder; every other file in the folder is listed in it. */
export const manifestFile = 'manifest.json';
/** The custom-format pg_dump of jingpin's schema, inside a backup folder. */
export const dumpFile = 'database.dump';
/** The copy of ATTACHMENTS_DIR, inside a backup folder. */
export const attachmentsFolder = 'attachments';

const BackupFile = Type.Object({
  path: Type.String({ minLength: 1 }),
  size: Type.Integer({ minimum: 0 }),
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
});

export const ManifestSchema = Type.Object({
  format: Type.Literal(1),
  createdAt: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z$' }),
  jingpinVersion: Type.String(),
  schema: Type.String({ pattern: '^(?!pg_)[a-z_][a-z0-9_]{0,62}$' }),
  lastMigration: Type.Object({ version: Type.Integer(), name: Type.String() }),
  postgresServerVersion: Type.String(),
  pgDumpVersion: Type.String(),
  files: Type.Array(BackupFile),
});

export type Manifest = Static<typeof ManifestSchema>;
export type BackupFileEntry = Static<typeof BackupFile>;

/** SHA-256 and size of a file, streamed: an attachment may be large. */
export async function checksum(file: string): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { size, sha256: hash.digest('hex') };
}

/** Reads and checks `manifest.json` of a backup folder, or says what is wrong with it. */
export async function readManifest(folder: string): Promise<Manifest> {
  const file = path.join(folder, manifestFile);
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new BackupError(`不是 jingpin 备份：无法读取 ${file} / not a jingpin backup: cannot read ${file} (${error.code ?? error.message})`);
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new BackupError(`备份清单已损坏：${file} 不是有效的 JSON / the backup manifest is damaged: ${file} is not valid JSON (${(error as Error).message})`);
  }
  if (!Value.Check(ManifestSchema, parsed)) {
    const [first] = Value.Errors(ManifestSchema, parsed);
    throw new BackupError(`备份清单已损坏：${file} 的 ${first?.path || '/'} 不符合格式 / the backup manifest is damaged: ${first?.path || '/'} in ${file} ${first?.message ?? 'is invalid'}`);
  }
  return parsed;
}

/**
 * Checks every file the manifest lists against its size and SHA-256, and that the folder holds
 * nothing else, before a restore writes anything. Names the first file that differs.
 */
export async function verifyBackup(folder: string, manifest: Manifest, present: readonly string[]): Promise<void> {
  const listed = new Set(manifest.files.map((f) => f.path));
  if (!listed.has(dumpFile)) throw new BackupError(`备份不完整：清单中没有 ${dumpFile} / the backup is incomplete: the manifest lists no ${dumpFile}`);
  const extra = present.filter((p) => p !== manifestFile && !listed.has(p));
  if (extra.length) throw new BackupError(`备份中有清单未列出的文件 / the backup holds files its manifest does not list: ${extra.slice(0, 5).join(', ')}`);
  for (const entry of manifest.files) {
    const file = path.join(folder, ...entry.path.split('/'));
    if (entry.path.split('/').includes('..') || path.isAbsolute(entry.path)) throw new BackupError(`备份清单已损坏：路径 ${entry.path} 指向备份之外 / the backup manifest is damaged: path ${entry.path} leaves the backup folder`);
    const actual = await checksum(file).catch((error: NodeJS.ErrnoException) => {
      throw new BackupError(`备份不完整：缺少 ${entry.path} / the backup is incomplete: ${entry.path} is missing (${error.code ?? error.message})`);
    });
    if (actual.size !== entry.size || actual.sha256 !== entry.sha256) {
      throw new BackupError(`备份已损坏：${entry.path} 的校验和与清单不符，未恢复任何内容 / the backup is damaged: ${entry.path} does not match its checksum in the manifest; nothing was restored`);
    }
  }
}
