'use strict';

/**
 * Text-level FEEL helpers. These are deliberately not a FEEL parser: they scan the expression
 * text with a few conservative regular expressions, after removing everything whose content
 * must not be read as code (string literals, back-quoted names, comments).
 */

/** Strip the leading `=` (and surrounding whitespace) of a Zeebe FEEL expression. */
function feelBody(value) {
  return value.trim().replace(/^=/, '').trim();
}

/**
 * Replace string literals with `""`, back-quoted names with a plain name and comments with a
 * space, so that `"call foo(x)"` or `// sum(x)` cannot look like a function call.
 *
 * FEEL strings are double-quoted with backslash escapes; names may be back-quoted
 * (`` `order-id` ``); comments are `// ...` and `/* ... *\/`.
 */
function stripLiterals(expression) {
  let out = '';
  let i = 0;
  const n = expression.length;
  while (i < n) {
    const c = expression[i];
    const next = expression[i + 1];
    if (c === '"') {
      i += 1;
      while (i < n && expression[i] !== '"') {
        i += expression[i] === '\\' ? 2 : 1;
      }
      i += 1;
      out += '""';
    } else if (c === '`') {
      const end = expression.indexOf('`', i + 1);
      const stop = end === -1 ? n : end;
      // keep something name-like so that `name`(x) still shows up as a call of that name
      out += expression.slice(i + 1, stop).replace(/[^\p{L}\p{N}_ ]/gu, '_') || '_';
      i = stop + 1;
    } else if (c === '/' && next === '/') {
      const end = expression.indexOf('\n', i);
      i = end === -1 ? n : end;
      out += ' ';
    } else if (c === '/' && next === '*') {
      const end = expression.indexOf('*/', i + 2);
      i = end === -1 ? n : end + 2;
      out += ' ';
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}

/** The contents of the string literals of an expression (escapes left as written). */
function stringLiterals(expression) {
  const literals = [];
  const re = /"((?:[^"\\]|\\.)*)"/g;
  let match;
  while ((match = re.exec(expression)) !== null) {
    literals.push(match[1]);
  }
  return literals;
}

/**
 * FEEL keywords that may stand right before an opening parenthesis without making it a call:
 * `a and (b or c)`, `x in (1..5)`, `if (a) then ...`, `function(x) x + 1`. (`not(` is the
 * built-in function `not`, so it is not listed.)
 */
const KEYWORDS = new Set([
  'if', 'then', 'else', 'for', 'in', 'return', 'some', 'every', 'satisfies',
  'and', 'or', 'between', 'function', 'null', 'true', 'false',
]);

// One FEEL name word: a letter (any script, so Chinese variable names count), `_`, `$` or `?`,
// then letters, digits, `_`, `$`, `?`.
const WORD = String.raw`[\p{L}_$?][\p{L}\p{N}_$?]*`;

// A run of words separated by blanks, followed by `(`. FEEL names may contain spaces
// (`string length(`), so the run is split into a function name below.
const CALL = new RegExp(String.raw`(${WORD}(?:[ \t]+${WORD})*)\s*\(`, 'gu');

/**
 * The functions an expression calls, as written, checked against `allowed` (a Set of names).
 *
 * For each `words (` found, the called name is taken as the longest run of trailing words that
 * is an allowed function (`x and string length(` calls `string length`); if none is, the
 * name is what follows the last keyword (`x and to json(` calls `to json`); if nothing follows a
 * keyword (`x and (`), the parenthesis is not a call.
 *
 * @param {string} expression FEEL text without the leading `=`
 * @param {Set<string>} allowed
 * @returns {{ name: string, allowed: boolean }[]}
 */
function functionCalls(expression, allowed) {
  const calls = [];
  const text = stripLiterals(expression);
  CALL.lastIndex = 0;
  let match;
  while ((match = CALL.exec(text)) !== null) {
    const words = match[1].split(/[ \t]+/);
    let name;
    for (let start = 0; start < words.length; start += 1) {
      const candidate = words.slice(start).join(' ');
      if (allowed.has(candidate)) {
        name = candidate;
        break;
      }
    }
    if (name !== undefined) {
      calls.push({ name, allowed: true });
      continue;
    }
    let lastKeyword = -1;
    words.forEach((word, index) => {
      if (KEYWORDS.has(word)) {
        lastKeyword = index;
      }
    });
    const rest = words.slice(lastKeyword + 1);
    if (rest.length > 0) {
      calls.push({ name: rest.join(' '), allowed: false });
    }
  }
  return calls;
}

// A (possibly dotted) variable name and nothing else: `approved`, `review.passed`.
const BARE_VARIABLE = new RegExp(String.raw`^${WORD}(?:\.${WORD})*$`, 'u');

/**
 * Markers of a boolean-valued FEEL expression. Heuristic: the expression is accepted if it
 * contains one of them anywhere (outside string literals), not only at the top level.
 */
const BOOLEAN_MARKERS = [
  /[=<>]/, // = != < > <= >= (the leading `=` of the Zeebe expression is removed first)
  /\b(?:and|or)\b/,
  /\bnot\s*\(/,
  /\bin\b/, // x in [1, 2], x in (1..5)
  /\bis defined\s*\(/,
  /\bcontains\s*\(/, // contains(), list contains()
  /\b(?:true|false)\b/,
  // further boolean-valued built-ins and constructs
  /\b(?:starts with|ends with|matches|is empty|is blank|all|any|even|odd)\s*\(/,
  /\b(?:satisfies|between|instance of)\b/,
];

/**
 * Whether a condition (FEEL text without the leading `=`) yields a boolean, as far as a text
 * scan can tell: a comparison or boolean operator, a boolean built-in, a boolean literal, or a
 * bare variable name (which must then hold a boolean at run time).
 * A `for` expression is a list whatever it contains.
 */
function looksBoolean(expression) {
  const text = stripLiterals(expression).trim();
  if (text === '') {
    return false;
  }
  if (BARE_VARIABLE.test(text)) {
    return true;
  }
  if (/^for\b/.test(text)) {
    return false;
  }
  return BOOLEAN_MARKERS.some((marker) => marker.test(text));
}

module.exports = {
  feelBody,
  stripLiterals,
  stringLiterals,
  functionCalls,
  looksBoolean,
  BARE_VARIABLE,
};
