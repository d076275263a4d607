/**
 * The text-level FEEL helpers behind feel-builtins and condition-is-comparison
 * (lint/bpmnlint-plugin-jingpin/lib/feel.cjs): which calls they see, which conditions pass.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

interface FeelScan {
  functionCalls(expression: string, allowed: ReadonlySet<string>): { name: string; allowed: boolean }[];
  looksBoolean(expression: string): boolean;
  stripLiterals(expression: string): string;
}

const require = createRequire(import.meta.url);
const scan = require('../../lint/bpmnlint-plugin-jingpin/lib/feel.cjs') as FeelScan;
const { ALLOWED_FEEL_FUNCTIONS } = require('../../lint/bpmnlint-plugin-jingpin/feel-functions.cjs') as {
  ALLOWED_FEEL_FUNCTIONS: readonly string[];
};
const allowed = new Set(ALLOWED_FEEL_FUNCTIONS);

function calls(expression: string): string[] {
  return scan.functionCalls(expression, allowed).map((call) => `${call.allowed ? '+' : '-'}${call.name}`);
}

describe('functionCalls', () => {
  it.each([
    ['sum(items)', ['+sum']],
    ['string length(name) > 3', ['+string length']],
    ['x and string length(name) > 3', ['+string length']],
    ['date and time("2026-01-01T00:00:00+08:00")', ['+date and time']],
    ['years and months duration(a, b)', ['+years and months duration']],
    ['get or else(amount, 0)', ['+get or else']],
    ['day of week(today())', ['+day of week', '+today']],
    ['to json(x)', ['-to json']],
    ['a > 1 and to json(x) != null', ['-to json']],
    ['myHelper (x)', ['-myHelper']],
    ['审核结果(x)', ['-审核结果']],
    ['a and (b or c)', []],
    ['if (a) then b else c', []],
    ['x in (1..5)', []],
    ['function(x) x + 1', []],
    ['"to json(x) in a string"', []],
    ['"escaped \\" quote to json(x)"', []],
    ['sum(x) // to json(x) in a comment', ['+sum']],
    ['sum(x) /* to json(x) */ + count(y)', ['+sum', '+count']],
    ['items[count(tags) > 1]', ['+count']],
    ['{ total: sum(items.amount) }', ['+sum']],
    ['some x in xs satisfies is defined(x)', ['+is defined']],
  ])('%s', (expression, expected) => {
    expect(calls(expression)).toEqual(expected);
  });
});

describe('looksBoolean', () => {
  it.each([
    'amount > 100',
    'amount >= 100',
    'status = "APPROVED"',
    'status != "REJECTED"',
    'approved',
    'review.passed',
    'a and b',
    'not(rejected)',
    'level in ["A", "B"]',
    'is defined(reviewer)',
    'list contains(tags, "urgent")',
    'starts with(code, "JS")',
    'true',
    'every x in xs satisfies x.ok',
  ])('accepts %s', (expression) => {
    expect(scan.looksBoolean(expression)).toBe(true);
  });

  it.each(['count(items)', 'sum(x) + 1', '"a = b"', 'for x in xs return x > 1', '', 'string length(x)'])(
    'rejects %s',
    (expression) => {
      expect(scan.looksBoolean(expression)).toBe(false);
    },
  );
});
