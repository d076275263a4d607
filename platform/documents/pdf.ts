import PDFDocument from 'pdfkit';
import { cjkFontBytes } from './cjk-font.ts';

/** The font name documents write with: Noto Sans SC (./cjk-font.ts). */
export const CJK = 'cjk';

export interface PdfOptions {
  readonly title: string;
  readonly layout: 'portrait' | 'landscape';
  /** The document's own instant (the announcement, the certificate): the same data gives the same file. */
  readonly createdAt: Date;
}

/** Runs `draw` on an A4 document with the CJK font selected and returns the PDF's bytes. */
export function renderPdf(options: PdfOptions, draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: options.layout,
    margin: 36,
    info: { Title: options.title, Author: 'jingpin', Creator: 'jingpin', CreationDate: options.createdAt, ModDate: options.createdAt },
    lang: 'zh-CN',
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont(CJK, cjkFontBytes());
  doc.font(CJK);
  draw(doc);
  doc.end();
  return done;
}
