import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/** The types an attachment may be: PDF, JPEG, PNG, as the file's leading bytes show them. */
export const attachmentTypes = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type AttachmentType = (typeof attachmentTypes)[number];

// The signatures: PDF `%PDF-`; JPEG the SOI marker and the first marker's FF; PNG its 8-byte signature.
const signatures: ReadonlyArray<readonly [AttachmentType, readonly number[]]> = [
  ['application/pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
];

/** How many leading bytes {@link sniffContentType} needs. */
export const SNIFF_BYTES = 8;

/** The type a file's leading bytes show, or undefined when they are none of {@link attachmentTypes}. */
export function sniffContentType(head: Uint8Array): AttachmentType | undefined {
  return signatures.find(([, bytes]) => bytes.length <= head.length && bytes.every((byte, i) => head[i] === byte))?.[0];
}

/** A file written to the store's temporary folder, not yet in place. */
export interface StagedFile {
  readonly tempPath: string;
  readonly sha256: string;
  readonly size: number;
  /** The first {@link SNIFF_BYTES} bytes (fewer for a shorter file). */
  readonly head: Buffer;
}

/**
 * The folder attachments live in (ATTACHMENTS_DIR). A file is named by the SHA-256 of its bytes,
 * `ab/abcdef…`, so the same document uploaded twice is kept once. An upload is written to `tmp/`
 * (same file system), synced, and only then renamed into place: a failed upload leaves nothing
 * but its temporary file, which {@link AttachmentStore.discard} removes.
 */
export class AttachmentStore {
  readonly root: string;
  private readonly tmp: string;

  constructor(folder: string) {
    this.root = path.resolve(folder);
    this.tmp = path.join(this.root, 'tmp');
  }

  /**
   * Writes `source` to a new temporary file while hashing and counting it. The caller either
   * {@link place}s it or {@link discard}s it; on an error here it is already removed.
   */
  async stage(source: AsyncIterable<Buffer>): Promise<StagedFile> {
    // Created on the first upload, not at start: a process that never takes an upload leaves no folder.
    await mkdir(this.tmp, { recursive: true });
    const tempPath = path.join(this.tmp, `${randomUUID()}.part`);
    const handle = await open(tempPath, 'wx', 0o600);
    const hash = createHash('sha256');
    let size = 0;
    let head = Buffer.alloc(0);
    try {
      try {
        for await (const chunk of source) {
          hash.update(chunk);
          size += chunk.length;
          if (head.length < SNIFF_BYTES) head = Buffer.concat([head, chunk.subarray(0, SNIFF_BYTES - head.length)]);
          await handle.write(chunk);
        }
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch (error) {
      await rm(tempPath, { force: true });
      throw error;
    }
    return { tempPath, sha256: hash.digest('hex'), size, head };
  }

  /** Removes a staged file that was not placed (a no-op once it was). */
  async discard(staged: StagedFile): Promise<void> {
    await rm(staged.tempPath, { force: true });
  }

  /** Moves a staged file to its name and syncs the folder, so the file outlives a crash. */
  async place(staged: StagedFile): Promise<void> {
    const target = this.pathOf(staged.sha256);
    const folder = path.dirname(target);
    await mkdir(folder, { recursive: true });
    await rename(staged.tempPath, target);
    const directory = await open(folder, 'r');
    try {
      await directory.sync();
    } finally {
      await directory.close();
    }
  }

  /**
   * The bytes of a stored file, after checking it is there with the size its row records.
   * @throws {Error} when the file is missing or its size differs: the store is damaged.
   */
  async read(sha256: string, size: number): Promise<ReadStream> {
    const file = this.pathOf(sha256);
    const found = await stat(file).catch(() => undefined);
    if (!found || found.size !== size) {
      throw new Error(`附件文件缺失或已损坏 / attachment file missing or damaged: ${file} (expected ${size} bytes, found ${found?.size ?? 'none'})`);
    }
    return createReadStream(file);
  }

  /** Whether the store holds the file with this hash and size (a file recorded again need not be written again). */
  async holds(sha256: string, size: number): Promise<boolean> {
    const found = await stat(this.pathOf(sha256)).catch(() => undefined);
    return found?.isFile() === true && found.size === size;
  }

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }
}
