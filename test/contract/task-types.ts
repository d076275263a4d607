import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import BpmnModdle from 'bpmn-moddle';

const require = createRequire(import.meta.url);
const zeebe = require('zeebe-bpmn-moddle/resources/zeebe.json') as object;

interface ModdleElement {
  readonly $type: string;
  readonly id?: string;
  readonly type?: string;
  readonly extensionElements?: { readonly values?: readonly ModdleElement[] };
}

/** One `zeebe:taskDefinition` found in a model: where, and its type as written. */
export interface TaskTypeUse {
  readonly file: string;
  readonly elementId: string;
  readonly taskType: string;
}

/** Every `.bpmn` file below `folder`, sorted; none if the folder does not exist. */
export async function bpmnFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.bpmn'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/**
 * The `zeebe:taskDefinition` types in the given models, read with bpmn-moddle and Zeebe's schema
 * (the same reading Camunda Modeler and the embedded engine do), from every element at any depth.
 */
export async function taskTypeUses(files: readonly string[]): Promise<TaskTypeUse[]> {
  const moddle = new BpmnModdle({ zeebe });
  const uses: TaskTypeUse[] = [];
  for (const file of files) {
    const { elementsById, warnings } = (await moddle.fromXML(await readFile(file, 'utf8'))) as unknown as {
      elementsById: Record<string, ModdleElement>;
      warnings: { message: string }[];
    };
    if (warnings.length) throw new Error(`${file}: ${warnings.map((w) => w.message).join('; ')}`);
    for (const element of Object.values(elementsById)) {
      for (const extension of element.extensionElements?.values ?? []) {
        if (extension.$type === 'zeebe:TaskDefinition') uses.push({ file, elementId: element.id ?? '?', taskType: extension.type ?? '' });
      }
    }
  }
  return uses;
}

/** What differs between the task types of the models and the keys of a worker registry. */
export interface TaskTypeDiff {
  /** Task types the models use that no worker takes: their instances would wait for ever. */
  readonly withoutWorker: readonly TaskTypeUse[];
  /** Workers whose task type no model uses: dead code, or a type spelt differently. */
  readonly withoutTaskType: readonly string[];
  /** Task types written as FEEL (`= ...`): they cannot be checked before run time. */
  readonly dynamic: readonly TaskTypeUse[];
}

export function compareTaskTypes(uses: readonly TaskTypeUse[], workerTypes: Iterable<string>): TaskTypeDiff {
  const workers = new Set(workerTypes);
  const dynamic = uses.filter((u) => u.taskType.trim().startsWith('='));
  const used = new Set(uses.filter((u) => !dynamic.includes(u)).map((u) => u.taskType));
  return {
    withoutWorker: uses.filter((u) => !dynamic.includes(u) && !workers.has(u.taskType)),
    withoutTaskType: [...workers].filter((t) => !used.has(t)).sort(),
    dynamic,
  };
}
