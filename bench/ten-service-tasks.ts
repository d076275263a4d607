import { Type } from '@sinclair/typebox';
import { complete } from '../platform/engine/outcome.ts';
import { createWorkerRegistry, defineWorker, type WorkerRegistry } from '../platform/engine/worker.ts';

/** The benchmark's workloads: ten tasks in sequence, as Zeebe models. */
export const STEPS = 10;
export const TASK_TYPE = 'bench-step';

/** The service tasks' worker: it answers at once, so only the engine is measured. */
export function answeringWorkers(): WorkerRegistry {
  return createWorkerRegistry([defineWorker({ taskType: TASK_TYPE, description: 'answers at once', input: Type.Object({}), handler: async () => complete({}) })]);
}

/** A process of ten service tasks in sequence. */
export function tenServiceTasksXml(): string {
  return tenInSequence(
    'bench-ten-steps',
    'Ten steps',
    (id) => `<bpmn:serviceTask id="${id}" name="Step ${id}">
      <bpmn:extensionElements><zeebe:taskDefinition type="${TASK_TYPE}" /></bpmn:extensionElements>`,
    '</bpmn:serviceTask>',
  );
}

/** Ten user tasks in sequence, each completed by its own command: the wait-heavy workload. */
export function tenUserTasksXml(): string {
  return tenInSequence(
    'bench-ten-waits',
    'Ten waits',
    (id) => `<bpmn:userTask id="${id}" name="Review ${id}">
      <bpmn:extensionElements><zeebe:userTask /><zeebe:assignmentDefinition candidateGroups="clerks" /></bpmn:extensionElements>`,
    '</bpmn:userTask>',
  );
}

/** start → t1 → … → t10 → end, each task opened by `open(id)` and closed by `close`. */
function tenInSequence(processId: string, name: string, open: (id: string) => string, close: string): string {
  const tasks = Array.from({ length: STEPS }, (_, i) => i + 1);
  const node = (i: number) => `${open(`t${i}`)}
      <bpmn:incoming>f${i - 1}</bpmn:incoming><bpmn:outgoing>f${i}</bpmn:outgoing>
    ${close}`;
  const flows = [
    `<bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="t1" />`,
    ...tasks.map((i) => `<bpmn:sequenceFlow id="f${i}" sourceRef="t${i}" targetRef="${i === STEPS ? 'end' : `t${i + 1}`}" />`),
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="${processId}-defs" targetNamespace="http://jingpin/bench">
  <bpmn:process id="${processId}" name="${name}" isExecutable="true">
    <bpmn:startEvent id="start" name="Start"><bpmn:outgoing>f0</bpmn:outgoing></bpmn:startEvent>
    ${tasks.map(node).join('\n    ')}
    <bpmn:endEvent id="end" name="End"><bpmn:incoming>f${STEPS}</bpmn:incoming></bpmn:endEvent>
    ${flows.join('\n    ')}
  </bpmn:process>
</bpmn:definitions>`;
}
