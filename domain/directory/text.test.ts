import { describe, expect, it } from 'vitest';
import { cleanText } from './text.ts';

describe('directory text', () => {
  it('normalises to NFC and trims', () => {
    // "é" as e + combining acute becomes one code point.
    expect(cleanText('  Cafe\u0301 有限公司 ')).toEqual({ ok: true, text: 'Café 有限公司' });
    expect(cleanText('\u3000南京某公司\u3000')).toEqual({ ok: true, text: '南京某公司' });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['南京\n某公司', 'control-character'],
    ['南京\t某公司', 'control-character'],
    ['南京\u0000', 'control-character'],
    ['南京\u202e司公某', 'bidi-override'],
    ['abc\u2066x\u2069', 'bidi-override'],
    ['某'.repeat(201), 'too-long'],
  ])('refuses %j (%s)', (value, rule) => {
    const result = cleanText(value);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problem.rule).toBe(rule);
      expect(result.problem.zh).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('text of several lines', () => {
  it('lets line breaks and tabs through, nothing else', () => {
    expect(cleanText(' 第一行\r\n\t第二行 ', { multiline: true })).toEqual({ ok: true, text: '第一行\r\n\t第二行' });
    expect(cleanText('第一行\n第二\u0000行', { multiline: true })).toMatchObject({ ok: false, problem: { rule: 'control-character' } });
    expect(cleanText('第一行\n\u202e第二行', { multiline: true })).toMatchObject({ ok: false, problem: { rule: 'bidi-override' } });
  });
});
