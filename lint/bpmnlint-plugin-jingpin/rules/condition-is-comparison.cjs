'use strict';

const { is, expressionBody, isFeel, labelZh, labelEn, message, skipNonExecutable } = require('../lib/util.cjs');
const { feelBody, looksBoolean } = require('../lib/feel.cjs');

/**
 * A sequence-flow condition is a FEEL expression that yields a boolean.
 *
 * Zeebe needs conditions in FEEL (`=...`) and raises an incident when one yields a non-boolean;
 * bpmn-engine would take any truthy value. The adapter takes a flow only on `=== true`, so a
 * condition like `= count(items)` silently never matches there, while Zeebe stops on an incident.
 *
 * Accepted (a text heuristic, see looksBoolean in ../lib/feel.cjs): an expression containing a
 * comparison (`=`, `!=`, `<`, `>`, `<=`, `>=`), `and`, `or`, `not(`, `in`, a boolean built-in
 * (`is defined(`, `contains(`, `list contains(`, `starts with(`, ...), `true`/`false`, or a bare
 * variable name such as `= approved` (the variable must hold a boolean). Reported: conditions
 * without `=`, empty conditions, `for` expressions, and anything else (`= count(items)`).
 */
module.exports = function conditionIsComparison() {
  function check(node, reporter) {
    if (!is(node, 'bpmn:SequenceFlow') || !node.conditionExpression) {
      return;
    }
    const body = expressionBody(node.conditionExpression);
    const text = (body || '').trim();
    if (!isFeel(text)) {
      reporter.report(
        node.id,
        message(
          `顺序流 ${labelZh(node)} 的条件 "${text}" 不是 FEEL 表达式：Zeebe 要求条件以 "=" 开头`,
          `Sequence flow ${labelEn(node)}: the condition "${text}" is not a FEEL expression; Zeebe needs conditions to start with "="`,
        ),
      );
      return;
    }
    if (!looksBoolean(feelBody(text))) {
      reporter.report(
        node.id,
        message(
          `顺序流 ${labelZh(node)} 的条件 "${text}" 看不出是布尔值：请写比较或布尔表达式（如 =amount > 100、=is defined(x)），或只写一个存放布尔值的变量名`,
          `Sequence flow ${labelEn(node)}: the condition "${text}" does not look boolean; write a comparison or boolean expression (e.g. =amount > 100, =is defined(x)) or a bare variable that holds a boolean`,
        ),
      );
    }
  }

  return { check: skipNonExecutable(check) };
};
