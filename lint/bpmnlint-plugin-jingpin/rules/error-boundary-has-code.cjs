'use strict';

const { is, isEventSubProcess, eventDefinitions, isBlank, labelZh, labelEn, message, skipNonExecutable } = require('../lib/util.cjs');

/**
 * Error boundary events and error event-sub-process starts catch one error code.
 *
 * In bpmn-engine an error catch without a code catches *any* error, JavaScript failures included
 * (in the default non-strict mode), where Zeebe's catch-all only catches BPMN errors thrown by
 * workers or error end events. So every error catch needs an errorRef to a bpmn:error with a
 * non-empty errorCode. camunda-compat (8.2+) allows catch-all error events, and reports a missing
 * errorCode only when there is an errorRef.
 * Instead: `<bpmn:error id="Error_X" errorCode="X" />` and `errorRef="Error_X"` on the catch.
 */
module.exports = function errorBoundaryHasCode() {
  function check(node, reporter) {
    const isCatch = is(node, 'bpmn:BoundaryEvent') || (is(node, 'bpmn:StartEvent') && isEventSubProcess(node.$parent));
    if (!isCatch) {
      return;
    }
    for (const definition of eventDefinitions(node)) {
      if (!is(definition, 'bpmn:ErrorEventDefinition')) {
        continue;
      }
      const error = definition.errorRef;
      if (!error) {
        reporter.report(
          node.id,
          message(
            `错误捕获事件 ${labelZh(node)} 没有引用错误（errorRef）：嵌入式引擎会把它当作捕获一切错误（包括程序异常）`,
            `Error catch event ${labelEn(node)} has no errorRef: the embedded engine would catch every error with it, program failures included`,
          ),
        );
      } else if (isBlank(error.errorCode)) {
        reporter.report(
          node.id,
          message(
            `错误捕获事件 ${labelZh(node)} 引用的错误 ${labelZh(error)} 没有 errorCode：嵌入式引擎会把它当作捕获一切错误`,
            `Error catch event ${labelEn(node)} refers to error ${labelEn(error)}, which has no errorCode: the embedded engine would catch every error with it`,
          ),
        );
      }
    }
  }

  return { check: skipNonExecutable(check) };
};
