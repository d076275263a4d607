import type { Pool } from 'pg';
import { declarationTasks } from '../../bpmn/contract.ts';
import { candidateGroup } from '../../domain/notifications/candidate-groups.ts';
import { withTransaction } from '../db/pool.ts';
import { appendAudit } from '../db/cycle/audit-log.ts';
import {
  insertCityBatch,
  markBatchDeclarationCompleted,
  numbersInBatches,
  type BatchDeclaration,
  type MemberOpinion,
} from '../db/cycle/city-batches.ts';
import type { Clock } from '../engine/clock.ts';
import type { EnginePort, UserTask } from '../engine/port.ts';

export interface CityBatchPorts {
  readonly db: Pool;
  readonly engine: EnginePort;
  readonly clock: Clock;
}

export interface CityBatchRequest {
  readonly campaignYear: number;
  readonly cityCode: string;
  /** Who submits: his task assignee name, as on the tasks he completes one by one. */
  readonly submittedBy: string;
  readonly note: string | null;
  readonly memberOpinions: readonly MemberOpinion[];
  readonly declarations: readonly BatchDeclaration[];
}

/**
 * Why one declaration of a batch cannot be decided. `invalid` problems are the request's own
 * (400); `state` problems are the case's (409): not waiting at the city, decided already, taken.
 */
export interface BatchProblem {
  readonly index: number;
  readonly declarationNumber: string;
  readonly kind: 'invalid' | 'state';
  readonly rule: 'uniqueItems' | 'city' | 'campaignYear' | 'waiting' | 'batch' | 'claimed';
  readonly zh: string;
  readonly en: string;
}

/** Nothing was written and no task was completed: every problem found, each naming its declaration. */
export class CityBatchRefused extends Error {
  override readonly name = 'CityBatchRefused';
  constructor(readonly problems: readonly BatchProblem[]) {
    super(problems.map((p) => `${p.declarationNumber}: ${p.zh} / ${p.en}`).join('; '));
  }
}

/**
 * The engine refused a task after the batch was recorded (the engine failed, or a deadline timer
 * ended the task in between). The batch row says which declarations were completed.
 */
export class CityBatchInterrupted extends Error {
  override readonly name = 'CityBatchInterrupted';
  constructor(
    readonly batchId: number,
    readonly declarationNumber: string,
    readonly completed: readonly string[],
    override readonly cause: unknown,
  ) {
    super(
      `批次 ${batchId} 在 ${declarationNumber} 处中断，已完成 ${completed.length} 项 / batch ${batchId} stopped at ${declarationNumber} with ${completed.length} completed: ${String(cause)}`,
    );
  }
}

/**
 * The city office's unified submission (统一报送): it decides the declarations it names in one go,
 * with the member units' opinions. Each declaration keeps its own city task (Operate and Tasklist
 * show it); the batch completes those tasks as the office would one by one.
 *
 * All or nothing, as far as the caller can see: every declaration is checked first (it is this
 * city's and year's, named once, in no other batch, and waiting at the city's task, unclaimed or
 * claimed by the submitter); then the tasks are claimed for the submitter, so no one else can
 * complete one in between (a refused claim gives the others back); then the batch is written with
 * its audit entry; only then are the tasks completed.
 */
export async function submitCityBatch(ports: CityBatchPorts, request: CityBatchRequest): Promise<{ batchId: number }> {
  const { db, engine, clock } = ports;
  const numbers = request.declarations.map((d) => d.declarationNumber);
  const tasks = await waitingCityTasks(engine, request.cityCode);
  const problems = [...(await requestProblems(db, request)), ...stateProblems(request, tasks, await numbersInBatches(db, numbers))];
  if (problems.length) throw new CityBatchRefused(problems);

  const claimed = await claimAll(engine, request, tasks);
  const at = clock.now();
  let batchId: number;
  try {
    batchId = await withTransaction(db, async (client) => {
      const id = await insertCityBatch(client, {
        ...request,
        submittedAt: at,
        declarations: request.declarations.map((d) => ({ ...d, userTaskKey: tasks.get(d.declarationNumber)!.userTaskKey })),
      });
      await appendAudit(client, {
        actor: request.submittedBy,
        role: 'city_office',
        action: 'city.batch_submitted',
        subjectType: 'city_batch',
        subjectId: String(id),
        reason: request.note,
        at,
        detail: {
          campaignYear: request.campaignYear,
          cityCode: request.cityCode,
          recommended: request.declarations.filter((d) => d.recommended).map((d) => d.declarationNumber),
          notRecommended: request.declarations.filter((d) => !d.recommended).map((d) => d.declarationNumber),
          memberOpinions: request.memberOpinions,
        },
      });
      return id;
    });
  } catch (error) {
    // Another batch named one of them first (the unique declaration): give the claims back.
    await releaseClaims(engine, claimed);
    if ((error as { code?: string }).code === '23505') {
      throw new CityBatchRefused(
        request.declarations.map((d, index) => ({ index, declarationNumber: d.declarationNumber, kind: 'state', rule: 'batch', zh: '已在另一批次中', en: 'is in another batch already' })),
      );
    }
    throw error;
  }

  const completed: string[] = [];
  for (const d of request.declarations) {
    const task = tasks.get(d.declarationNumber)!;
    try {
      await engine.completeUserTask(task.userTaskKey, { recommended: d.recommended, reason: d.reason, decidedBy: request.submittedBy, cityBatchId: batchId });
    } catch (error) {
      throw new CityBatchInterrupted(batchId, d.declarationNumber, completed, error);
    }
    await markBatchDeclarationCompleted(db, batchId, d.declarationNumber, clock.now());
    completed.push(d.declarationNumber);
  }
  return { batchId };
}

