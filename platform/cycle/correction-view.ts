import type { Pool } from 'pg';
import { declarationTasks } from '../../bpmn/contract.ts';
import { timeLeft } from '../../domain/deadlines/time-left.ts';
import { correctionRequest, type CorrectionRequest } from '../../domain/eligibility/correction-request.ts';
import { beijingIso } from '../../domain/notifications/beijing-time.ts';
import { loadWorkingDayCalendar } from '../db/calendar-years.ts';
import type { Clock } from '../engine/clock.ts';
import type { EnginePort } from '../engine/port.ts';

/** What the enterprise sees of its correction: the reasons, what it may change, and its deadline. */
export interface CorrectionView extends CorrectionRequest {
  readonly number: string;
  readonly stage: string;
  /** The open correction task, null once it is completed or the period is over. */
  readonly taskKey: string | null;
  /** Beijing time. */
  readonly dueDate: string | null;
  readonly overdue: boolean;
  /** Working days after today up to the deadline's day (domain/deadlines/time-left.ts); null without a loaded calendar. */
  readonly workingDaysLeft: number | null;
}

/** The correction of a declaration the caller may see (the caller has checked the scope). */
export async function correctionView(deps: { db: Pool; engine: Pick<EnginePort, 'searchUserTasks'>; clock: Clock }, number: string): Promise<CorrectionView> {
  const [{ rows }, tasks] = await Promise.all([
    deps.db.query<{ stage: string; eligibility: unknown }>('SELECT stage, eligibility FROM declarations WHERE number = $1', [number]),
    deps.engine.searchUserTasks({ businessKey: number, elementId: declarationTasks.correctMaterials, state: 'CREATED' }),
  ]);
  const declaration = rows[0]!;
  const task = tasks[0];
  const request = declaration.stage === 'CORRECTION' ? correctionRequest(declaration.eligibility) : { reasons: [], editableFacts: [], missingEvidence: [] };
  const left = task?.dueDate ? timeLeft(task.dueDate, deps.clock.now(), await loadWorkingDayCalendar(deps.db)) : { overdue: false, workingDaysLeft: null };
  return {
    number,
    stage: declaration.stage,
    ...request,
    taskKey: task?.userTaskKey ?? null,
    dueDate: task?.dueDate ? beijingIso(task.dueDate) : null,
    ...left,
  };
}
