'use strict';

const { is, findExtension, isBlank, labelZh, labelEn, message, skipNonExecutable } = require('../lib/util.cjs');

/**
 * A script task must have something to run.
 *
 * bpmn-engine runs an empty script task as a dummy script (or fails with disableDummyScript),
 * while Zeebe rejects the model. Accepted: a `zeebe:script` with a non-empty expression (FEEL,
 * evaluated by the adapter), a `zeebe:taskDefinition` with a non-empty type (a job worker, as in
 * Zeebe; the adapter's scripts hook dispatches it), or a non-empty script body.
 * camunda-compat's implementation rule reports most of these cases too; this rule keeps the
 * portable subset self-contained and explains why in Chinese.
 */
module.exports = function noEmptyScriptTask() {
  function check(node, reporter) {
    if (!is(node, 'bpmn:ScriptTask')) {
      return;
    }
    const script = findExtension(node, 'zeebe:Script');
    const taskDefinition = findExtension(node, 'zeebe:TaskDefinition');
    const hasScript = script && !isBlank(script.expression);
    const hasJob = taskDefinition && !isBlank(taskDefinition.type);
    const hasBody = !isBlank(node.script);
    if (!hasScript && !hasJob && !hasBody) {
      reporter.report(
        node.id,
        message(
          `脚本任务 ${labelZh(node)} 没有脚本：请给 zeebe:script 写 FEEL 表达式（或用 zeebe:taskDefinition 交给作业处理器）`,
          `Script task ${labelEn(node)} has nothing to run: give it a zeebe:script FEEL expression (or a zeebe:taskDefinition for a job worker)`,
        ),
      );
    }
  }

  return { check: skipNonExecutable(check) };
};
