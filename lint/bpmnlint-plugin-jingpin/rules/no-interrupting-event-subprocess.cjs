'use strict';

const { is, isEventSubProcess, labelZh, labelEn, message, skipNonExecutable } = require('../lib/util.cjs');

/**
 * Event sub-processes must be non-interrupting (start event isInterrupting="false").
 *
 * bpmn-engine never reads isInterrupting: an "interrupting" event sub-process leaves the other
 * tokens of its scope running, where Zeebe terminates them. Instead: a non-interrupting event
 * sub-process, and end the main flow explicitly (an escalation or error boundary event, or a
 * gateway that checks a variable the sub-process sets).
 */
module.exports = function noInterruptingEventSubprocess() {
  function check(node, reporter) {
    if (!is(node, 'bpmn:StartEvent') || !isEventSubProcess(node.$parent)) {
      return;
    }
    if (node.isInterrupting !== false) {
      const subProcess = node.$parent;
      reporter.report(
        node.id,
        message(
          `事件子流程 ${labelZh(subProcess)} 的开始事件 ${labelZh(node)} 是中断型：嵌入式引擎不会中断其它令牌，请设 isInterrupting="false"`,
          `Start event ${labelEn(node)} of event sub-process ${labelEn(subProcess)} is interrupting: the embedded engine ignores isInterrupting and leaves the other tokens running; set isInterrupting="false"`,
        ),
      );
    }
  }

  return { check: skipNonExecutable(check) };
};
