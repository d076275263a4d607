/** A process of ten service tasks in sequence, as a Zeebe model: the benchmark's workload. */
export const STEPS = 10;
export const TASK_TYPE = 'bench-step';

export function tenServiceTasksXml(): string {
  const tasks = Array.from({ length: STEPS }, (_, i) => i + 1);
  const node = (id: string, incoming: string, outgoing: string) =>
    `<bpmn:serviceTask id="${id}" name="Step ${id}">
      <bpmn:extensionElements><zeebe:taskDefinition type="${TASK_TYPE}" /></bpmn:extensionElements>
      <bpmn:incoming>${incoming}</bpmn:incoming><bpmn:outgoing>${outgoing}</bpmn:outgoing>
    </bpmn:serviceTask>`;
  const flows = [
    `<bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="t1" />`,
    ...tasks.map((i) => `<bpmn:sequenceFlow id="f${i}" sourceRef="t${i}" targetRef="${i === STEPS ? 'end' : `t${i + 1}`}" />`),
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="bench-defs" targetNamespace="http://jingpin/bench">
  <bpmn:process id="bench-ten-steps" name="Ten steps" isExecutable="true">
    <bpmn:startEvent id="start" name="Start"><bpmn:outgoing>f0</bpmn:outgoing></bpmn:startEvent>
    ${tasks.map((i) => node(`t${i}`, `f${i - 1}`, `f${i}`)).join('\n    ')}
    <bpmn:endEvent id="end" name="End"><bpmn:incoming>f${STEPS}</bpmn:incoming></bpmn:endEvent>
    ${flows.join('\n    ')}
  </bpmn:process>
</bpmn:definitions>`;
}

/** Ten user tasks in sequence, each completed by its own command: the wait-heavy workload. */
export function tenUserTasksXml(): string {
  const tasks = Array.from({ length: STEPS }, (_, i) => i + 1);
  const node = (id: string, incoming: string, outgoing: string) =>
    `<bpmn:userTask id="${id}" name="Review ${id}">
      <bpmn:extensionElements><zeebe:userTask /><zeebe:assignmentDefinition candidateGroups="clerks" /></bpmn:extensionElements>
      <bpmn:incoming>${incoming}</bpmn:incoming><bpmn:outgoing>${outgoing}</bpmn:outgoing>
    </bpmn:userTask>`;
  const flows = [
    `<bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="u1" />`,
    ...tasks.map((i) => `<bpmn:sequenceFlow id="f${i}" sourceRef="u${i}" targetRef="${i === STEPS ? 'end' : `u${i + 1}`}" />`),
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="bench-wait-defs" targetNamespace="http://jingpin/bench">
  <bpmn:process id="bench-ten-waits" name="Ten waits" isExecutable="true">
    <bpmn:startEvent id="start" name="Start"><bpmn:outgoing>f0</bpmn:outgoing></bpmn:startEvent>
    ${tasks.map((i) => node(`u${i}`, `f${i - 1}`, `f${i}`)).join('\n    ')}
    <bpmn:endEvent id="end" name="End"><bpmn:incoming>f${STEPS}</bpmn:incoming></bpmn:endEvent>
    ${flows.join('\n    ')}
  </bpmn:process>
</bpmn:definitions>`;
}
