'use strict';

const { is, isEventSubProcess, eventDefinitions, labelZh, labelEn, message, skipNonExecutable } = require('../lib/util.cjs');

/**
 * Event sub-processes may only start on an escalation thrown inside the same process, and a
 * process itself only on a none start event (Zeebe's message and timer starts create instances,
 * which the embedded engine does not).
 *
 * bpmn-engine starts an event sub-process only from an event thrown inside its own process:
 * a timer start never fires, a message start cannot be triggered from outside, a job failure
 * is not caught by an error start, and signals are not broadcast. Escalation starts work.
 * This is an allow-list: any start event definition other than escalation is reported.
 * Instead: a boundary event on the activity (timer, message, error, signal), or throw an
 * escalation inside the process and start the event sub-process on it.
 */

const KINDS = {
  'bpmn:TimerEventDefinition': ['定时器', 'timer'],
  'bpmn:MessageEventDefinition': ['消息', 'message'],
  'bpmn:ErrorEventDefinition': ['错误', 'error'],
  'bpmn:SignalEventDefinition': ['信号', 'signal'],
  'bpmn:ConditionalEventDefinition': ['条件', 'conditional'],
  'bpmn:CompensateEventDefinition': ['补偿', 'compensation'],
};

function kindOf(definition) {
  const type = Object.keys(KINDS).find((key) => is(definition, key));
  return type ? KINDS[type] : [definition.$type, definition.$type];
}

module.exports = function noEventSubprocessExternalStart() {
  function check(node, reporter) {
    if (!is(node, 'bpmn:StartEvent')) {
      return;
    }
    if (is(node.$parent, 'bpmn:Process')) {
      // Zeebe creates an instance for each message or timer a process start event waits for;
      // the embedded engine has no such trigger, so the model would pass here and never start.
      const [definition] = eventDefinitions(node);
      if (definition) {
        const [zh, en] = kindOf(definition);
        reporter.report(
          node.id,
          message(
            `流程的${zh}开始事件 ${labelZh(node)} 不会被嵌入式引擎触发：请用空开始事件，由 jingpin 收到${zh}后启动实例`,
            `The process's ${en} start event ${labelEn(node)} is never triggered by the embedded engine: use a none start event and have jingpin start the instance when the ${en} arrives`,
          ),
        );
      }
      return;
    }
    if (!isEventSubProcess(node.$parent)) {
      return;
    }
    const subProcess = node.$parent;
    for (const definition of eventDefinitions(node)) {
      if (is(definition, 'bpmn:EscalationEventDefinition')) {
        continue;
      }
      const [zh, en] = kindOf(definition);
      reporter.report(
        node.id,
        message(
          `事件子流程 ${labelZh(subProcess)} 由${zh}开始事件 ${labelZh(node)} 启动：嵌入式引擎只能由流程内抛出的升级事件启动事件子流程，请改用边界事件或升级事件`,
          `Event sub-process ${labelEn(subProcess)} starts on ${/^[aeiou]/.test(en) ? 'an' : 'a'} ${en} start event ${labelEn(node)}: the embedded engine only starts event sub-processes on an escalation thrown inside the process; use a boundary event or an escalation instead`,
        ),
      );
    }
  }

  return { check: skipNonExecutable(check) };
};
