'use strict';

/**
 * FEEL functions a jingpin model may call: what the embedded engine's FEEL interpreter can run.
 *
 * The embedded engine evaluates FEEL with feelin 8.2.0; Camunda 8 with feel-scala. A model may
 * only call functions that exist on both sides:
 *
 *  - FEELIN_BUILTINS: the built-in table of feelin 8.2.0 (`const builtins` in
 *    node_modules/feelin/dist/index.js), i.e. the DMN 1.x standard functions feelin implements
 *    (entries that only throw "not implemented" are left out).
 *    test/lint/feel-functions.test.ts checks every entry against the installed feelin, so an
 *    upgrade that drops one fails the tests.
 *  - JINGPIN_POLYFILLS: Camunda's extension functions (feel-scala has them, feelin does not or
 *    behaves differently) that our FEEL handler places in the evaluation context
 *    (feelin calls functions placed in the evaluation context).
 *    A few (now, today, string join, context put, context merge, get value, get entries) are in
 *    feelin as well; they are listed here because the adapter pins their Camunda behaviour.
 *
 * Adding a name here is a promise that the adapter's FEEL handler implements it: add the polyfill
 * first, then the name.
 *
 * Names are written as FEEL writes them, words separated by one space.
 */

const FEELIN_BUILTINS = Object.freeze([
  // conversion
  'number', 'string', 'date', 'date and time', 'time', 'duration', 'years and months duration',
  'now', 'today',
  // boolean
  'not',
  // string
  'substring', 'string length', 'upper case', 'lower case', 'substring before', 'substring after',
  'replace', 'contains', 'matches', 'starts with', 'ends with', 'split', 'string join',
  // list
  'list contains', 'list replace', 'count', 'min', 'max', 'sum', 'mean', 'all', 'any', 'sublist',
  'append', 'concatenate', 'insert before', 'remove', 'reverse', 'index of', 'union',
  'distinct values', 'flatten', 'product', 'median', 'stddev', 'mode', 'sort',
  // numeric
  'decimal', 'floor', 'ceiling', 'abs', 'round up', 'round down', 'round half up',
  'round half down', 'modulo', 'sqrt', 'log', 'exp', 'odd', 'even',
  // range (feelin 8.2.0 lists overlaps before, overlaps after, finishes, finished by, during,
  // starts, started by and coincides as well, but they only throw "not implemented": left out)
  'is', 'before', 'after', 'meets', 'met by', 'overlaps', 'includes',
  // temporal
  'day of year', 'day of week', 'month of year', 'week of year',
  // context
  'get value', 'get entries', 'context', 'context merge', 'context put',
]);

const JINGPIN_POLYFILLS = Object.freeze([
  'is defined',
  'get or else',
  'assert',
  'duplicate values',
  'is empty',
  'partition',
  'last day of month',
  'uuid',
  'is blank',
  'now',
  'today',
  'string join',
  'context put',
  'context merge',
  'get value',
  'get entries',
]);

/** Every callable name, for the feel-builtins rule. */
const ALLOWED_FEEL_FUNCTIONS = Object.freeze([...new Set([...FEELIN_BUILTINS, ...JINGPIN_POLYFILLS])].sort());

module.exports = {
  FEELIN_BUILTINS,
  JINGPIN_POLYFILLS,
  ALLOWED_FEEL_FUNCTIONS,
};
