'use strict';

/**
 * bpmnlint-plugin-jingpin: the portable BPMN subset (docs/portable-subset.md,
 * what the embedded engine (bpmn-engine plus our adapter) runs
 * as Zeebe does. Use as `plugin:jingpin/recommended` in .bpmnlintrc.
 *
 * Rules are exported as paths, as bpmnlint's NodeResolver requires; the files are .cjs because
 * the resolver's fallback lookup (`<pkg>/rules/<name>`) would only try .js.
 */

const RULE_NAMES = [
  'no-converging-inclusive-gateway',
  'no-interrupting-event-subprocess',
  'no-event-subprocess-external-start',
  'no-exclusive-into-parallel-join',
  'no-cron-timer',
  'timer-date-with-offset',
  'feel-builtins',
  'condition-is-comparison',
  'no-empty-script-task',
  'error-boundary-has-code',
];

const rules = Object.fromEntries(RULE_NAMES.map((name) => [name, `./rules/${name}.cjs`]));

const allErrors = Object.fromEntries(RULE_NAMES.map((name) => [name, 'error']));

module.exports = {
  rules,
  configs: {
    recommended: { rules: { ...allErrors } },
    all: { rules: { ...allErrors } },
  },
};
