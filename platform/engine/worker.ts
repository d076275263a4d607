import type { Static, TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import type { JobOutcome, Variables } from './outcome.ts';
import './job-formats.ts'; // registers the date formats job schemas use

/** One unit of work the engine hands to the worker of its task type. */
export interface Job<V = Variables> {
  readonly key: string;
  readonly type: string;
  readonly processInstanceKey: string;
  readonly processDefinitionId: string;
  readonly elementId: string;
  readonly elementInstanceKey: string;
  /** The declaration number or campaign year the instance was started with, when it has one. */
  readonly businessKey: string | null;
  /** Retries left, counting this attempt. */
  readonly retries: number;
  readonly customHeaders: Readonly<Record<string, string>>;
  readonly variables: V;
  /**
   * Aborted when this attempt times out: the job is offered again (a new attempt) and whatever
   * this one answers afterwards is ignored, so a long handler should stop when told.
   */
  readonly signal?: AbortSignal;
}

/**
 * A worker for one BPMN task type. The input schema is the contract with the model: the engine
 * fetches only its properties, and a job whose variables do not satisfy it becomes an incident
 * naming the field, rather than a handler that crashes halfway.
 */
export interface WorkerDefinition<S extends TSchema = TSchema> {
  readonly taskType: string;
  readonly description: string;
  readonly input: S;
  // Method syntax on purpose: it lets a registry hold workers of different input types.
  handler(job: Job<Static<S>>): Promise<JobOutcome>;
  /** How long one attempt may run before it counts as failed and is retried (Camunda's job timeout). */
  readonly timeoutMs?: number;
}

/** {@link WorkerDefinition.timeoutMs} when a worker does not say: the same on both engines. */
export const DEFAULT_JOB_TIMEOUT_MS = 5 * 60_000;

/** The only list of task types and their handlers; both engine adapters receive the same object. */
export type WorkerRegistry = ReadonlyMap<string, WorkerDefinition>;

export function defineWorker<S extends TSchema>(definition: WorkerDefinition<S>): WorkerDefinition<S> {
  return definition;
}

export function createWorkerRegistry(definitions: readonly WorkerDefinition<TSchema>[]): WorkerRegistry {
  const registry = new Map<string, WorkerDefinition>();
  for (const definition of definitions) {
    if (registry.has(definition.taskType)) {
      throw new Error(`任务类型重复 / duplicate task type in the worker registry: ${definition.taskType}`);
    }
    registry.set(definition.taskType, definition as WorkerDefinition);
  }
  return registry;
}

const checks = new WeakMap<TSchema, TypeCheck<TSchema>>();

/** The variable names a worker needs, for Camunda's fetchVariables and our own filtering. */
export function inputVariableNames(definition: WorkerDefinition): string[] | undefined {
  const properties = (definition.input as { properties?: Record<string, unknown> }).properties;
  return properties ? Object.keys(properties) : undefined;
}

export type InputCheck = { ok: true; variables: Variables } | { ok: false; message: string };

/** Checks job variables against the worker's input schema; the message names every bad field and its rule. */
export function checkJobInput(definition: WorkerDefinition, variables: Variables): InputCheck {
  let check = checks.get(definition.input);
  if (!check) {
    check = TypeCompiler.Compile(definition.input);
    checks.set(definition.input, check);
  }
  const names = inputVariableNames(definition);
  const picked: Variables = names ? Object.fromEntries(names.filter((n) => n in variables).map((n) => [n, variables[n]])) : variables;
  if (check.Check(picked)) return { ok: true, variables: picked };
  const problems = [...check.Errors(picked)]
    .slice(0, 10)
    .map((e) => `${e.path || '/'}: ${e.message}`)
    .join('; ');
  return {
    ok: false,
    message: `作业变量不符合 ${definition.taskType} 的输入要求 / job variables do not satisfy the input schema of ${definition.taskType}: ${problems}`,
  };
}
