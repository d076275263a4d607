'use strict';

const { is, isFeel, findOwner, labelZh, labelEn, message, skipNonExecutable } = require('../lib/util.cjs');
const { feelBody, functionCalls } = require('../lib/feel.cjs');
const { ALLOWED_FEEL_FUNCTIONS } = require('../feel-functions.cjs');

/**
 * FEEL expressions may call only functions the embedded engine has.
 *
 * The embedded engine evaluates FEEL with feelin plus our polyfills; Camunda 8 with feel-scala,
 * which has more built-ins (`to json`, `random number`, `trim`, ...). A call to anything outside
 * the allow-list in ../feel-functions.cjs is reported. User-defined functions (a `function(...)`
 * stored in a variable or context) are reported too: the allow-list cannot see them.
 *
 * Checked: every string property whose value starts with `=`, on every element, as Zeebe reads
 * FEEL: zeebe extension elements (io mappings, task definition, subscription correlation key,
 * loop characteristics, assignment, task schedule, script, called element, ...), condition
 * expressions, timer expressions, multi-instance completion conditions, message and signal
 * names. Not checked: names, ids, documentation, header and property values, and the target
 * and result-variable names, which are never FEEL (as in camunda-compat's feel rule).
 *
 * How calls are found: see functionCalls in ../lib/feel.cjs (a scan over the text with string
 * literals and comments removed; `name (` where the name may have several words).
 */

const ALLOWED = new Set(ALLOWED_FEEL_FUNCTIONS);

const IGNORED_ANYWHERE = new Set(['id', 'name']);

const IGNORED_BY_TYPE = {
  'zeebe:Input': ['target'],
  'zeebe:Output': ['target'],
  'zeebe:Header': ['key', 'value'],
  'zeebe:Property': ['name', 'value'],
  'zeebe:CalledDecision': ['resultVariable'],
  'zeebe:Script': ['resultVariable'],
};

// Zeebe evaluates these names as FEEL when they start with `=`
const NAME_IS_FEEL = ['bpmn:Message', 'bpmn:Signal'];

const SKIPPED_TYPES = ['bpmn:Documentation', 'bpmn:TextAnnotation'];

function isSkippedType(node) {
  return /^(bpmndi|dc|di):/.test(node.$type) || SKIPPED_TYPES.some((type) => is(node, type));
}

function isIgnored(node, propertyName) {
  if (propertyName === 'name' && NAME_IS_FEEL.some((type) => is(node, type))) {
    return false;
  }
  if (IGNORED_ANYWHERE.has(propertyName)) {
    return true;
  }
  const ignored = IGNORED_BY_TYPE[node.$type];
  return Boolean(ignored && ignored.includes(propertyName));
}

/** `conditionExpression`, `zeebe:Input.source`, ...: where the expression sits, for messages. */
function whereOf(node, propertyName) {
  if (is(node, 'bpmn:Expression') && node.$parent) {
    const parent = node.$parent;
    const holder = (parent.$descriptor.properties || []).find((property) => {
      const value = parent[property.name];
      return value === node || (Array.isArray(value) && value.includes(node));
    });
    if (holder) {
      return holder.name;
    }
  }
  return `${node.$type}.${propertyName}`;
}

module.exports = function feelBuiltins() {
  function check(node, reporter) {
    if (!node.$descriptor || node.$descriptor.isGeneric || isSkippedType(node)) {
      return;
    }
    for (const property of node.$descriptor.properties || []) {
      if (property.isReference || property.type !== 'String' || isIgnored(node, property.name)) {
        continue;
      }
      const value = node[property.name];
      if (!isFeel(value)) {
        continue;
      }
      const unknown = [...new Set(functionCalls(feelBody(value), ALLOWED).filter((call) => !call.allowed).map((call) => call.name))];
      if (unknown.length === 0) {
        continue;
      }
      const owner = findOwner(node) || node;
      const where = whereOf(node, property.name);
      const names = unknown.map((name) => `"${name}"`);
      reporter.report(
        owner.id,
        message(
          `${labelZh(owner)} 的 ${where} 调用了嵌入式引擎不支持的 FEEL 函数 ${names.join('、')}（允许的函数见 lint/bpmnlint-plugin-jingpin/feel-functions.cjs）`,
          `${labelEn(owner)}: ${where} calls FEEL function(s) ${names.join(', ')} that the embedded engine does not provide (allowed functions: lint/bpmnlint-plugin-jingpin/feel-functions.cjs)`,
        ),
      );
    }
  }

  return { check: skipNonExecutable(check) };
};