/** The city's waiting review tasks, by declaration number. */
async function waitingCityTasks(engine: EnginePort, cityCode: string): Promise<Map<string, UserTask>> {
  const group = candidateGroup({ role: 'city_office', scope: cityCode });
  const tasks = await engine.searchUserTasks({ state: 'CREATED', elementId: declarationTasks.cityReview, candidateGroups: [group] });
  return new Map(tasks.filter((t) => t.businessKey !== null && t.candidateGroups.includes(group)).map((t) => [t.businessKey!, t]));
}

// What is wrong with the request itself: a declaration named twice, not this city's, not this year's.
async function requestProblems(db: Pool, request: CityBatchRequest): Promise<BatchProblem[]> {
  const numbers = request.declarations.map((d) => d.declarationNumber);
  const { rows } = await db.query<{ number: string; city: string; year: number }>(
    'SELECT d.number, e.city_code AS city, d.campaign_year AS year FROM declarations d JOIN enterprises e ON e.id = d.enterprise_id WHERE d.number = ANY($1::text[])',
    [numbers],
  );
  const found = new Map(rows.map((r) => [r.number, r]));
  return numbers.flatMap((number, index): BatchProblem[] => {
    const row = found.get(number);
    if (numbers.indexOf(number) !== index) return [{ index, declarationNumber: number, kind: 'invalid', rule: 'uniqueItems', zh: '重复列出', en: 'is listed twice' }];
    // An unknown number and another city's are told alike: a city learns nothing of other cities.
    if (!row || row.city !== request.cityCode) {
      return [{ index, declarationNumber: number, kind: 'invalid', rule: 'city', zh: `不是本市（${request.cityCode}）的申报`, en: `is not a declaration of city ${request.cityCode}` }];
    }
    if (row.year !== request.campaignYear) {
      return [{ index, declarationNumber: number, kind: 'invalid', rule: 'campaignYear', zh: `属于 ${row.year} 年度，不是 ${request.campaignYear} 年度`, en: `belongs to ${row.year}, not ${request.campaignYear}` }];
    }
    return [];
  });
}

// What is wrong with the cases: decided in a batch already, not waiting at the city, claimed by another.
function stateProblems(request: CityBatchRequest, tasks: ReadonlyMap<string, UserTask>, inBatches: ReadonlyMap<string, number>): BatchProblem[] {
  return request.declarations.flatMap(({ declarationNumber: number }, index): BatchProblem[] => {
    const batch = inBatches.get(number);
    if (batch !== undefined) return [{ index, declarationNumber: number, kind: 'state', rule: 'batch', zh: `已在批次 ${batch} 中报送`, en: `was submitted in batch ${batch} already` }];
    const task = tasks.get(number);
    if (!task) return [{ index, declarationNumber: number, kind: 'state', rule: 'waiting', zh: '未在等待市级审核推荐', en: "is not waiting at the city's review" }];
    if (task.assignee !== null && task.assignee !== request.submittedBy) {
      return [{ index, declarationNumber: number, kind: 'state', rule: 'claimed', zh: `已由 ${task.assignee} 认领`, en: `is claimed by ${task.assignee}` }];
    }
    return [];
  });
}

// Claims every unclaimed task for the submitter; on the first refusal gives back those it took.
async function claimAll(engine: EnginePort, request: CityBatchRequest, tasks: ReadonlyMap<string, UserTask>): Promise<string[]> {
  const claimed: string[] = [];
  for (const [index, d] of request.declarations.entries()) {
    const task = tasks.get(d.declarationNumber)!;
    if (task.assignee === request.submittedBy) continue;
    try {
      await engine.assignUserTask(task.userTaskKey, request.submittedBy, { allowOverride: false });
      claimed.push(task.userTaskKey);
    } catch {
      await releaseClaims(engine, claimed);
      throw new CityBatchRefused([{ index, declarationNumber: d.declarationNumber, kind: 'state', rule: 'claimed', zh: '刚被他人认领或已结束', en: 'was just claimed by someone else or ended' }]);
    }
  }
  return claimed;
}

async function releaseClaims(engine: EnginePort, keys: readonly string[]): Promise<void> {
  for (const key of keys) await engine.unassignUserTask(key).catch(() => undefined);
}
