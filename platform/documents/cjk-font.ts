import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { create, type Font } from 'fontkit';

/**
 * The font of jingpin's official documents: Noto Sans SC Regular (思源黑体的 Noto 版本), a TrueType
 * file shipped in the npm package `@expo-google-fonts/noto-sans-sc` under the SIL Open Font
 * License 1.1 (its LICENSE_FONT), so `npm ci` installs it on every machine without a system font.
 * It covers GB 18030's common characters; pdfkit embeds only the glyphs a document uses.
 */
export const cjkFontFile = createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');

let loaded: { bytes: Buffer; font: Font } | undefined;

/** The font file's bytes (10 MB), read once per process. */
export function cjkFontBytes(): Buffer {
  return load().bytes;
}

/** The characters of `text` the font has no glyph for (a rare character in a name would print as a box). */
export function missingGlyphs(text: string): string[] {
  const { font } = load();
  return [...new Set([...text].filter((c) => !/\s/.test(c) && !font.hasGlyphForCodePoint(c.codePointAt(0)!)))];
}

function load(): { bytes: Buffer; font: Font } {
  if (!loaded) {
    const bytes = readFileSync(cjkFontFile);
    loaded = { bytes, font: create(bytes) };
  }
  return loaded;
}
