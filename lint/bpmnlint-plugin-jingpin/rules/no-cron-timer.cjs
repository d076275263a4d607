'use strict';

const { timerDefinitions, expressionBody, isFeel, labelZh, labelEn, message, skipNonExecutable } = require('../lib/util.cjs');

/**
 * A literal timeCycle must be an ISO 8601 repetition (`R/P1D`, `R3/PT10S`,
 * `R5/2026-09-01T09:00:00+08:00/P1D`), not a cron expression.
 *
 * bpmn-engine parses timers with @0dep/piso, which knows no cron: a cron cycle is a parse error
 * and the instance stops. Zeebe accepts cron. Anything literal that does not start with `R` is
 * taken for cron (including macros such as `@daily`). FEEL cycles (`=...`) are not checked here:
 * their value comes from a variable at run time.
 * Instead: an ISO repetition; for "every weekday at 09:00" let a worker compute the next date
 * and use a timeDate FEEL expression.
 */
module.exports = function noCronTimer() {
  function check(node, reporter) {
    for (const definition of timerDefinitions(node)) {
      const cycle = expressionBody(definition.timeCycle);
      if (cycle === undefined || cycle.trim() === '' || isFeel(cycle)) {
        continue;
      }
      const text = cycle.trim();
      if (!/^R/i.test(text)) {
        reporter.report(
          node.id,
          message(
            `定时事件 ${labelZh(node)} 的 timeCycle "${text}" 是 cron 表达式：嵌入式引擎只认 ISO 8601 重复（如 R/P1D），遇到 cron 会停止实例`,
            `Timer event ${labelEn(node)} has the cron timeCycle "${text}": the embedded engine only understands ISO 8601 repetitions (e.g. R/P1D) and stops the instance on cron`,
          ),
        );
      }
    }
  }

  return { check: skipNonExecutable(check) };
};
