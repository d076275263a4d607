/**
 * A small builder for lint fixtures: BPMN semantics written compactly, with the parts bpmnlint
 * insists on (`<bpmn:incoming>`/`<bpmn:outgoing>` on every flow node, names, Zeebe task
 * definitions) filled in, so that a fixture trips only the rule it is about. Layout (BPMNDI) is
 * added afterwards by bpmn-auto-layout in generate.ts.
 */

export interface NodeSpec {
  /** BPMN element name without prefix: `startEvent`, `serviceTask`, `exclusiveGateway`, ... */
  readonly kind: string;
  readonly id: string;
  /** Defaults to the id: bpmnlint's label-required wants names on most flow nodes. */
  readonly name?: string | null;
  readonly attrs?: Readonly<Record<string, string>>;
  /** Raw XML inside `<bpmn:extensionElements>`. */
  readonly ext?: string;
  /** Raw XML after `<bpmn:outgoing>` (event definitions, script, ...); `{{id}}` becomes the node id. */
  readonly body?: string;
  /** Target id of the default flow (gateways). */
  readonly defaultTo?: string;
  /** Nested flow elements (sub-processes). */
  readonly children?: ContainerSpec;
}

export interface FlowSpec {
  readonly from: string;
  readonly to: string;
  readonly name?: string;
  /** Condition expression text, written as in the modeler (`=amount > 100`). */
  readonly condition?: string;
}

export interface ContainerSpec {
  readonly nodes: readonly NodeSpec[];
  readonly flows: readonly FlowSpec[];
}

export interface ModelSpec {
  /** File name without `.bpmn`. */
  readonly name: string;
  readonly process: ContainerSpec;
  /** Raw XML of further root elements (messages, errors, signals, escalations). */
  readonly rootElements?: string;
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function flowId(flow: FlowSpec): string {
  return `Flow_${flow.from}_${flow.to}`;
}

// ---------------------------------------------------------------------------------------------
// Node helpers

/** A service task with a Zeebe job type, so camunda-compat's implementation rule is satisfied. */
export function task(id: string, more: Partial<NodeSpec> = {}): NodeSpec {
  return { kind: 'serviceTask', id, ext: `<zeebe:taskDefinition type="fixture-${id.toLowerCase()}" />`, ...more };
}

export function start(id: string, more: Partial<NodeSpec> = {}): NodeSpec {
  return { kind: 'startEvent', id, ...more };
}

export function end(id: string, more: Partial<NodeSpec> = {}): NodeSpec {
  return { kind: 'endEvent', id, ...more };
}

export function gateway(
  kind: 'exclusiveGateway' | 'parallelGateway' | 'inclusiveGateway' | 'eventBasedGateway',
  id: string,
  more: Partial<NodeSpec> = {},
): NodeSpec {
  return { kind, id, ...more };
}

export function timer(property: 'timeDate' | 'timeCycle' | 'timeDuration', value: string): string {
  return `<bpmn:timerEventDefinition id="{{id}}_Timer"><bpmn:${property} xsi:type="bpmn:tFormalExpression">${escapeXml(value)}</bpmn:${property}></bpmn:timerEventDefinition>`;
}

export function boundary(id: string, attachedTo: string, body: string, more: Partial<NodeSpec> = {}): NodeSpec {
  return { kind: 'boundaryEvent', id, body, ...more, attrs: { attachedToRef: attachedTo, ...more.attrs } };
}

export function eventSubProcess(id: string, children: ContainerSpec): NodeSpec {
  return { kind: 'subProcess', id, attrs: { triggeredByEvent: 'true' }, children };
}

export function flow(from: string, to: string, more: Partial<FlowSpec> = {}): FlowSpec {
  return { from, to, ...more };
}

// ---------------------------------------------------------------------------------------------
// XML

function containerXml(container: ContainerSpec, indent: string): string {
  const ids = new Set(container.nodes.map((node) => node.id));
  for (const f of container.flows) {
    if (!ids.has(f.from) || !ids.has(f.to)) {
      throw new Error(`flow ${flowId(f)} connects an unknown node`);
    }
  }
  const lines: string[] = [];
  for (const node of container.nodes) {
    lines.push(nodeXml(node, container.flows, indent));
  }
  for (const f of container.flows) {
    const name = f.name ?? (f.condition !== undefined ? `${f.from}→${f.to}` : undefined);
    const attrs = `id="${flowId(f)}"${name ? ` name="${escapeXml(name)}"` : ''} sourceRef="${f.from}" targetRef="${f.to}"`;
    if (f.condition === undefined) {
      lines.push(`${indent}<bpmn:sequenceFlow ${attrs} />`);
    } else {
      lines.push(
        `${indent}<bpmn:sequenceFlow ${attrs}>`,
        `${indent}  <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${escapeXml(f.condition)}</bpmn:conditionExpression>`,
        `${indent}</bpmn:sequenceFlow>`,
      );
    }
  }
  return lines.join('\n');
}

function nodeXml(node: NodeSpec, flows: readonly FlowSpec[], indent: string): string {
  const name = node.name === undefined ? node.id : node.name;
  const attrs: Record<string, string> = { id: node.id, ...(name === null ? {} : { name }), ...node.attrs };
  if (node.defaultTo !== undefined) {
    const defaultFlow = flows.find((f) => f.from === node.id && f.to === node.defaultTo);
    if (!defaultFlow) {
      throw new Error(`${node.id}: no flow to default target ${node.defaultTo}`);
    }
    attrs['default'] = flowId(defaultFlow);
  }
  const attrText = Object.entries(attrs)
    .map(([key, value]) => `${key}="${escapeXml(value)}"`)
    .join(' ');
  const inner: string[] = [];
  if (node.ext) {
    inner.push(`${indent}  <bpmn:extensionElements>${node.ext}</bpmn:extensionElements>`);
  }
  for (const f of flows.filter((candidate) => candidate.to === node.id)) {
    inner.push(`${indent}  <bpmn:incoming>${flowId(f)}</bpmn:incoming>`);
  }
  for (const f of flows.filter((candidate) => candidate.from === node.id)) {
    inner.push(`${indent}  <bpmn:outgoing>${flowId(f)}</bpmn:outgoing>`);
  }
  if (node.body) {
    inner.push(`${indent}  ${node.body.replaceAll('{{id}}', node.id)}`);
  }
  if (node.children) {
    inner.push(containerXml(node.children, `${indent}  `));
  }
  if (inner.length === 0) {
    return `${indent}<bpmn:${node.kind} ${attrText} />`;
  }
  return [`${indent}<bpmn:${node.kind} ${attrText}>`, ...inner, `${indent}</bpmn:${node.kind}>`].join('\n');
}

/** Semantic BPMN (no BPMNDI) for a fixture. */
export function buildXml(model: ModelSpec): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"',
    '  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
    '  xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"',
    '  xmlns:modeler="http://camunda.org/schema/modeler/1.0"',
    `  id="Definitions_${model.name.replace(/[^A-Za-z0-9_]/g, '_')}" targetNamespace="http://jingpin.local/lint-fixtures"`,
    '  modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.8.0">',
    `  <bpmn:process id="Process_${model.name.replace(/[^A-Za-z0-9_]/g, '_')}" name="${model.name}" isExecutable="true">`,
    containerXml(model.process, '    '),
    '  </bpmn:process>',
    ...(model.rootElements ? [`  ${model.rootElements}`] : []),
    '</bpmn:definitions>',
    '',
  ].join('\n');
}
