import { Type } from '@sinclair/typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complete, incident } from '../../platform/engine/outcome.ts';
import { runJingpin } from '../../test/cli.ts';
import { createEngineHarness, type EngineHarness } from '../../test/engine-harness.ts';
import { recordingWorker, start } from '../../test/process/helpers.ts';

/**
 * `jingpin incidents` against the embedded engine's tables: the command records the fix, and the
 * engine (here the test's, in production the running jingpin) carries it out.
 */
let h: EngineHarness;
let fixed = false;
const registry = recordingWorker('registry', Type.Object({ applicationId: Type.String() }), () =>
  fixed ? complete({ registryResult: 'registered' }) : incident('证书格式错误 / bad certificate format'),
);
const jingpin = (...args: string[]) => runJingpin(['incidents', ...args], { DATABASE_SCHEMA: h.db.schema, ENGINE: 'embedded' });

beforeAll(async () => {
  h = await createEngineHarness({ workers: [registry] });
  await h.deploy('jobs.bpmn', 'gateways.bpmn');
});
afterAll(() => h.close());

describe('jingpin incidents', { timeout: 60_000 }, () => {
  it('lists, shows, retries: the job runs again with the retries given, and the fix is audited', async () => {
    const key = await start(h, 'jobs', { applicationId: 'JP-1' }, 'JP-2026-320100-0001');
    const [held] = await h.engine.searchIncidents({ processInstanceKey: key });

    const list = await jingpin('list');
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toContain(`事件 / incident ${held!.incidentKey}  ACTIVE  JOB_NO_RETRIES  自 / since 2026-03-02T09:00:00+08:00`);
    expect(list.stdout).toContain(`案件 / case JP-2026-320100-0001  流程 / process jobs (${key})  环节 / element jb_register  作业 / job registry (${held!.jobKey})`);
    expect(list.stdout).toContain('原因 / error: 证书格式错误 / bad certificate format');
    expect(list.stdout).toContain('共 1 个事件 / 1 incident(s)');
    expect((await jingpin('list', '--error-type', 'EXTRACT_VALUE_ERROR')).stdout).toBe('没有流程事件 / no incidents\n');
    const json = await jingpin('list', '--business-key', 'JP-2026-320100-0001', '--json');
    expect(JSON.parse(json.stdout)).toEqual([expect.objectContaining({ incidentKey: held!.incidentKey, jobType: 'registry' })]);

    const show = await jingpin('show', held!.incidentKey);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain(`作业 / job ${held!.jobKey} registry：剩余重试 / retries left 0，状态 / state FAILED`);
    expect(show.stdout).toContain('"applicationId": "JP-1"');

    fixed = true;
    const retried = await jingpin('retry', held!.incidentKey, '--retries', '2', '--reason', '证书已更正 / certificate corrected', '--by', 'li.ming');
    expect(retried.code, retried.stderr).toBe(0);
    expect(retried.stdout).toBe(`已重试 / retried: 事件 / incident ${held!.incidentKey}，作业重试次数 / job retries 2\n`);
    await h.settle();
    expect(registry.jobs.map((j) => j.retries)).toEqual([3, 2]);
    expect((await h.instance(key)).state).toBe('COMPLETED');
    const { rows } = await h.db.pool.query(`SELECT actor, role, action, subject_type, subject_id, reason FROM audit_log WHERE subject_type <> 'rule_set'`);
    expect(rows).toEqual([
      { actor: 'li.ming', role: 'provincial_office', action: 'incident.retried', subject_type: 'process_instance', subject_id: key, reason: '证书已更正 / certificate corrected' },
    ]);

    // Resolved now: a second retry is refused in words, exit 1.
    const again = await jingpin('retry', held!.incidentKey, '--reason', 'again', '--by', 'li.ming');
    expect(again.code).toBe(1);
    expect(again.stderr.trim()).toBe(`事件已解决 / incident ${held!.incidentKey} is already resolved`);
  });

  it('resolve: an incident without a job (a gateway condition) is tried again once the data is fixed', async () => {
    const key = await start(h, 'gw-incident');
    const [task] = await h.openTasks(key, 'prepare');
    await h.engine.completeUserTask(task!.userTaskKey, { approved: 'yes', score: 10 });
    await h.settle();
    const [held] = await h.engine.searchIncidents({ processInstanceKey: key, state: 'ACTIVE' });
    expect((await jingpin('retry', held!.incidentKey, '--reason', 'x', '--by', 'li.ming')).stderr).toContain('没有作业可重试');

    await h.engine.updateVariables({ elementInstanceKey: key, variables: { approved: true } });
    const resolved = await jingpin('resolve', held!.incidentKey, '--reason', '已更正 approved / approved corrected', '--by', 'li.ming');
    expect(resolved.code, resolved.stderr).toBe(0);
    await h.settle();
    expect((await h.instance(key)).state).toBe('COMPLETED');
  });

  it('refuses bad input (exit 2 for what the use case checks, 1 for arguments commander refuses) and an unknown incident (exit 1), without a stack trace', async () => {
    const badKey = await jingpin('show', 'abc');
    expect(badKey.code).toBe(1);
    expect(badKey.stderr).toContain('事件键应为数字 / an incident key is a number');
    const badState = await jingpin('list', '--state', 'open');
    expect(badState.stderr).toContain('应为 ACTIVE、RESOLVED 或 ALL');
    const badType = await jingpin('list', '--error-type', 'oops');
    expect(badType.code).toBe(2);
    expect(badType.stderr).toMatch(/^errorType 应为大写错误类型/);
    const blank = await jingpin('resolve', '999', '--reason', '  ', '--by', 'li.ming');
    expect(blank.code).toBe(2);
    expect(blank.stderr.trim()).toBe('reason 必填：说明为何这样处理 / reason is required: say why');
    const unknown = await jingpin('show', '999');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim()).toBe('事件不存在 / no incident 999');
    expect(unknown.stderr).not.toContain('    at ');
  });
});
