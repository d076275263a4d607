'use strict';

/**
 * Small helpers shared by the jingpin rules. Plain moddle access only: the plugin has no
 * dependencies of its own (bpmnlint-utils is only a transitive package here).
 */

/** `node` is a moddle element of `type` (or a subtype). */
function is(node, type) {
  return Boolean(node) && typeof node.$instanceOf === 'function' && node.$instanceOf(type);
}

function isAny(node, types) {
  return types.some((type) => is(node, type));
}

function isEventSubProcess(node) {
  return is(node, 'bpmn:SubProcess') && node.triggeredByEvent === true;
}

/** The timer definitions of an event (none for other elements). */
function timerDefinitions(node) {
  if (!is(node, 'bpmn:Event')) return [];
  return eventDefinitions(node).filter((definition) => is(definition, 'bpmn:TimerEventDefinition'));
}

function eventDefinitions(node) {
  return (node && node.eventDefinitions) || [];
}

/** The first extension element of `type` (e.g. 'zeebe:TaskDefinition'), if any. */
function findExtension(node, type) {
  const values = (node && node.extensionElements && node.extensionElements.values) || [];
  return values.find((value) => is(value, type));
}

/** The body of a bpmn:Expression / bpmn:FormalExpression, or undefined. */
function expressionBody(expression) {
  if (!expression) {
    return undefined;
  }
  return typeof expression.body === 'string' ? expression.body : undefined;
}

function isBlank(value) {
  return typeof value !== 'string' || value.trim() === '';
}

/** A FEEL expression in Zeebe's sense: the text starts with `=` (leading whitespace tolerated). */
function isFeel(value) {
  return typeof value === 'string' && value.trim().startsWith('=');
}

/** `Gateway_1「汇合」` for messages in Chinese, `Gateway_1 "汇合"` for English. */
function labelZh(node) {
  return hasOwnName(node) ? `${node.id}「${node.name.trim()}」` : `${node.id}`;
}

function labelEn(node) {
  return hasOwnName(node) ? `${node.id} "${node.name.trim()}"` : `${node.id}`;
}

function hasOwnName(node) {
  return typeof node.name === 'string' && node.name.trim() !== '' && node.name.trim() !== node.id;
}

/** Every message: Chinese first, then English. */
function message(zh, en) {
  return `${zh} / ${en}`;
}

/**
 * The nearest element a user can find in the modeler: a flow element (task, event, gateway,
 * sequence flow) or a root element (process, message, error, ...). Extension elements and
 * expressions have no id of their own that the modeler shows.
 */
function findOwner(node) {
  let current = node;
  while (current && !isOwner(current)) {
    current = current.$parent;
  }
  return current;
}

// event definitions are root elements in the BPMN metamodel, but live inside their event
function isOwner(node) {
  return is(node, 'bpmn:FlowElement') || (is(node, 'bpmn:RootElement') && !is(node, 'bpmn:EventDefinition'));
}

/**
 * Wrap a check so that it does not descend into processes explicitly marked
 * isExecutable="false": neither Zeebe nor the embedded engine runs them (camunda-compat skips them too).
 */
function skipNonExecutable(check) {
  return function checkExecutable(node, reporter) {
    if (is(node, 'bpmn:Process') && node.isExecutable === false) {
      return false;
    }
    return check(node, reporter);
  };
}

/**
 * Forward reachability over sequence flows, within one flow-elements container: can a token
 * at `from` reach `to`? Boundary events are not followed.
 */
function reaches(from, to) {
  const seen = new Set();
  const stack = [from];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node || seen.has(node)) {
      continue;
    }
    seen.add(node);
    for (const flow of node.outgoing || []) {
      const target = flow.targetRef;
      if (target === to) {
        return true;
      }
      stack.push(target);
    }
  }
  return false;
}

module.exports = {
  timerDefinitions,
  is,
  isAny,
  isEventSubProcess,
  eventDefinitions,
  findExtension,
  expressionBody,
  isBlank,
  isFeel,
  labelZh,
  labelEn,
  message,
  findOwner,
  skipNonExecutable,
  reaches,
};
