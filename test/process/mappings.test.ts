import { Type } from '@sinclair/typebox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { complete } from '../../platform/engine/outcome.ts';
import { createEngineHarness, type EngineHarness } from '../engine-harness.ts';
import { fetch, recordingWorker, start } from './helpers.ts';

/**
 * zeebe:ioMapping (Zeebe's variable mappings): inputs create local variables of the element,
 * evaluated in order so a later input sees an earlier target; with output mappings only the
 * mapped targets reach the parent scope; without them the job's variables propagate.
 * Also the FEEL built-ins our models use, evaluated in output mappings.
 */
const START = '2026-03-02T09:00:00+08:00';

describe('io mappings', () => {
  let h: EngineHarness;
  const quote = recordingWorker('quote', fetch('doubled', 'plusOne', 'name', 'base', 'customer'), () =>
    complete({ premium: 99, internalNote: 'only for the quote task' }),
  );
  const audit = recordingWorker('audit', fetch('base', 'doubled', 'plusOne', 'premium', 'quotedPremium', 'checkedInput', 'internalNote'), () =>
    complete({ audited: true, base: 11 }),
  );
  const noop = recordingWorker('noop', Type.Object({}));

  beforeEach(async () => {
    for (const w of [quote, audit, noop]) w.jobs.length = 0;
    h = await createEngineHarness({ workers: [quote, audit, noop], start: START });
    await h.deploy('mappings.bpmn');
  });
  afterEach(() => h.close());

  it('inputs are local and chained; outputs pass only mapped targets; no outputs propagate the job variables', async () => {
    const key = await start(h, 'io-mappings', { base: 10, customer: { name: 'Li Hua', city: 'Nanjing' } });

    expect(await h.path(key)).toEqual(['start', 'quote', 'audit', 'end']);
    // The job sees its inputs (plusOne is computed from doubled, the input before it) and the root.
    expect(quote.jobs[0]!.variables).toEqual({ doubled: 20, plusOne: 21, name: 'Li Hua', base: 10, customer: { name: 'Li Hua', city: 'Nanjing' } });
    // The next task sees neither the inputs nor the unmapped job variables of quote.
    expect(audit.jobs[0]!.variables).toEqual({ base: 10, quotedPremium: 99, checkedInput: 21 });

    const view = await h.instance(key);
    expect(view.state).toBe('COMPLETED');
    // audit has no output mappings: base (already in the root) is updated, audited is created there.
    expect(view.variables).toEqual({
      base: 11,
      customer: { name: 'Li Hua', city: 'Nanjing' },
      quotedPremium: 99,
      checkedInput: 21,
      audited: true,
    });
  });

  it('a failing input mapping (assert) raises an incident at the task: no job, the worker is never called', async () => {
    const key = await start(h, 'io-mappings', { base: 10 });
    const incidents = await h.engine.searchIncidents({ processInstanceKey: key });
    expect(incidents.map((i) => [i.errorType, i.elementId])).toEqual([['EXTRACT_VALUE_ERROR', 'quote']]);
    expect((await h.instance(key)).state).toBe('ACTIVE');
    // Zeebe's history: the start event completed, the task active with the incident.
    expect.soft(await h.path(key)).toEqual(['start', 'quote']);
    expect.soft(quote.jobs).toHaveLength(0);
  });
});

describe('FEEL built-ins in mappings', () => {
  let h: EngineHarness;
  const noop = recordingWorker('noop', Type.Object({}));

  beforeEach(async () => {
    noop.jobs.length = 0;
    h = await createEngineHarness({ workers: [noop], start: START });
    await h.deploy('mappings.bpmn');
  });
  afterEach(() => h.close());

  const items = [
    { id: 'a', amount: 5 },
    { id: 'b', amount: 20 },
    { id: 'c', amount: 12.5 },
  ];
  const instant = (value: unknown) => new Date(String(value)).getTime();

  it('is defined, get or else, string join, count, sum, filter, date and time, duration, now() on the virtual clock', async () => {
    const key = await start(h, 'feel-builtins', { nickname: 'Xiao Li', names: ['Li', 'Wang', 'Zhang'], items });
    expect(await h.path(key)).toEqual(['feelStart', 'summarise', 'feelEnd']);
    // The worker fetches nothing (empty schema): job.variables is empty.
    expect(noop.jobs[0]!.variables).toEqual({});

    const v = (await h.instance(key)).variables;
    expect(v).toMatchObject({
      hasNickname: true,
      displayName: 'Xiao Li',
      joined: 'Li, Wang, Zhang',
      itemCount: 3,
      total: 37.5,
      bigIds: ['b', 'c'],
      beforeDeadline: true,
    });
    expect(instant(v.dueAt)).toBe(Date.parse('2026-03-04T08:00:00+08:00'));
    // now() is the harness clock, not the wall clock.
    expect(instant(v.startedAt)).toBe(Date.parse(START));
    expect(instant(v.graceEndsAt)).toBe(Date.parse('2026-03-03T21:00:00+08:00'));
    expect(Object.keys(v).sort()).toEqual(
      ['nickname', 'names', 'items', 'hasNickname', 'displayName', 'joined', 'itemCount', 'total', 'bigIds', 'dueAt', 'startedAt', 'graceEndsAt', 'beforeDeadline'].sort(),
    );
  });

  it('without the optional variable: is defined is false and get or else falls back; now() moves with the clock', async () => {
    await h.advance('P2D');
    const key = await start(h, 'feel-builtins', { names: [], items: [] });
    expect(await h.path(key)).toEqual(['feelStart', 'summarise', 'feelEnd']);
    const v = (await h.instance(key)).variables;
    // (sum([]) is left out: DMN says null, and feel-scala and feelin need not agree.)
    expect(v).toMatchObject({ hasNickname: false, displayName: 'anonymous', joined: '', itemCount: 0, bigIds: [], beforeDeadline: true });
    expect(v).not.toHaveProperty('nickname');
    expect(instant(v.startedAt)).toBe(Date.parse('2026-03-04T09:00:00+08:00'));
  });
});
