/**
 * Edge cases of the jingpin rules on models built in memory (no layout, so only jingpin reports
 * are looked at): where FEEL is found, loops and nesting around parallel joins, timer spellings.
 */
import { describe, expect, it } from 'vitest';
import type { ContainerSpec, ModelSpec } from '../lint-fixtures/builder.ts';
import { boundary, buildXml, end, escapeXml, eventSubProcess, flow, gateway, start, task, timer } from '../lint-fixtures/builder.ts';
import { lintXml } from './bpmnlint-harness.ts';

/** `rule id` for every jingpin report, sorted. */
async function jingpin(process: ContainerSpec, rootElements?: string, edit = (xml: string) => xml): Promise<string[]> {
  const model: ModelSpec = { name: 'edge', process, ...(rootElements ? { rootElements } : {}) };
  const reports = await lintXml(edit(buildXml(model)));
  expect(reports.filter((report) => report.category === 'rule-error' || report.rule === '')).toEqual([]);
  return reports
    .filter((report) => report.rule.startsWith('jingpin/'))
    .map((report) => `${report.rule.slice('jingpin/'.length)} ${report.id ?? ''}`)
    .sort();
}

const line: ContainerSpec = {
  nodes: [start('Start'), task('Work'), end('End')],
  flows: [flow('Start', 'Work'), flow('Work', 'End')],
};

describe('no-exclusive-into-parallel-join', () => {
  it('reports an inclusive split feeding a parallel join', async () => {
    const found = await jingpin({
      nodes: [start('S'), gateway('inclusiveGateway', 'Or', { defaultTo: 'A' }), task('A'), task('B'), gateway('parallelGateway', 'J'), end('E')],
      flows: [flow('S', 'Or'), flow('Or', 'A'), flow('Or', 'B', { condition: '=b' }), flow('A', 'J'), flow('B', 'J'), flow('J', 'E')],
    });
    expect(found).toEqual(['no-exclusive-into-parallel-join J']);
  });

  it('accepts an exclusive split before the parallel split', async () => {
    const found = await jingpin({
      nodes: [
        start('S'),
        gateway('exclusiveGateway', 'X', { defaultTo: 'P' }),
        gateway('parallelGateway', 'P'),
        task('A'),
        task('B'),
        gateway('parallelGateway', 'J'),
        end('E'),
        end('Skipped'),
      ],
      flows: [
        flow('S', 'X'),
        flow('X', 'P'),
        flow('X', 'Skipped', { condition: '=skip' }),
        flow('P', 'A'),
        flow('P', 'B'),
        flow('A', 'J'),
        flow('B', 'J'),
        flow('J', 'E'),
      ],
    });
    expect(found).toEqual([]);
  });

  it('reports an exclusive split whose branches reach the join through different flows despite a merge elsewhere', async () => {
    // X splits into A and B; A and C are merged by M (C comes from the parallel fork), B goes straight to J
    const found = await jingpin({
      nodes: [
        start('S'),
        gateway('parallelGateway', 'P'),
        gateway('exclusiveGateway', 'X', { defaultTo: 'A' }),
        task('A'),
        task('B'),
        task('C'),
        gateway('exclusiveGateway', 'M'),
        gateway('parallelGateway', 'J'),
        end('E'),
      ],
      flows: [
        flow('S', 'P'),
        flow('P', 'X'),
        flow('P', 'C'),
        flow('X', 'A'),
        flow('X', 'B', { condition: '=b' }),
        flow('A', 'M'),
        flow('C', 'M'),
        flow('M', 'J'),
        flow('B', 'J'),
        flow('J', 'E'),
      ],
    });
    expect(found).toEqual(['no-exclusive-into-parallel-join J']);
  });

  it('accepts a rework loop whose decision flows straight back', async () => {
    const found = await jingpin({
      nodes: [
        start('S'),
        gateway('parallelGateway', 'P'),
        task('A'),
        gateway('exclusiveGateway', 'L'),
        task('Review'),
        gateway('exclusiveGateway', 'Again', { defaultTo: 'J' }),
        gateway('parallelGateway', 'J'),
        end('E'),
      ],
      flows: [
        flow('S', 'P'),
        flow('P', 'A'),
        flow('P', 'L'),
        flow('L', 'Review'),
        flow('Review', 'Again'),
        flow('Again', 'L', { condition: '=again' }),
        flow('Again', 'J'),
        flow('A', 'J'),
        flow('J', 'E'),
      ],
    });
    expect(found).toEqual([]);
  });
});

