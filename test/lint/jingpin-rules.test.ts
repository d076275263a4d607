/**
 * Each jingpin rule against its fixtures (test/lint-fixtures/), through the repository's full
 * `.bpmnlintrc`: an invalid model it reports (rule and element ids), a valid one it accepts.
 * Every other report a fixture produces is listed too, so a fixture that starts tripping some
 * other rule fails here instead of passing for the wrong reason.
 */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import type { LintReport } from './bpmnlint-harness.ts';
import { formatReport, lintFile, repoRoot } from './bpmnlint-harness.ts';

const fixtureDir = path.join(repoRoot, 'test', 'lint-fixtures');

interface InvalidCase {
  readonly fixture: string;
  readonly rule: string;
  /** Element ids the rule reports, one entry per report. */
  readonly ids: readonly string[];
  /** Other reports the fixture is known to produce: rule → ids. */
  readonly others?: Readonly<Record<string, readonly string[]>>;
  /** Texts the rule's messages must contain. */
  readonly mentions?: readonly string[];
}

interface ValidCase {
  readonly fixture: string;
  readonly rule: string;
  readonly others?: Readonly<Record<string, readonly string[]>>;
}

const invalid: readonly InvalidCase[] = [
  {
    fixture: 'no-converging-inclusive-gateway--invalid',
    rule: 'no-converging-inclusive-gateway',
    ids: ['Join'],
    others: { 'no-inclusive-gateway': ['Join', 'Split'] },
  },
  { fixture: 'no-interrupting-event-subprocess--invalid', rule: 'no-interrupting-event-subprocess', ids: ['FlagStart'] },
  {
    fixture: 'no-event-subprocess-external-start--invalid',
    rule: 'no-event-subprocess-external-start',
    ids: ['MessageStart', 'SignalStart', 'TimerStart'],
    mentions: ['timer', 'message', 'signal'],
  },
  {
    fixture: 'no-event-subprocess-external-start--invalid-error',
    rule: 'no-event-subprocess-external-start',
    ids: ['ErrorStart'],
    others: { 'jingpin/no-interrupting-event-subprocess': ['ErrorStart'] },
  },
  {
    fixture: 'no-event-subprocess-external-start--invalid-message-start',
    rule: 'no-event-subprocess-external-start',
    ids: ['Start'],
    mentions: ['消息开始事件', 'message start event'],
  },
  {
    fixture: 'no-exclusive-into-parallel-join--invalid',
    rule: 'no-exclusive-into-parallel-join',
    ids: ['Join'],
    mentions: ['Decide'],
  },
  {
    fixture: 'no-exclusive-into-parallel-join--invalid-one-branch',
    rule: 'no-exclusive-into-parallel-join',
    ids: ['Join'],
    mentions: ['Decide'],
  },
  {
    fixture: 'no-exclusive-into-parallel-join--invalid-event-based',
    rule: 'no-exclusive-into-parallel-join',
    ids: ['Join'],
    mentions: ['Await'],
  },
  { fixture: 'no-cron-timer--invalid', rule: 'no-cron-timer', ids: ['Weekly'], mentions: ['0 0 9 * * MON'] },
  {
    fixture: 'timer-date-with-offset--invalid-zone',
    rule: 'timer-date-with-offset',
    ids: ['ZoneFeel', 'ZoneLiteral'],
    mentions: ['[Asia/Shanghai]', '@Asia/Shanghai'],
  },
  {
    fixture: 'timer-date-with-offset--invalid-offset',
    rule: 'timer-date-with-offset',
    ids: ['Local', 'Repeat'],
    others: { 'camunda-compat/timer': ['Local', 'Repeat'] },
    mentions: ['2026-09-30T17:00:00', '2026-09-30T09:00:00'],
  },
  {
    fixture: 'feel-builtins--invalid',
    rule: 'feel-builtins',
    ids: ['Work', 'Work'],
    others: { 'camunda-compat/feel-compatibility': ['Work'] },
    mentions: ['"to json"', '"myHelper"'],
  },
  {
    fixture: 'condition-is-comparison--invalid',
    rule: 'condition-is-comparison',
    ids: ['Flow_Route_Counted', 'Flow_Route_Large'],
    mentions: ['=count(items)', 'amount > 100'],
  },
  {
    fixture: 'no-empty-script-task--invalid',
    rule: 'no-empty-script-task',
    ids: ['Compute'],
    others: { 'camunda-compat/implementation': ['Compute'] },
  },
  { fixture: 'error-boundary-has-code--invalid', rule: 'error-boundary-has-code', ids: ['Failed'], mentions: ['errorRef'] },
  {
    fixture: 'error-boundary-has-code--invalid-no-code',
    rule: 'error-boundary-has-code',
    ids: ['Failed'],
    others: { 'camunda-compat/error-reference': ['Failed'] },
    mentions: ['errorCode'],
  },
];

