// fontkit 2 ships no type declarations; this is the part of its API we use (the font's glyph coverage).
declare module 'fontkit' {
  export interface Font {
    readonly familyName: string;
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function create(buffer: Buffer): Font;
}