describe('feel-builtins finds FEEL wherever Zeebe reads it', () => {
  it('reports the owning element of each expression', async () => {
    const bad = '=to json(x)';
    const found = await jingpin(
      {
        nodes: [
          start('Start'),
          gateway('exclusiveGateway', 'Route', { defaultTo: 'Work' }),
          task('Work', {
            ext: `<zeebe:taskDefinition type="${escapeXml(bad)}" /><zeebe:taskHeaders><zeebe:header key="k" value="${escapeXml(bad)}" /></zeebe:taskHeaders>`,
            body: `<bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="${escapeXml(bad)}" inputElement="item" /></bpmn:extensionElements><bpmn:completionCondition xsi:type="bpmn:tFormalExpression">${escapeXml(bad)}</bpmn:completionCondition></bpmn:multiInstanceLoopCharacteristics>`,
          }),
          {
            kind: 'userTask',
            id: 'Approve',
            ext: `<zeebe:userTask /><zeebe:assignmentDefinition assignee="${escapeXml(bad)}" /><zeebe:taskSchedule dueDate="${escapeXml(bad)}" />`,
          },
          { kind: 'intermediateCatchEvent', id: 'Wait', body: timer('timeDuration', bad) },
          { kind: 'intermediateCatchEvent', id: 'Answer', body: '<bpmn:messageEventDefinition messageRef="Message_Answer" />' },
          end('End'),
          end('Other'),
        ],
        flows: [
          flow('Start', 'Route'),
          flow('Route', 'Work'),
          flow('Route', 'Other', { condition: '=to json(x) = "{}"' }),
          flow('Work', 'Approve'),
          flow('Approve', 'Wait'),
          flow('Wait', 'Answer'),
          flow('Answer', 'End'),
        ],
      },
      `<bpmn:message id="Message_Answer" name="${escapeXml(bad)}"><bpmn:extensionElements><zeebe:subscription correlationKey="${escapeXml(bad)}" /></bpmn:extensionElements></bpmn:message>`,
    );
    expect(found).toEqual(
      [
        'feel-builtins Approve', // assignee
        'feel-builtins Approve', // dueDate
        'feel-builtins Flow_Route_Other', // condition
        'feel-builtins Message_Answer', // message name
        'feel-builtins Message_Answer', // correlation key
        'feel-builtins Wait', // timer
        'feel-builtins Work', // job type
        'feel-builtins Work', // inputCollection
        'feel-builtins Work', // completionCondition
        // header values are never FEEL: not reported
      ].sort(),
    );
  });

  it('skips processes marked isExecutable="false"', async () => {
    const found = await jingpin(
      {
        nodes: [start('Start'), task('Work', { ext: '<zeebe:taskDefinition type="=to json(x)" />' }), end('End')],
        flows: [flow('Start', 'Work'), flow('Work', 'End')],
      },
      undefined,
      (xml) => xml.replace('isExecutable="true"', 'isExecutable="false"'),
    );
    expect(found).toEqual([]);
  });
});

describe('timers', () => {
  it.each([
    ['timeCycle', '@daily', ['no-cron-timer Wait']],
    ['timeCycle', '  R/P1D  ', []],
    ['timeCycle', 'R/2026-09-30T09:00:00+08:00/P1D', []],
    ['timeDate', '2026-09-30T09:00:00Z', []],
    ['timeDate', '2026-09-30', ['timer-date-with-offset Wait']],
    ['timeDate', '2026-09-30T09:00:00+0800', ['timer-date-with-offset Wait']],
    ['timeDuration', '2026-09-30T09:00:00/P1D', ['timer-date-with-offset Wait']],
    ['timeDuration', 'P14D', []],
    ['timeDate', '=date and time(deadline)', []],
  ] as const)('%s %s', async (property, value, expected) => {
    const found = await jingpin({
      nodes: [start('Start'), { kind: 'intermediateCatchEvent', id: 'Wait', body: timer(property, value) }, end('End')],
      flows: [flow('Start', 'Wait'), flow('Wait', 'End')],
    });
    expect(found).toEqual(expected);
  });
});

describe('event sub-processes and error catches', () => {
  it('reports an error start without errorRef under both the start and the code rule', async () => {
    const found = await jingpin({
      nodes: [
        ...line.nodes,
        eventSubProcess('OnError', {
          nodes: [start('ErrorStart', { body: '<bpmn:errorEventDefinition />' }), end('ErrorEnd')],
          flows: [flow('ErrorStart', 'ErrorEnd')],
        }),
      ],
      flows: line.flows,
    });
    expect(found).toEqual([
      'error-boundary-has-code ErrorStart',
      'no-event-subprocess-external-start ErrorStart',
      'no-interrupting-event-subprocess ErrorStart',
    ]);
  });

  it('accepts an error boundary with a code next to a non-interrupting timer boundary', async () => {
    const found = await jingpin(
      {
        nodes: [
          ...line.nodes,
          boundary('Rejected', 'Work', '<bpmn:errorEventDefinition errorRef="Error_R" />'),
          boundary('Remind', 'Work', timer('timeDuration', 'P3D'), { attrs: { cancelActivity: 'false' } }),
          end('RejectedEnd'),
          end('RemindEnd'),
        ],
        flows: [...line.flows, flow('Rejected', 'RejectedEnd'), flow('Remind', 'RemindEnd')],
      },
      '<bpmn:error id="Error_R" name="r" errorCode="R" />',
    );
    expect(found).toEqual([]);
  });
});

describe('no-empty-script-task', () => {
  it.each([
    ['a script body', '', '<bpmn:script>x + 1</bpmn:script>', []],
    ['a blank zeebe:script expression', '<zeebe:script expression=" " resultVariable="r" />', '', ['no-empty-script-task Compute']],
    ['a blank job type', '<zeebe:taskDefinition type="" />', '', ['no-empty-script-task Compute']],
  ] as const)('%s', async (_label, ext, body, expected) => {
    const found = await jingpin({
      nodes: [start('Start'), { kind: 'scriptTask', id: 'Compute', ext, body }, end('End')],
      flows: [flow('Start', 'Compute'), flow('Compute', 'End')],
    });
    expect(found).toEqual(expected);
  });
});
