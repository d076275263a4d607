'use strict';

const { is, isAny, labelZh, labelEn, message, reaches, skipNonExecutable } = require('../lib/util.cjs');

/**
 * A parallel join must not be fed by alternative (exclusive) branches.
 *
 * When an exclusive or event-based split takes one branch, Zeebe's parallel join waits forever
 * for a token on the other incoming flow (the instance hangs), while bpmn-engine's join also
 * counts discarded flows and completes: the two engines disagree silently.
 *
 * The check walks backwards from every incoming flow of a parallel gateway with several incoming
 * flows, along sequence flows, until it reaches a parallel split (which gives every branch a
 * token, so the walk stops there). On the way:
 *  - an exclusive merge (an exclusive gateway with several forward incoming flows) opens a
 *    "matched" alternative: the next alternative split behind it is closed by that merge and is
 *    fine (nested XOR split/merge inside a parallel branch);
 *  - an alternative split (exclusive, event-based or inclusive gateway with several outgoing
 *    flows, or an activity/event with conditional outgoing flows) that no merge matched is
 *    reported, unless it is a loop decision: every other outgoing branch leads back to it.
 * Loop-back flows (flows that close a cycle in a depth-first walk from the start events) do not
 * count as merging.
 * Boundary events are not followed: a path that starts at a boundary event ends the walk.
 * This is a heuristic over well-structured models and errs toward reporting.
 *
 * Instead: join exclusive branches with an exclusive gateway (merge), and join with a parallel
 * gateway only branches that a parallel gateway forked.
 */

const ALTERNATIVE_SPLITS = ['bpmn:ExclusiveGateway', 'bpmn:EventBasedGateway', 'bpmn:InclusiveGateway'];

// an exclusive merge never needs more than this many open matches; bounds the walk in loops
const MAX_OPEN = 32;

function splitKind(node) {
  const outgoing = node.outgoing || [];
  if (outgoing.length < 2) {
    return 'none';
  }
  if (is(node, 'bpmn:ParallelGateway')) {
    return 'parallel';
  }
  if (isAny(node, ALTERNATIVE_SPLITS)) {
    return 'alternative';
  }
  if (is(node, 'bpmn:Gateway')) {
    // complex gateways: unknown semantics, treat as alternative (bpmnlint rejects them anyway)
    return 'alternative';
  }
  // an activity or event with several outgoing flows: conditional flows choose, plain ones fork
  return outgoing.some((flow) => flow.conditionExpression) ? 'alternative' : 'parallel';
}

/**
 * The loop-back flows of a container: sequence flows that close a cycle in a depth-first walk
 * from the container's entry nodes (nodes without incoming flows: start and boundary events).
 */
function backEdges(container) {
  const nodes = (container.flowElements || []).filter((element) => is(element, 'bpmn:FlowNode'));
  const state = new Map(); // node -> 'open' | 'done'
  const back = new Set();
  const visit = (root) => {
    const stack = [{ node: root, next: 0 }];
    state.set(root, 'open');
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      const outgoing = frame.node.outgoing || [];
      if (frame.next >= outgoing.length) {
        state.set(frame.node, 'done');
        stack.pop();
        continue;
      }
      const flow = outgoing[frame.next];
      frame.next += 1;
      const target = flow.targetRef;
      if (!target) {
        continue;
      }
      const seen = state.get(target);
      if (seen === 'open') {
        back.add(flow);
      } else if (seen === undefined) {
        state.set(target, 'open');
        stack.push({ node: target, next: 0 });
      }
    }
  };
  for (const node of nodes) {
    if ((node.incoming || []).length === 0 && !state.has(node)) {
      visit(node);
    }
  }
  // nodes only reachable through a cycle with no entry (malformed): walk them too
  for (const node of nodes) {
    if (!state.has(node)) {
      visit(node);
    }
  }
  return back;
}

const backEdgeCache = new WeakMap();

function isBackEdge(flow) {
  const container = flow.$parent;
  if (!container) {
    return false;
  }
  let back = backEdgeCache.get(container);
  if (!back) {
    back = backEdges(container);
    backEdgeCache.set(container, back);
  }
  return back.has(flow);
}

/** Incoming flows of `node` that are not loop-back flows. */
function forwardIncoming(node) {
  return (node.incoming || []).filter((flow) => !isBackEdge(flow));
}

/** Every outgoing flow of `split` other than `via` leads back to `split`: it decides a loop. */
function isLoopDecision(split, via) {
  const others = (split.outgoing || []).filter((flow) => flow !== via);
  return others.length > 0 && others.every((flow) => flow.targetRef === split || reaches(flow.targetRef, split));
}

/** Alternative splits that can feed `flow` without a matching merge, added to `found`. */
function unmatchedSplits(flow, found) {
  const seen = new Set();
  const stack = [{ via: flow, open: 0 }];
  while (stack.length > 0) {
    const { via, open } = stack.pop();
    const node = via.sourceRef;
    if (!node) {
      continue;
    }
    const key = `${node.id}|${open}`;
    if (seen.has(key)) {
      continue;
    }
    seen.add(key);

    let nextOpen = open;
    const kind = splitKind(node);
    if (kind === 'parallel') {
      continue;
    }
    if (kind === 'alternative') {
      if (open > 0) {
        nextOpen = open - 1;
      } else if (!isLoopDecision(node, via)) {
        found.set(node.id, node);
        continue;
      }
    }
    if (is(node, 'bpmn:ExclusiveGateway') && forwardIncoming(node).length > 1) {
      nextOpen = Math.min(nextOpen + 1, MAX_OPEN);
    }
    for (const incoming of node.incoming || []) {
      stack.push({ via: incoming, open: nextOpen });
    }
  }
}

module.exports = function noExclusiveIntoParallelJoin() {
  function check(node, reporter) {
    if (!is(node, 'bpmn:ParallelGateway')) {
      return;
    }
    const incoming = node.incoming || [];
    if (incoming.length < 2) {
      return;
    }
    const found = new Map();
    for (const flow of incoming) {
      unmatchedSplits(flow, found);
    }
    if (found.size === 0) {
      return;
    }
    const splits = [...found.values()];
    reporter.report(
      node.id,
      message(
        `并行汇合网关 ${labelZh(node)} 的入口来自排他/事件分支 ${splits.map(labelZh).join('、')}：Zeebe 会一直等待未走的分支而卡住，嵌入式引擎却会放行；请先用排他网关汇合这些分支`,
        `Parallel join ${labelEn(node)} is fed by the alternative split(s) ${splits.map(labelEn).join(', ')}: Zeebe waits forever for the branch not taken while the embedded engine completes the join; merge those branches with an exclusive gateway first`,
      ),
    );
  }

  return { check: skipNonExecutable(check) };
};
