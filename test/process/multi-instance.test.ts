import { Type } from '@sinclair/typebox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { complete } from '../../platform/engine/outcome.ts';
import { createEngineHarness, type EngineHarness } from '../engine-harness.ts';
import { close, completeTask, recordingWorker, start, states } from './helpers.ts';

/**
 * Multi-instance with zeebe:loopCharacteristics on a service task, a user task and a sub-process,
 * parallel and sequential. Zeebe: the input element and loopCounter are local to each inner
 * instance; a bare-variable outputElement (`= price`) is a local of the inner instance too, so it
 * never reaches the root; outputCollection is in input order and propagates when the body completes.
 */
const items = [
  { sku: 'A', qty: 1 },
  { sku: 'B', qty: 2 },
  { sku: 'C', qty: 3 },
];
const counts = (path: string[]) => path.reduce<Record<string, number>>((acc, id) => ({ ...acc, [id]: (acc[id] ?? 0) + 1 }), {});

describe('multi-instance', () => {
  let h: EngineHarness;
  const price = recordingWorker('price', Type.Object({ item: Type.Object({ sku: Type.String(), qty: Type.Number() }), loopCounter: Type.Number() }), (job) =>
    complete({ price: `${job.variables.item.sku}:${job.variables.item.qty * 10}` }),
  );
  const check = recordingWorker('check-order', Type.Object({ order: Type.Object({ id: Type.String() }), loopCounter: Type.Optional(Type.Number()) }), (job) =>
    complete({ verdict: `${job.variables.order.id}-ok` }),
  );

  beforeEach(async () => {
    for (const w of [price, check]) w.jobs.length = 0;
    h = await createEngineHarness({ workers: [price, check] });
    await h.deploy('multi-instance.bpmn');
  });
  afterEach(() => close(h));

  describe.each([
    ['parallel', 'mi-service-parallel', 'pricePar'],
    ['sequential', 'mi-service-sequential', 'priceSeq'],
  ])('service task, %s', (_kind, processId, task) => {
    it('collects outputCollection in input order; loopCounter reaches the handler; nothing inner leaks', async () => {
      const key = await start(h, processId, { items });
      const view = await h.instance(key);
      expect(view.state).toBe('COMPLETED');
      // The body and its three inner instances.
      expect(await h.path(key)).toEqual([`${task}Start`, task, task, task, task, `${task}End`]);
      expect(price.jobs.map((j) => [j.variables.item.sku, j.variables.loopCounter]).sort()).toEqual([
        ['A', 1],
        ['B', 2],
        ['C', 3],
      ]);
      expect(view.variables).toEqual({ items, prices: ['A:10', 'B:20', 'C:30'] });
    });

    it('an empty input collection completes at once with an empty output collection', async () => {
      const key = await start(h, processId, { items: [] });
      const view = await h.instance(key);
      expect(view.state).toBe('COMPLETED');
      expect(await h.path(key)).toEqual([`${task}Start`, task, `${task}End`]);
      expect(price.jobs).toHaveLength(0);
      expect(view.variables).toEqual({ items: [], prices: [] });
    });
  });

  it('service task, sequential: the completion condition ends the body after two instances', async () => {
    const key = await start(h, 'mi-service-early', { items: [...items, { sku: 'D', qty: 4 }] });
    const view = await h.instance(key);
    expect(view.state).toBe('COMPLETED');
    expect(await h.path(key)).toEqual(['priceEarlyStart', 'priceEarly', 'priceEarly', 'priceEarly', 'priceEarlyEnd']);
    expect(price.jobs.map((j) => j.variables.loopCounter)).toEqual([1, 2]);
    // Zeebe fills the output collection with null up front; the skipped instances stay null.
    expect(view.variables).toEqual({ items: [...items, { sku: 'D', qty: 4 }], prices: ['A:10', 'B:20', null, null] });
  });

  it('user task, parallel: completed in reverse order, votes still come in input order', async () => {
    const key = await start(h, 'mi-user-parallel', { reviewers: ['li', 'wang', 'zhang'] });
    const open = await h.openTasks(key, 'votePar');
    expect(open.map((t) => t.assignee).sort()).toEqual(['li', 'wang', 'zhang']);
    expect(states(await h.instance(key))).toEqual(['voteParStart:COMPLETED', 'votePar:ACTIVE', 'votePar:ACTIVE', 'votePar:ACTIVE', 'votePar:ACTIVE']);

    for (const reviewer of ['zhang', 'wang', 'li']) await completeTask(h, key, 'votePar', { vote: `yes from ${reviewer}` }, reviewer);

    const view = await h.instance(key);
    expect(view.state).toBe('COMPLETED');
    expect(await h.path(key)).toEqual(['voteParStart', 'votePar', 'votePar', 'votePar', 'votePar', 'voteParEnd']);
    // vote is the inner instance's local (outputElement `= vote`), reviewer and loopCounter too.
    expect(view.variables).toEqual({ reviewers: ['li', 'wang', 'zhang'], votes: ['yes from li', 'yes from wang', 'yes from zhang'] });
  });

  it('user task, sequential: one task at a time, in input order', async () => {
    const key = await start(h, 'mi-user-sequential', { reviewers: ['li', 'wang'] });
    expect((await h.openTasks(key, 'voteSeq')).map((t) => t.assignee)).toEqual(['li']);
    await completeTask(h, key, 'voteSeq', { vote: 'no' }, 'li');
    expect((await h.openTasks(key, 'voteSeq')).map((t) => t.assignee)).toEqual(['wang']);
    // Between the instances nothing inner is in the root.
    expect((await h.instance(key)).variables).toEqual({ reviewers: ['li', 'wang'] });
    await completeTask(h, key, 'voteSeq', { vote: 'yes' }, 'wang');

    const view = await h.instance(key);
    expect(view.state).toBe('COMPLETED');
    expect(await h.path(key)).toEqual(['voteSeqStart', 'voteSeq', 'voteSeq', 'voteSeq', 'voteSeqEnd']);
    expect(view.variables).toEqual({ reviewers: ['li', 'wang'], votes: ['no', 'yes'] });
  });

  it('user task, parallel: the completion condition ends the body after two votes and cancels the third task', async () => {
    const key = await start(h, 'mi-user-early', { reviewers: ['li', 'wang', 'zhang'] });
    await completeTask(h, key, 'voteEarly', { vote: 'yes' }, 'zhang');
    await completeTask(h, key, 'voteEarly', { vote: 'no' }, 'wang');

    const view = await h.instance(key);
    expect(view.state).toBe('COMPLETED');
    expect(await h.openTasks(key)).toEqual([]);
    expect(states(view)).toEqual([
      'voteEarlyStart:COMPLETED',
      'voteEarly:COMPLETED',
      'voteEarly:TERMINATED',
      'voteEarly:COMPLETED',
      'voteEarly:COMPLETED',
      'voteEarlyEnd:COMPLETED',
    ]);
    expect(view.variables).toEqual({ reviewers: ['li', 'wang', 'zhang'], votes: [null, 'no', 'yes'] });
  });

  it.each([
    ['parallel', 'mi-sub-parallel', 'handlePar'],
    ['sequential', 'mi-sub-sequential', 'handleSeq'],
  ])('sub-process, %s: each inner instance has its own order and verdict; verdicts in input order', async (kind, processId, sub) => {
    const orders = [{ id: 'o1' }, { id: 'o2' }, { id: 'o3' }];
    const key = await start(h, processId, { orders });
    const view = await h.instance(key);
    expect(view.state).toBe('COMPLETED');
    const path = await h.path(key);
    expect(path[0]).toBe(`${sub}Start`);
    expect(path[1]).toBe(sub);
    expect(path.at(-1)).toBe(`${sub}End`);
    expect(counts(path)).toEqual({ [`${sub}Start`]: 1, [sub]: 4, [`${sub}InnerStart`]: 3, [`${sub}Check`]: 3, [`${sub}InnerEnd`]: 3, [`${sub}End`]: 1 });
    if (kind === 'sequential') {
      const inner = [sub, `${sub}InnerStart`, `${sub}Check`, `${sub}InnerEnd`];
      expect(path).toEqual([`${sub}Start`, sub, ...inner, ...inner, ...inner, `${sub}End`]);
    }
    expect(check.jobs.map((j) => [j.variables.order.id, j.variables.loopCounter]).sort()).toEqual([
      ['o1', 1],
      ['o2', 2],
      ['o3', 3],
    ]);
    expect(view.variables).toEqual({ orders, verdicts: ['o1-ok', 'o2-ok', 'o3-ok'] });
  });
});
