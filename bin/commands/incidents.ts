import { Command, InvalidArgumentError } from 'commander';
import { beijingIso } from '../../domain/notifications/beijing-time.ts';
import type * as IncidentUseCases from '../../platform/cycle/incidents.ts';
import type { IncidentDeps } from '../../platform/cycle/incidents.ts';
import { loadConfig } from '../../platform/config.ts';
import { createPool } from '../../platform/db/pool.ts';
import { systemClock } from '../../platform/engine/clock.ts';
import type { Incident, IncidentDetail, IncidentState } from '../../platform/engine/port.ts';
import { createLogger } from '../../platform/log.ts';
import { CommandInputError } from '../read-json.ts';

/** Exit codes: input a person must correct; a refusal (not found, already resolved, engine away). */
const badInputExitCode = 2;
const refusedExitCode = 1;

/**
 * `jingpin incidents list|show|retry|resolve`: the provincial office's view of incidents from the
 * terminal, through the same use cases as the API (platform/cycle/incidents.ts) and the engine the
 * configuration names. On the embedded engine the command only records the fix; the running
 * jingpin carries it out.
 */
export function incidentsCommand(): Command {
  const command = new Command('incidents').description('流程事件：查看、重试、解决 / incidents: see, retry and resolve');
  command
    .command('list')
    .description('列出流程事件（默认只列未解决的）/ list incidents (active ones unless --state says otherwise)')
    .option('--process <id>', '流程 / process id, e.g. declaration')
    .option('--business-key <key>', '申报编号或年度 / declaration number or campaign year')
    .option('--error-type <type>', '错误类型 / error type, e.g. JOB_NO_RETRIES')
    .option('--state <state>', 'ACTIVE、RESOLVED 或 ALL / ACTIVE, RESOLVED or ALL', parseState, 'ACTIVE')
    .option('--json', '输出 JSON / print JSON')
    .action((options: { process?: string; businessKey?: string; errorType?: string; state: IncidentState | 'ALL'; json?: boolean }) =>
      withEngine(async (deps, { listIncidents }) => {
        const incidents = await listIncidents(deps, {
          ...(options.process ? { processDefinitionId: options.process } : {}),
          ...(options.businessKey ? { businessKey: options.businessKey } : {}),
          ...(options.errorType ? { errorType: options.errorType } : {}),
          ...(options.state === 'ALL' ? {} : { state: options.state }),
        });
        if (options.json) return console.log(JSON.stringify(incidents, null, 2));
        if (!incidents.length) return console.log('没有流程事件 / no incidents');
        for (const incident of incidents) console.log(describe(incident));
        console.log(`共 ${incidents.length} 个事件 / ${incidents.length} incident(s)`);
      }),
    );
  command
    .command('show')
    .description('显示一个事件：作业与作用域内的变量 / show one incident with its job and the variables in its scope')
    .argument('<incidentKey>', '事件键 / incident key', parseKey)
    .option('--json', '输出 JSON / print JSON')
    .action((incidentKey: string, options: { json?: boolean }) =>
      withEngine(async (deps, { showIncident }) => {
        const incident = await showIncident(deps, incidentKey);
        console.log(options.json ? JSON.stringify(incident, null, 2) : describeDetail(incident));
      }),
    );
  command
    .command('retry')
    .description('重试：给失败的作业重试次数并解决事件 / retry: give the failed job retries and resolve the incident')
    .argument('<incidentKey>', '事件键 / incident key', parseKey)
    .requiredOption('--reason <text>', '为何重试（写入审计记录）/ why (goes to the audit trail)')
    .requiredOption('--by <username>', '操作人（写入审计记录）/ who does it (goes to the audit trail)')
    .option('--retries <n>', '重试次数，默认 1 / retries to give, 1 by default', parseRetries, 1)
    .action((incidentKey: string, options: { reason: string; by: string; retries: number }) =>
      withEngine(async (deps, { retryIncident }) => {
        await retryIncident(deps, actor(options.by), incidentKey, { retries: options.retries, reason: options.reason });
        console.log(`已重试 / retried: 事件 / incident ${incidentKey}，作业重试次数 / job retries ${options.retries}`);
      }),
    );
  command
    .command('resolve')
    .description('解决事件：失败之处再执行一次 / resolve: what failed runs again')
    .argument('<incidentKey>', '事件键 / incident key', parseKey)
    .requiredOption('--reason <text>', '为何解决（写入审计记录）/ why (goes to the audit trail)')
    .requiredOption('--by <username>', '操作人（写入审计记录）/ who does it (goes to the audit trail)')
    .action((incidentKey: string, options: { reason: string; by: string }) =>
      withEngine(async (deps, { resolveIncident }) => {
        await resolveIncident(deps, actor(options.by), incidentKey, { reason: options.reason });
        console.log(`已解决 / resolved: 事件 / incident ${incidentKey}`);
      }),
    );
  return command;
}

