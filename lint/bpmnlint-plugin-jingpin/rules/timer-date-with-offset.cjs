'use strict';

const { timerDefinitions, expressionBody, isFeel, labelZh, labelEn, message, skipNonExecutable } = require('../lib/util.cjs');
const { stringLiterals } = require('../lib/feel.cjs');

/**
 * Date-times in timers carry an explicit UTC offset and no zone id.
 *
 * bpmn-engine reads a date-time without offset as *local* time where Zeebe reads it as UTC, and
 * throws on IANA zone ids (`...[Asia/Shanghai]`, FEEL `...@Asia/Shanghai`) that Zeebe accepts.
 * Checked: a literal timeDate; the date-time parts of a literal timeCycle (`R3/<start>/P1D`) or
 * timeDuration interval (`<start>/P1D`). A FEEL expression (`=...`) is allowed, since its value
 * comes from a variable a worker sets; only a zone id written inside one of its string literals
 * (`date and time("2026-09-30T17:00:00@Asia/Shanghai")`) is reported.
 * Instead: `2026-09-30T17:00:00+08:00` (or `...Z`), or a FEEL variable a worker fills with such
 * a value.
 */

const DATE_START = /^\d{4}-\d{2}-\d{2}/;
const OFFSET_END = /(?:[Zz]|[+-]\d{2}:\d{2})$/;
const ZONE_ID = /\[[^\]]*\]|@[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*/;

/** 'zone' | 'no-offset' | undefined for one date-time text. */
function problemOf(dateTime) {
  if (ZONE_ID.test(dateTime)) {
    return 'zone';
  }
  if (!OFFSET_END.test(dateTime)) {
    return 'no-offset';
  }
  return undefined;
}

/**
 * The date-time parts of a literal timer value: the whole timeDate; the parts of cycles
 * `R3/<start>/P1D` and intervals `<start>/P1D`, `P1D/<end>`, `<start>/<end>`. Text that does not
 * start like a date is left to camunda-compat's timer rule.
 */
function dateTimeParts(property, text) {
  const parts = property === 'timeDate' ? [text] : text.split('/');
  return parts.filter((part) => DATE_START.test(part));
}

const PROPERTIES = ['timeDate', 'timeCycle', 'timeDuration'];

module.exports = function timerDateWithOffset() {
  function report(reporter, node, property, value, problem) {
    const why =
      problem === 'zone'
        ? [
            '带时区 ID（如 [Asia/Shanghai] 或 @Asia/Shanghai），嵌入式引擎会抛错',
            'has a zone id (such as [Asia/Shanghai] or @Asia/Shanghai), which the embedded engine throws on',
          ]
        : [
            '没有明确的 UTC 偏移，嵌入式引擎按本地时间读、Zeebe 按 UTC 读',
            'has no explicit UTC offset: the embedded engine reads it as local time, Zeebe as UTC',
          ];
    reporter.report(
      node.id,
      message(
        `定时事件 ${labelZh(node)} 的 ${property} "${value}" ${why[0]}；请写成 2026-09-30T17:00:00+08:00 这样的形式`,
        `Timer event ${labelEn(node)}: ${property} "${value}" ${why[1]}; write it like 2026-09-30T17:00:00+08:00`,
      ),
    );
  }

  function check(node, reporter) {
    for (const definition of timerDefinitions(node)) {
      for (const property of PROPERTIES) {
        const body = expressionBody(definition[property]);
        if (body === undefined || body.trim() === '') {
          continue;
        }
        const text = body.trim();
        if (isFeel(text)) {
          for (const literal of stringLiterals(text)) {
            if (DATE_START.test(literal) && problemOf(literal) === 'zone') {
              report(reporter, node, property, literal, 'zone');
            }
          }
          continue;
        }
        for (const part of dateTimeParts(property, text)) {
          const problem = problemOf(part);
          if (problem) {
            report(reporter, node, property, part, problem);
          }
        }
      }
    }
  }

  return { check: skipNonExecutable(check) };
};
