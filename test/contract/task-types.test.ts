import path from 'node:path';
import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { complete } from '../../platform/engine/outcome.ts';
import { createWorkerRegistry, defineWorker, type WorkerRegistry } from '../../platform/engine/worker.ts';
import * as workers from '../../workers/registry.ts';
import { bpmnFiles, compareTaskTypes, taskTypeUses } from './task-types.ts';

/**
 * The contract between the models and the code: every task type in bpmn/ has a
 * worker in the registry, and every worker has a task type. The registry is the one object both
 * engine adapters receive (bin/start.ts hands `buildWorkerRegistry(...)` to `startWorkers`).
 */
const BPMN = path.join(import.meta.dirname, '..', '..', 'bpmn');
const FIXTURE = path.join(import.meta.dirname, 'fixtures', 'pair.bpmn');

// The registry's keys do not depend on the ports its workers get; building it must not use them.
// Whatever the builder's signature, it receives ports that throw if a worker touches them early.
function untouchable(trail = 'ports'): unknown {
  return new Proxy(function () {}, {
    get: (_t, key) => (key === 'then' ? undefined : untouchable(`${trail}.${String(key)}`)),
    apply: () => {
      throw new Error(`${trail} was called while building the registry`);
    },
  });
}
const realRegistry = (): WorkerRegistry => (workers.buildWorkerRegistry as (ports: unknown) => WorkerRegistry)(untouchable());

const worker = (taskType: string) => defineWorker({ taskType, description: taskType, input: Type.Object({}), handler: async () => complete() });

describe('task types: models against the worker registry', () => {
  it('no task type in bpmn/ lacks a worker, and no worker lacks a task type', async () => {
    const diff = compareTaskTypes(await taskTypeUses(await bpmnFiles(BPMN)), realRegistry().keys());
    expect(diff.dynamic, 'task types must be static strings').toEqual([]);
    expect(diff.withoutWorker, 'add a worker to workers/registry.ts for each').toEqual([]);
    expect(diff.withoutTaskType, 'use each in a model, or remove the worker').toEqual([]);
  });

  it('reads task types at any depth (sub-processes too) with the Zeebe schema', async () => {
    expect(await taskTypeUses([FIXTURE])).toEqual([
      { file: FIXTURE, elementId: 'checkCredit', taskType: 'check-credit' },
      { file: FIXTURE, elementId: 'notifyCity', taskType: 'notify' },
    ]);
  });

  it('a matching pair passes', async () => {
    const registry = createWorkerRegistry([worker('check-credit'), worker('notify')]);
    expect(compareTaskTypes(await taskTypeUses([FIXTURE]), registry.keys())).toEqual({ withoutWorker: [], withoutTaskType: [], dynamic: [] });
  });

  it('fails on a mismatch: a task type without a worker, and a worker without a task type (a spelling slip)', async () => {
    const registry = createWorkerRegistry([worker('check-credit'), worker('notifiy')]);
    expect(compareTaskTypes(await taskTypeUses([FIXTURE]), registry.keys())).toEqual({
      withoutWorker: [{ file: FIXTURE, elementId: 'notifyCity', taskType: 'notify' }],
      withoutTaskType: ['notifiy'],
      dynamic: [],
    });
  });

  it('flags a task type written as FEEL, which no test can check before run time', () => {
    const uses = [{ file: 'x.bpmn', elementId: 't', taskType: '= "notify-" + channel' }];
    expect(compareTaskTypes(uses, [])).toEqual({ withoutWorker: [], withoutTaskType: [], dynamic: uses });
  });
});
