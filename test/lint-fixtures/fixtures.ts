/**
 * The lint fixtures, one model each. `npx tsx test/lint-fixtures/generate.ts` writes them as
 * `<name>.bpmn` (with layout) next to this file; test/lint/fixtures-current.test.ts checks the
 * files match this list. Names: `<rule>--invalid[-variant]` trips the rule, `<rule>--valid` is
 * what to write instead.
 */
import type { ModelSpec } from './builder.ts';
import { boundary, end, escapeXml, eventSubProcess, flow, gateway, start, task, timer } from './builder.ts';

const escalation = '<bpmn:escalation id="Escalation_Flag" name="flag" escalationCode="FLAG" />';

/** start → Work → end, the frame most fixtures hang their point on. */
const line = {
  nodes: [start('Start'), task('Work'), end('End')],
  flows: [flow('Start', 'Work'), flow('Work', 'End')],
};

function input(source: string, target: string): string {
  return `<zeebe:input source="${escapeXml(source)}" target="${target}" />`;
}

export const fixtures: readonly ModelSpec[] = [
  // ---------------------------------------------------------------- no-converging-inclusive-gateway
  {
    name: 'no-converging-inclusive-gateway--invalid',
    process: {
      nodes: [
        start('Start'),
        gateway('inclusiveGateway', 'Split', { defaultTo: 'A' }),
        task('A'),
        task('B'),
        gateway('inclusiveGateway', 'Join', { name: null }),
        end('End'),
      ],
      flows: [
        flow('Start', 'Split'),
        flow('Split', 'A'),
        flow('Split', 'B', { condition: '=amount > 100' }),
        flow('A', 'Join'),
        flow('B', 'Join'),
        flow('Join', 'End'),
      ],
    },
  },
  {
    name: 'no-converging-inclusive-gateway--valid',
    process: {
      nodes: [
        start('Start'),
        gateway('inclusiveGateway', 'Split', { defaultTo: 'A' }),
        task('A'),
        task('B'),
        end('EndA'),
        end('EndB'),
      ],
      flows: [
        flow('Start', 'Split'),
        flow('Split', 'A'),
        flow('Split', 'B', { condition: '=amount > 100' }),
        flow('A', 'EndA'),
        flow('B', 'EndB'),
      ],
    },
  },

  // ---------------------------------------------------------------- event sub-processes
  {
    name: 'no-interrupting-event-subprocess--invalid',
    process: {
      nodes: [
        ...line.nodes,
        eventSubProcess('OnFlag', {
          nodes: [
            start('FlagStart', { body: '<bpmn:escalationEventDefinition escalationRef="Escalation_Flag" />' }),
            end('FlagEnd'),
          ],
          flows: [flow('FlagStart', 'FlagEnd')],
        }),
      ],
      flows: line.flows,
    },
    rootElements: escalation,
  },
  {
    // also the valid case of no-event-subprocess-external-start
    name: 'no-interrupting-event-subprocess--valid',
    process: {
      nodes: [
        ...line.nodes,
        eventSubProcess('OnFlag', {
          nodes: [
            start('FlagStart', {
              attrs: { isInterrupting: 'false' },
              body: '<bpmn:escalationEventDefinition escalationRef="Escalation_Flag" />',
            }),
            end('FlagEnd'),
          ],
          flows: [flow('FlagStart', 'FlagEnd')],
        }),
      ],
      flows: line.flows,
    },
    rootElements: escalation,
  },
  {
    name: 'no-event-subprocess-external-start--invalid',
    process: {
      nodes: [
        ...line.nodes,
        eventSubProcess('OnTimer', {
          nodes: [
            start('TimerStart', { attrs: { isInterrupting: 'false' }, body: timer('timeDuration', 'PT1H') }),
            end('TimerEnd'),
          ],
          flows: [flow('TimerStart', 'TimerEnd')],
        }),
        eventSubProcess('OnMessage', {
          nodes: [
            start('MessageStart', {
              attrs: { isInterrupting: 'false' },
              body: '<bpmn:messageEventDefinition messageRef="Message_Withdrawn" />',
            }),
            end('MessageEnd'),
          ],
          flows: [flow('MessageStart', 'MessageEnd')],
        }),
        eventSubProcess('OnSignal', {
          nodes: [
            start('SignalStart', {
              attrs: { isInterrupting: 'false' },
              body: '<bpmn:signalEventDefinition signalRef="Signal_Cycle" />',
            }),
            end('SignalEnd'),
          ],
          flows: [flow('SignalStart', 'SignalEnd')],
        }),
      ],
      flows: line.flows,
    },
    rootElements: [
      '<bpmn:message id="Message_Withdrawn" name="withdrawn"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseId" /></bpmn:extensionElements></bpmn:message>',
      '<bpmn:signal id="Signal_Cycle" name="cycle-closed" />',
    ].join('\n  '),
  },
  {
    // an error start is interrupting by definition, so no-interrupting-event-subprocess fires too
    name: 'no-event-subprocess-external-start--invalid-error',
    process: {
      nodes: [
        ...line.nodes,
        eventSubProcess('OnError', {
          nodes: [
            start('ErrorStart', { body: '<bpmn:errorEventDefinition errorRef="Error_Rejected" />' }),
            end('ErrorEnd'),
          ],
          flows: [flow('ErrorStart', 'ErrorEnd')],
        }),
      ],
      flows: line.flows,
    },
    rootElements: '<bpmn:error id="Error_Rejected" name="rejected" errorCode="REJECTED" />',
  },

  {
    // a message start event of the process itself: Zeebe creates an instance per message; the
    // embedded engine never would
    name: 'no-event-subprocess-external-start--invalid-message-start',
    process: {
      nodes: [start('Start', { body: '<bpmn:messageEventDefinition messageRef="Message_Withdrawn" />' }), task('Work'), end('End')],
      flows: line.flows,
    },
    rootElements:
      '<bpmn:message id="Message_Withdrawn" name="withdrawn"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseId" /></bpmn:extensionElements></bpmn:message>',
  },

  // ---------------------------------------------------------------- no-exclusive-into-parallel-join
  {
    name: 'no-exclusive-into-parallel-join--invalid',
    process: {
      nodes: [
        start('Start'),
        gateway('exclusiveGateway', 'Decide', { defaultTo: 'A' }),
        task('A'),
        task('B'),
        gateway('parallelGateway', 'Join', { name: null }),
        end('End'),
      ],
      flows: [
        flow('Start', 'Decide'),
        flow('Decide', 'A'),
        flow('Decide', 'B', { condition: '=approved' }),
        flow('A', 'Join'),
        flow('B', 'Join'),
        flow('Join', 'End'),
      ],
    },
  },
  {
    // the exclusive split sits inside one parallel branch and feeds the join from that branch only
    name: 'no-exclusive-into-parallel-join--invalid-one-branch',
    process: {
      nodes: [
        start('Start'),
        gateway('parallelGateway', 'Fork', { name: null }),
        task('A'),
        gateway('exclusiveGateway', 'Decide', { defaultTo: 'B' }),
        task('B'),
        task('C'),
        end('EndC'),
        gateway('parallelGateway', 'Join', { name: null }),
        end('End'),
      ],
      flows: [
        flow('Start', 'Fork'),
        flow('Fork', 'A'),
        flow('Fork', 'Decide'),
        flow('Decide', 'B'),
        flow('Decide', 'C', { condition: '=skip' }),
        flow('C', 'EndC'),
        flow('A', 'Join'),
        flow('B', 'Join'),
        flow('Join', 'End'),
      ],
    },
  },
  {
    name: 'no-exclusive-into-parallel-join--invalid-event-based',
    process: {
      nodes: [
        start('Start'),
        gateway('eventBasedGateway', 'Await', { name: null }),
        { kind: 'intermediateCatchEvent', id: 'Timeout', body: timer('timeDuration', 'P7D') },
        {
          kind: 'intermediateCatchEvent',
          id: 'Answer',
          body: '<bpmn:messageEventDefinition messageRef="Message_Answer" />',
        },
        gateway('parallelGateway', 'Join', { name: null }),
        end('End'),
      ],
      flows: [
        flow('Start', 'Await'),
        flow('Await', 'Timeout'),
        flow('Await', 'Answer'),
        flow('Timeout', 'Join'),
        flow('Answer', 'Join'),
        flow('Join', 'End'),
      ],
    },
    rootElements:
      '<bpmn:message id="Message_Answer" name="answer"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseId" /></bpmn:extensionElements></bpmn:message>',
  },
  {
    // a nested exclusive split/merge and a rework loop inside parallel branches
    name: 'no-exclusive-into-parallel-join--valid',
    process: {
      nodes: [
        start('Start'),
        gateway('parallelGateway', 'Fork', { name: null }),
        gateway('exclusiveGateway', 'Decide', { defaultTo: 'B' }),
        task('B'),
        task('C'),
        gateway('exclusiveGateway', 'Merge', { name: null }),
        gateway('exclusiveGateway', 'LoopEntry', { name: null }),
        task('Review'),
        gateway('exclusiveGateway', 'ReworkNeeded', { defaultTo: 'Join' }),
        task('Rework'),
        gateway('parallelGateway', 'Join', { name: null }),
        end('End'),
      ],
      flows: [
        flow('Start', 'Fork'),
        flow('Fork', 'Decide'),
        flow('Decide', 'B'),
        flow('Decide', 'C', { condition: '=urgent' }),
        flow('B', 'Merge'),
        flow('C', 'Merge'),
        flow('Merge', 'Join'),
        flow('Fork', 'LoopEntry'),
        flow('LoopEntry', 'Review'),
        flow('Review', 'ReworkNeeded'),
        flow('ReworkNeeded', 'Rework', { condition: '=needsRework' }),
        flow('Rework', 'LoopEntry'),
        flow('ReworkNeeded', 'Join'),
        flow('Join', 'End'),
      ],
    },
  },

  // ---------------------------------------------------------------- timers
  {
    name: 'no-cron-timer--invalid',
    process: {
      nodes: [
        ...line.nodes,
        boundary('Weekly', 'Work', timer('timeCycle', '0 0 9 * * MON'), { attrs: { cancelActivity: 'false' } }),
        task('Remind'),
        end('Reminded'),
      ],
      flows: [...line.flows, flow('Weekly', 'Remind'), flow('Remind', 'Reminded')],
    },
  },
  {
    name: 'no-cron-timer--valid',
    process: {
      nodes: [
        start('Start'),
        task('Work'),
        task('Check'),
        end('End'),
        boundary('Daily', 'Work', timer('timeCycle', 'R/P1D'), { attrs: { cancelActivity: 'false' } }),
        boundary('Computed', 'Check', timer('timeCycle', '=reminderCycle'), { attrs: { cancelActivity: 'false' } }),
        task('Remind'),
        end('Reminded'),
        task('RemindComputed'),
        end('RemindedComputed'),
      ],
      flows: [
        flow('Start', 'Work'),
        flow('Work', 'Check'),
        flow('Check', 'End'),
        flow('Daily', 'Remind'),
        flow('Remind', 'Reminded'),
        flow('Computed', 'RemindComputed'),
        flow('RemindComputed', 'RemindedComputed'),
      ],
    },
  },
  {
    // zone ids that camunda-compat accepts: only this rule reports them
    name: 'timer-date-with-offset--invalid-zone',
    process: {
      nodes: [
        start('Start'),
        {
          kind: 'intermediateCatchEvent',
          id: 'ZoneLiteral',
          body: timer('timeDate', '2026-09-30T17:00:00+08:00[Asia/Shanghai]'),
        },
        {
          kind: 'intermediateCatchEvent',
          id: 'ZoneFeel',
          body: timer('timeDate', '=date and time("2026-09-30T17:00:00@Asia/Shanghai")'),
        },
        end('End'),
      ],
      flows: [flow('Start', 'ZoneLiteral'), flow('ZoneLiteral', 'ZoneFeel'), flow('ZoneFeel', 'End')],
    },
  },
  {
    // no offset: camunda-compat's timer rule rejects these as well
    name: 'timer-date-with-offset--invalid-offset',
    process: {
      nodes: [
        start('Start'),
        task('Work'),
        boundary('Repeat', 'Work', timer('timeCycle', 'R3/2026-09-30T09:00:00/P1D'), {
          attrs: { cancelActivity: 'false' },
        }),
        task('Remind'),
        end('Reminded'),
        { kind: 'intermediateCatchEvent', id: 'Local', body: timer('timeDate', '2026-09-30T17:00:00') },
        end('End'),
      ],
      flows: [
        flow('Start', 'Work'),
        flow('Work', 'Local'),
        flow('Local', 'End'),
        flow('Repeat', 'Remind'),
        flow('Remind', 'Reminded'),
      ],
    },
  },
  {
    name: 'timer-date-with-offset--valid',
    process: {
      nodes: [
        start('Start'),
        task('Work'),
        boundary('Repeat', 'Work', timer('timeCycle', 'R3/2026-09-30T09:00:00Z/P1D'), {
          attrs: { cancelActivity: 'false' },
        }),
        task('Remind'),
        end('Reminded'),
        { kind: 'intermediateCatchEvent', id: 'Fixed', body: timer('timeDate', '2026-09-30T17:00:00+08:00') },
        { kind: 'intermediateCatchEvent', id: 'FromWorker', body: timer('timeDate', '=reviewDeadline') },
        end('End'),
      ],
      flows: [
        flow('Start', 'Work'),
        flow('Work', 'Fixed'),
        flow('Fixed', 'FromWorker'),
        flow('FromWorker', 'End'),
        flow('Repeat', 'Remind'),
        flow('Remind', 'Reminded'),
      ],
    },
  },

  // ---------------------------------------------------------------- FEEL
  {
    name: 'feel-builtins--invalid',
    process: {
      nodes: [
        start('Start'),
        task('Work', {
          ext: [
            '<zeebe:taskDefinition type="fixture-work" />',
            '<zeebe:ioMapping>',
            input('=to json(application)', 'payload'),
            input('=myHelper(applicant.name) + " " + string length(applicant.name)', 'label'),
            '</zeebe:ioMapping>',
          ].join(''),
        }),
        end('End'),
      ],
      flows: [flow('Start', 'Work'), flow('Work', 'End')],
    },
  },
  {
    name: 'feel-builtins--valid',
    process: {
      nodes: [
        start('Start'),
        task('Work', {
          ext: [
            '<zeebe:taskDefinition type="fixture-work" />',
            '<zeebe:ioMapping>',
            input('=string length(applicant.name) > 0', 'hasName'),
            input('=get or else(amount, 0)', 'amountOrZero'),
            input('=is defined(reviewer) and date and time("2026-01-01T00:00:00+08:00") < now()', 'late'),
            input('="literal text with to json(x) inside"', 'note'),
            input('=for item in items return string join(item.tags, ",")', 'tagLines'),
            input('=if approved and (score > 80 or exempt) then "A" else "B"', 'grade'),
            input('=some item in items satisfies item.score > 90', 'anyExcellent'),
            input('=last day of month(today()) // deadline: to json(x) in a comment', 'monthEnd'),
            input('=uuid()', 'requestId'),
            '</zeebe:ioMapping>',
          ].join(''),
        }),
        end('End'),
      ],
      flows: [flow('Start', 'Work'), flow('Work', 'End')],
    },
  },
  {
    name: 'condition-is-comparison--invalid',
    process: {
      nodes: [
        start('Start'),
        gateway('exclusiveGateway', 'Route', { defaultTo: 'Normal' }),
        task('Normal'),
        task('Counted'),
        task('Large'),
        end('EndNormal'),
        end('EndCounted'),
        end('EndLarge'),
      ],
      flows: [
        flow('Start', 'Route'),
        flow('Route', 'Normal'),
        flow('Route', 'Counted', { condition: '=count(items)' }),
        flow('Route', 'Large', { condition: 'amount > 100' }),
        flow('Normal', 'EndNormal'),
        flow('Counted', 'EndCounted'),
        flow('Large', 'EndLarge'),
      ],
    },
  },
  {
    name: 'condition-is-comparison--valid',
    process: {
      nodes: [
        start('Start'),
        gateway('exclusiveGateway', 'Route', { defaultTo: 'Normal' }),
        task('Normal'),
        task('Large'),
        task('Approved'),
        task('Urgent'),
        task('Reviewed'),
        end('EndNormal'),
        end('EndLarge'),
        end('EndApproved'),
        end('EndUrgent'),
        end('EndReviewed'),
      ],
      flows: [
        flow('Start', 'Route'),
        flow('Route', 'Normal'),
        flow('Route', 'Large', { condition: '=amount > 100' }),
        flow('Route', 'Approved', { condition: '=approved' }),
        flow('Route', 'Urgent', { condition: '=list contains(tags, "urgent")' }),
        flow('Route', 'Reviewed', { condition: '=is defined(reviewer)' }),
        flow('Normal', 'EndNormal'),
        flow('Large', 'EndLarge'),
        flow('Approved', 'EndApproved'),
        flow('Urgent', 'EndUrgent'),
        flow('Reviewed', 'EndReviewed'),
      ],
    },
  },

  // ---------------------------------------------------------------- tasks and errors
  {
    // camunda-compat's implementation rule reports it as well
    name: 'no-empty-script-task--invalid',
    process: {
      nodes: [start('Start'), { kind: 'scriptTask', id: 'Compute' }, end('End')],
      flows: [flow('Start', 'Compute'), flow('Compute', 'End')],
    },
  },
  {
    name: 'no-empty-script-task--valid',
    process: {
      nodes: [
        start('Start'),
        { kind: 'scriptTask', id: 'Compute', ext: '<zeebe:script expression="=amount * 2" resultVariable="doubled" />' },
        { kind: 'scriptTask', id: 'Delegate', ext: '<zeebe:taskDefinition type="fixture-script" />' },
        end('End'),
      ],
      flows: [flow('Start', 'Compute'), flow('Compute', 'Delegate'), flow('Delegate', 'End')],
    },
  },
  {
    // camunda-compat (8.2+) allows a catch-all error boundary: only this rule reports it
    name: 'error-boundary-has-code--invalid',
    process: {
      nodes: [
        ...line.nodes,
        boundary('Failed', 'Work', '<bpmn:errorEventDefinition />'),
        task('Handle'),
        end('Handled'),
      ],
      flows: [...line.flows, flow('Failed', 'Handle'), flow('Handle', 'Handled')],
    },
  },
  {
    // camunda-compat's error-reference rule reports the missing errorCode as well
    name: 'error-boundary-has-code--invalid-no-code',
    process: {
      nodes: [
        ...line.nodes,
        boundary('Failed', 'Work', '<bpmn:errorEventDefinition errorRef="Error_Uncoded" />'),
        task('Handle'),
        end('Handled'),
      ],
      flows: [...line.flows, flow('Failed', 'Handle'), flow('Handle', 'Handled')],
    },
    rootElements: '<bpmn:error id="Error_Uncoded" name="uncoded" />',
  },
  {
    name: 'error-boundary-has-code--valid',
    process: {
      nodes: [
        ...line.nodes,
        boundary('Rejected', 'Work', '<bpmn:errorEventDefinition errorRef="Error_Rejected" />'),
        task('Handle'),
        end('Handled'),
      ],
      flows: [...line.flows, flow('Rejected', 'Handle'), flow('Handle', 'Handled')],
    },
    rootElements: '<bpmn:error id="Error_Rejected" name="rejected" errorCode="REJECTED" />',
  },

  // ---------------------------------------------------------------- service-task-has-type: camunda-compat
  {
    // no jingpin rule: camunda-compat's implementation rule already demands a non-empty type
    name: 'camunda-compat-task-type--invalid',
    process: {
      nodes: [
        start('Start'),
        task('Service', { ext: '<zeebe:taskDefinition type="" />' }),
        { kind: 'sendTask', id: 'Send', ext: '<zeebe:taskDefinition type=" " />' },
        { kind: 'businessRuleTask', id: 'Decide', ext: '<zeebe:taskDefinition />' },
        { kind: 'task', id: 'Plain' },
        {
          kind: 'intermediateThrowEvent',
          id: 'Announce',
          ext: '<zeebe:taskDefinition type="" />',
          body: '<bpmn:messageEventDefinition messageRef="Message_Notice" />',
        },
        {
          kind: 'endEvent',
          id: 'Notify',
          ext: '<zeebe:taskDefinition type="" />',
          body: '<bpmn:messageEventDefinition messageRef="Message_Notice" />',
        },
      ],
      flows: [
        flow('Start', 'Service'),
        flow('Service', 'Send'),
        flow('Send', 'Decide'),
        flow('Decide', 'Plain'),
        flow('Plain', 'Announce'),
        flow('Announce', 'Notify'),
      ],
    },
    rootElements:
      '<bpmn:message id="Message_Notice" name="notice"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseId" /></bpmn:extensionElements></bpmn:message>',
  },
];
