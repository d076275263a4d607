import { randomBytes } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** One part of a multipart/form-data body: a text field, or a file. */
export type Part = { readonly name: string; readonly value: string } | { readonly name: string; readonly filename: string; readonly contentType: string; readonly data: Buffer };

/** A multipart/form-data body as a browser sends it, for `app.inject`. */
export function multipart(parts: readonly Part[]): { payload: Buffer; headers: { 'content-type': string } } {
  const boundary = `----jingpin${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if ('value' in part) {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`));
    } else {
      // As browsers do: the name in UTF-8, quotes escaped.
      const filename = part.filename.replace(/"/g, '%22');
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="${part.name}"; filename="${filename}"\r\nContent-Type: ${part.contentType}\r\n\r\n`));
      chunks.push(part.data, Buffer.from('\r\n'));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A small but well-formed PDF (its leading bytes are what the API checks). */
export function pdf(text = 'jingpin'): Buffer {
  return Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
}

/** The first bytes of a PNG (signature and IHDR), enough for the check. */
export function png(): Buffer {
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('0000000dIHDR', 'latin1'), randomBytes(32)]);
}

/** The first bytes of a JPEG (SOI and an APP0 marker). */
export function jpeg(): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0', 'latin1'), randomBytes(32)]);
}

/** Every file and folder under `root`, with the files' sizes: to show a folder is unchanged. */
export async function listing(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true }).catch(() => [] as string[]);
  const shown = await Promise.all(
    entries.map(async (entry) => {
      const info = await stat(path.join(root, entry));
      return info.isDirectory() ? `${entry}/` : `${entry} ${info.size}`;
    }),
  );
  return shown.sort();
}
