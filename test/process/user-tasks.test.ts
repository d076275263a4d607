import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EngineConflictError } from '../../platform/engine/port.ts';
import type { Deployment } from '../../platform/engine/port.ts';
import { createEngineHarness, type EngineHarness } from '../engine-harness.ts';
import { start, states } from './helpers.ts';

/**
 * Camunda user tasks (<zeebe:userTask/>) as Zeebe 8.8 creates and manages them: assignment
 * (assignee FEEL, candidate groups as a FEEL list and as a comma-separated literal, candidate
 * users), task schedule from FEEL variables, linked form, priority; claim, unassign, complete,
 * and cancellation with the instance.
 */
const MODELS = path.join(import.meta.dirname, '..', 'models');

describe('user tasks', () => {
  let h: EngineHarness;
  let deployment: Deployment;
  const variables = {
    reviewer: 'zhang.wei',
    cityGroup: 'city-320100',
    cityReviewDue: '2026-03-16T17:00:00+08:00',
    cityReviewStartBy: '2026-03-09T09:00:00+08:00',
    basePriority: 70,
  };

  beforeEach(async () => {
    h = await createEngineHarness();
    deployment = await h.engine.deploy([
      { name: 'user-tasks.bpmn', content: await readFile(path.join(MODELS, 'user-tasks.bpmn'), 'utf8') },
      { name: 'forms/city-review.form', content: await readFile(path.join(MODELS, 'forms', 'city-review.form'), 'utf8') },
    ]);
  });
  afterEach(() => h.close());

  it('evaluates assignment, schedule, form and priority on activation', async () => {
    const key = await start(h, 'user-tasks', variables, 'JP-2026-0042');
    const [task] = await h.openTasks(key, 'ut_cityReview');
    expect(task).toMatchObject({
      elementId: 'ut_cityReview',
      name: 'City review',
      processDefinitionId: 'user-tasks',
      businessKey: 'JP-2026-0042',
      assignee: 'zhang.wei',
      candidateGroups: ['city-320100', 'province-32'],
      candidateUsers: ['alice', 'bob'],
      priority: 80,
      state: 'CREATED',
    });
    // ISO 8601 date-times for the same instants as the variables (+08:00).
    const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
    expect(task?.dueDate).toMatch(iso);
    expect(task?.followUpDate).toMatch(iso);
    expect(new Date(task!.dueDate!).getTime()).toBe(Date.parse('2026-03-16T17:00:00+08:00'));
    expect(new Date(task!.followUpDate!).getTime()).toBe(Date.parse('2026-03-09T09:00:00+08:00'));
    // A linked form (formId): the task's formKey is the deployed form's key, as in Camunda 8.8.
    const form = deployment.forms.find((f) => f.formId === 'city-review');
    expect(form).toBeDefined();
    expect(task?.formKey).toBe(form!.formKey);
    // The same task through getUserTask and the search filters.
    expect(await h.engine.getUserTask(task!.userTaskKey)).toEqual(task);
    expect((await h.engine.searchUserTasks({ candidateGroups: ['province-32'] })).map((t) => t.userTaskKey)).toEqual([task!.userTaskKey]);
    expect((await h.engine.searchUserTasks({ candidateUser: 'bob' })).map((t) => t.userTaskKey)).toEqual([task!.userTaskKey]);
    expect((await h.engine.searchUserTasks({ assignee: 'zhang.wei' })).map((t) => t.userTaskKey)).toEqual([task!.userTaskKey]);
  });

  it('a comma-separated literal gives a list of candidate groups; priority defaults to 50', async () => {
    const key = await start(h, 'user-tasks', variables);
    const [city] = await h.openTasks(key, 'ut_cityReview');
    await h.engine.completeUserTask(city!.userTaskKey, { cityApproved: true });
    await h.settle();

    const [province] = await h.openTasks(key, 'ut_provinceReview');
    expect(province).toMatchObject({ assignee: null, candidateGroups: ['province-32', 'expert-panel'], candidateUsers: ['carol'], priority: 50, dueDate: null, followUpDate: null });
  });

  it('claim with allowOverride false: a second claimant is refused; unassign frees the task; completion moves on', async () => {
    const key = await start(h, 'user-tasks', variables);
    const [city] = await h.openTasks(key, 'ut_cityReview');
    // Already assigned by the model to zhang.wei: a claim without override is refused.
    await expect(h.engine.assignUserTask(city!.userTaskKey, 'alice', { allowOverride: false })).rejects.toBeInstanceOf(EngineConflictError);
    await h.engine.completeUserTask(city!.userTaskKey, { cityApproved: true });
    await h.settle();

    const [province] = await h.openTasks(key, 'ut_provinceReview');
    const taskKey = province!.userTaskKey;
    await h.engine.assignUserTask(taskKey, 'alice', { allowOverride: false });
    expect((await h.engine.getUserTask(taskKey)).assignee).toBe('alice');
    await expect(h.engine.assignUserTask(taskKey, 'bob', { allowOverride: false })).rejects.toBeInstanceOf(EngineConflictError);
    expect((await h.engine.getUserTask(taskKey)).assignee).toBe('alice');

    await h.engine.unassignUserTask(taskKey);
    expect((await h.engine.getUserTask(taskKey)).assignee).toBeNull();
    await h.engine.assignUserTask(taskKey, 'bob', { allowOverride: false });
    // A supervisor may override.
    await h.engine.assignUserTask(taskKey, 'carol', { allowOverride: true });
    expect((await h.engine.getUserTask(taskKey)).assignee).toBe('carol');

    await h.engine.completeUserTask(taskKey, { provinceApproved: true });
    await h.settle();
    const view = await h.instance(key);
    expect(view.state).toBe('COMPLETED');
    expect(await h.path(key)).toEqual(['ut_start', 'ut_cityReview', 'ut_provinceReview', 'ut_end']);
    expect(view.variables).toEqual({ ...variables, cityApproved: true, provinceApproved: true });
    const done = await h.engine.getUserTask(taskKey);
    expect(done.state).toBe('COMPLETED');
    expect(done.completionDate).not.toBeNull();
  });

  it('completing a task twice is refused, whether the first completion is applied or still pending', async () => {
    const key = await start(h, 'user-tasks', variables);
    const [city] = await h.openTasks(key, 'ut_cityReview');
    await h.engine.completeUserTask(city!.userTaskKey, { cityApproved: true });
    await expect(h.engine.completeUserTask(city!.userTaskKey, { cityApproved: false })).rejects.toBeInstanceOf(EngineConflictError);
    await h.settle();
    await expect(h.engine.completeUserTask(city!.userTaskKey, { cityApproved: false })).rejects.toBeInstanceOf(EngineConflictError);
    await expect(h.engine.assignUserTask(city!.userTaskKey, 'bob', { allowOverride: true })).rejects.toBeInstanceOf(EngineConflictError);

    const view = await h.instance(key);
    expect(view.variables.cityApproved).toBe(true);
    expect(await h.path(key)).toEqual(['ut_start', 'ut_cityReview', 'ut_provinceReview']);
  });

  it('cancelling the instance cancels its open user tasks', async () => {
    const key = await start(h, 'user-tasks', variables);
    const [city] = await h.openTasks(key, 'ut_cityReview');
    await h.engine.cancelInstance(key);
    await h.settle();

    const view = await h.instance(key);
    expect(view.state).toBe('TERMINATED');
    expect(states(view)).toEqual(['ut_start:COMPLETED', 'ut_cityReview:TERMINATED']);
    expect(view.variables).toEqual(variables);
    expect((await h.engine.getUserTask(city!.userTaskKey)).state).toBe('CANCELED');
    expect(await h.openTasks(key)).toEqual([]);
    await expect(h.engine.completeUserTask(city!.userTaskKey)).rejects.toBeInstanceOf(EngineConflictError);
  });
});