/** Whoever runs the command acts for the provincial office, under the name given with --by. */
function actor(username: string) {
  if (!username.trim()) throw new CommandInputError('--by 不能为空 / --by must name who does it');
  return { username: username.trim(), role: 'provincial_office' };
}

/** Opens the configured engine without background work, runs `work`, and says a refusal in words. */
async function withEngine(work: (deps: IncidentDeps, useCases: typeof IncidentUseCases) => Promise<void>): Promise<void> {
  const config = loadConfig();
  // The engines' code is loaded only when an incidents command runs, so the rest of the CLI starts quickly.
  const [useCases, { createEngine }, { CamundaUnavailableError }, { EngineConflictError, EngineInputError, EngineNotFoundError }] = await Promise.all([
    import('../../platform/cycle/incidents.ts'),
    import('../../platform/engine/index.ts'),
    import('../../platform/engine/camunda/errors.ts'),
    import('../../platform/engine/port.ts'),
  ]);
  const { IncidentInputError, IncidentStateError } = useCases;
  const pool = createPool(config);
  const engine = createEngine(config, { pool, clock: systemClock, onError: () => undefined, logger: createLogger('silent') });
  try {
    await work({ engine, db: pool, clock: systemClock }, useCases);
  } catch (error) {
    if (error instanceof IncidentInputError || error instanceof EngineInputError || error instanceof CommandInputError) {
      console.error(error.message);
      process.exitCode = badInputExitCode;
    } else if (error instanceof EngineNotFoundError || error instanceof EngineConflictError || error instanceof IncidentStateError || error instanceof CamundaUnavailableError) {
      console.error(error.message);
      process.exitCode = refusedExitCode;
    } else {
      throw error;
    }
  } finally {
    await engine.stop();
    await pool.end();
  }
}

function describe(incident: Incident): string {
  const since = incident.creationTime ? beijingIso(incident.creationTime) : '-';
  const job = incident.jobType ? `  作业 / job ${incident.jobType} (${incident.jobKey})` : '';
  return [
    `事件 / incident ${incident.incidentKey}  ${incident.state}  ${incident.errorType}  自 / since ${since}`,
    `  案件 / case ${incident.businessKey ?? '-'}  流程 / process ${incident.processDefinitionId} (${incident.processInstanceKey})  环节 / element ${incident.elementId ?? '-'}${job}`,
    `  原因 / error: ${incident.errorMessage}`,
  ].join('\n');
}

function describeDetail(incident: IncidentDetail): string {
  const job = incident.job
    ? `作业 / job ${incident.job.jobKey} ${incident.job.type}：剩余重试 / retries left ${incident.job.retries}，状态 / state ${incident.job.state}`
    : '作业 / job: 无 / none';
  return [describe(incident), `  ${job}`, '  变量 / variables:', ...JSON.stringify(incident.variables, null, 2).split('\n').map((line) => `    ${line}`)].join('\n');
}

function parseKey(text: string): string {
  if (!/^\d{1,20}$/.test(text)) throw new InvalidArgumentError('事件键应为数字 / an incident key is a number');
  return text;
}

function parseRetries(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 100) throw new InvalidArgumentError('应为 1 到 100 的整数 / must be a whole number from 1 to 100');
  return Number(text);
}

function parseState(text: string): IncidentState | 'ALL' {
  const state = text.toUpperCase();
  if (state !== 'ACTIVE' && state !== 'RESOLVED' && state !== 'ALL') throw new InvalidArgumentError('应为 ACTIVE、RESOLVED 或 ALL / must be ACTIVE, RESOLVED or ALL');
  return state;
}
