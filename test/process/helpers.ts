import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { expect } from 'vitest';
import { complete, type JobOutcome } from '../../platform/engine/outcome.ts';
import type { ProcessInstanceView } from '../../platform/engine/port.ts';
import { defineWorker, type Job, type WorkerDefinition } from '../../platform/engine/worker.ts';
import type { EngineHarness } from '../engine-harness.ts';

/** A worker that records every job it receives and answers with `answer` (default: complete with nothing). */
export function recordingWorker<S extends TSchema>(
  taskType: string,
  input: S,
  answer: (job: Job<Static<S>>) => JobOutcome | Promise<JobOutcome> = () => complete(),
): WorkerDefinition<S> & { readonly jobs: Job<Static<S>>[] } {
  const jobs: Job<Static<S>>[] = [];
  const worker = defineWorker({
    taskType,
    description: `test worker ${taskType}`,
    input,
    handler: async (job) => {
      jobs.push(job);
      return answer(job);
    },
  });
  return Object.assign(worker, { jobs });
}

/** An input schema with every property optional: the engine fetches only these names. */
export const fetch = (...names: string[]) => Type.Object(Object.fromEntries(names.map((n) => [n, Type.Optional(Type.Unknown())])));

/**
 * Runs everything due, but fails the test after `ms` instead of hanging it: a run that never
 * finishes (an engine bug) should be a failed assertion, not a 30-second timeout.
 */
export async function settle(h: EngineHarness, ms = 5000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`engine did not become idle within ${ms} ms (an instance run never finished)`)), ms);
  });
  try {
    await Promise.race([h.settle(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Closes the harness, giving up after `ms` (a hung run would otherwise hang the hook too). */
export async function close(h: EngineHarness, ms = 3000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([h.close(), new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/** Starts an instance and runs it to its first wait states. */
export async function start(h: EngineHarness, processDefinitionId: string, variables: Record<string, unknown> = {}, businessKey?: string): Promise<string> {
  const { processInstanceKey } = await h.engine.startInstance({ processDefinitionId, variables, ...(businessKey ? { businessKey } : {}) });
  await settle(h);
  return processInstanceKey;
}

/** Completes the open user task of `elementId` (the only one, or the one assigned to `assignee`). */
export async function completeTask(h: EngineHarness, key: string, elementId: string, variables: Record<string, unknown> = {}, assignee?: string): Promise<void> {
  const tasks = (await h.openTasks(key, elementId)).filter((t) => assignee === undefined || t.assignee === assignee);
  expect(tasks, `one open task ${elementId}${assignee ? ` for ${assignee}` : ''}`).toHaveLength(1);
  await h.engine.completeUserTask(tasks[0]!.userTaskKey, variables);
  await settle(h);
}

/** Element ids of the history with their state, e.g. `approve:ACTIVE`, for one readable assertion. */
export function states(view: ProcessInstanceView): string[] {
  return view.history.map((e) => `${e.elementId}:${e.state}`);
}