const valid: readonly ValidCase[] = [
  {
    fixture: 'no-converging-inclusive-gateway--valid',
    rule: 'no-converging-inclusive-gateway',
    others: { 'no-inclusive-gateway': ['Split'] },
  },
  { fixture: 'no-interrupting-event-subprocess--valid', rule: 'no-interrupting-event-subprocess' },
  { fixture: 'no-interrupting-event-subprocess--valid', rule: 'no-event-subprocess-external-start' },
  { fixture: 'no-exclusive-into-parallel-join--valid', rule: 'no-exclusive-into-parallel-join' },
  { fixture: 'no-cron-timer--valid', rule: 'no-cron-timer' },
  { fixture: 'timer-date-with-offset--valid', rule: 'timer-date-with-offset' },
  { fixture: 'feel-builtins--valid', rule: 'feel-builtins' },
  { fixture: 'condition-is-comparison--valid', rule: 'condition-is-comparison' },
  { fixture: 'no-empty-script-task--valid', rule: 'no-empty-script-task' },
  { fixture: 'error-boundary-has-code--valid', rule: 'error-boundary-has-code' },
];

async function lintFixture(name: string): Promise<LintReport[]> {
  const reports = await lintFile(path.join(fixtureDir, `${name}.bpmn`));
  // a rule that throws is reported as category 'rule-error'; never acceptable
  expect(reports.filter((report) => report.category === 'rule-error').map(formatReport)).toEqual([]);
  return reports;
}

/** rule → sorted ids, for every report not from `rule`. */
function othersOf(reports: readonly LintReport[], rule: string): Record<string, string[]> {
  const others: Record<string, string[]> = {};
  for (const report of reports) {
    if (report.rule !== rule) {
      (others[report.rule] ??= []).push(report.id ?? '');
    }
  }
  for (const ids of Object.values(others)) {
    ids.sort();
  }
  return others;
}

describe('jingpin rules report invalid models', () => {
  it.each(invalid)('$rule reports $fixture', async ({ fixture, rule, ids, others = {}, mentions = [] }) => {
    const reports = await lintFixture(fixture);
    const name = `jingpin/${rule}`;
    const mine = reports.filter((report) => report.rule === name);

    expect(mine.map((report) => report.id).sort()).toEqual([...ids].sort());
    for (const report of mine) {
      expect(report.category).toBe('error');
      // Chinese first, then English
      const cut = report.message.indexOf(' / ');
      expect(cut).toBeGreaterThan(0);
      expect(report.message.slice(0, cut)).toMatch(/[\u4e00-\u9fff]/u);
      expect(report.message.slice(cut + 3)).toMatch(/^[^\u4e00-\u9fff]*$/u);
    }
    const text = mine.map((report) => report.message).join('\n');
    for (const mention of mentions) {
      expect(text).toContain(mention);
    }
    expect(othersOf(reports, name), reports.map(formatReport).join('\n')).toEqual(
      Object.fromEntries(Object.entries(others).map(([key, value]) => [key, [...value].sort()])),
    );
  });
});

describe('jingpin rules accept valid models', () => {
  it.each(valid)('$rule accepts $fixture', async ({ fixture, rule, others = {} }) => {
    const reports = await lintFixture(fixture);
    const name = `jingpin/${rule}`;

    expect(reports.filter((report) => report.rule === name).map(formatReport)).toEqual([]);
    expect(othersOf(reports, name), reports.map(formatReport).join('\n')).toEqual(
      Object.fromEntries(Object.entries(others).map(([key, value]) => [key, [...value].sort()])),
    );
  });
});

describe('service-task-has-type is left to camunda-compat', () => {
  // Our plugin has no such rule because camunda-compat's implementation rule (in camunda-cloud-8-8)
  // already reports an empty or missing zeebe:taskDefinition type on service, send and
  // business-rule tasks and on message throw/end events, and leaves a plain bpmn:task alone.
  it('camunda-compat/implementation reports every empty job type', async () => {
    const reports = await lintFixture('camunda-compat-task-type--invalid');

    expect(reports.map((report) => `${report.rule} ${report.id ?? ''}`).sort()).toEqual(
      ['Announce', 'Decide', 'Notify', 'Send', 'Service'].map((id) => `camunda-compat/implementation ${id}`),
    );
  });
});
