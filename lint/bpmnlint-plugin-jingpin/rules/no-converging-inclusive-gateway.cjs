'use strict';

const { is, labelZh, labelEn, message, skipNonExecutable } = require('../lib/util.cjs');

/**
 * An inclusive gateway may fork but not join.
 *
 * bpmn-engine has no inclusive join: every branch that reaches the gateway passes it on its own,
 * so two taken branches run everything after the gateway twice. Zeebe (8.6+) joins them.
 * Instead: fork with the inclusive gateway and let each branch end on its own end event, or
 * restructure as a parallel split/join with the per-branch condition inside each branch.
 */
module.exports = function noConvergingInclusiveGateway() {
  function check(node, reporter) {
    if (!is(node, 'bpmn:InclusiveGateway')) {
      return;
    }
    const incoming = node.incoming || [];
    if (incoming.length > 1) {
      reporter.report(
        node.id,
        message(
          `包容网关 ${labelZh(node)} 有 ${incoming.length} 条入口顺序流：嵌入式引擎不能汇合包容分支，每条到达的分支都会让网关之后的流程各跑一遍`,
          `Inclusive gateway ${labelEn(node)} has ${incoming.length} incoming flows: the embedded engine cannot join inclusive branches and runs everything after the gateway once per arriving branch`,
        ),
      );
    }
  }

  return { check: skipNonExecutable(check) };
};
