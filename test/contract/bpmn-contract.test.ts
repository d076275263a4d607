import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { declarationOutcomes, declarationTasks, errorCodes, messageNames, processIds, taskTypes } from '../../bpmn/contract.ts';
import { readModels } from '../../platform/engine/deploy-models.ts';

const BPMN = path.join(import.meta.dirname, '..', '..', 'bpmn');

interface ModelFacts {
  processIds: Set<string>;
  taskTypes: Set<string>;
  messageNames: Set<string>;
  errorCodes: Set<string>;
  outcomes: Set<string>;
  formIds: Set<string>;
}

/** What the XML declares, read with plain patterns: the models are machine-written and regular. */
async function modelFacts(): Promise<ModelFacts> {
  const facts: ModelFacts = { processIds: new Set(), taskTypes: new Set(), messageNames: new Set(), errorCodes: new Set(), outcomes: new Set(), formIds: new Set() };
  for (const model of (await readModels(BPMN)).filter((m) => m.name.endsWith('.bpmn'))) {
    const xml = model.content;
    for (const m of xml.matchAll(/<bpmn:process id="([^"]+)"/g)) facts.processIds.add(m[1]!);
    for (const m of xml.matchAll(/<zeebe:taskDefinition type="([^"]+)"/g)) facts.taskTypes.add(m[1]!);
    for (const m of xml.matchAll(/<bpmn:message id="[^"]+" name="([^"]+)"/g)) facts.messageNames.add(m[1]!);
    for (const m of xml.matchAll(/<bpmn:error id="[^"]+" name="[^"]*" errorCode="([^"]+)"/g)) facts.errorCodes.add(m[1]!);
    for (const m of xml.matchAll(/<zeebe:header key="outcome" value="([^"]+)"/g)) facts.outcomes.add(m[1]!);
    for (const m of xml.matchAll(/<zeebe:formDefinition formId="([^"]+)"/g)) facts.formIds.add(m[1]!);
  }
  return facts;
}

const sorted = (values: Iterable<string>) => [...values].sort();

describe('the BPMN contract', () => {
  it('names exactly the process ids, job types, messages and error codes of the models', async () => {
    const facts = await modelFacts();
    expect(sorted(facts.processIds)).toEqual(sorted(Object.values(processIds)));
    expect(sorted(facts.taskTypes)).toEqual(sorted(Object.values(taskTypes)));
    expect(sorted(facts.messageNames)).toEqual(sorted(Object.values(messageNames)));
    expect(sorted(facts.errorCodes)).toEqual(sorted(Object.values(errorCodes)));
  });

  it('names user tasks that declaration.bpmn has', async () => {
    const xml = (await readModels(BPMN)).find((m) => m.name === 'declaration.bpmn')!.content;
    const userTasks = new Set([...xml.matchAll(/<bpmn:userTask id="([^"]+)"/g)].map((m) => m[1]!));
    for (const id of Object.values(declarationTasks)) expect(userTasks.has(id), id).toBe(true);
  });

  it('closes declarations only with known outcomes, and every outcome but a withdrawal has a path', async () => {
    const facts = await modelFacts();
    expect(sorted(facts.outcomes).every((o) => (declarationOutcomes as readonly string[]).includes(o))).toBe(true);
    expect(sorted(facts.outcomes)).toEqual(sorted(declarationOutcomes.filter((o) => o !== 'WITHDRAWN')));
  });

  it('links every user task to a form that is deployed with the models', async () => {
    const facts = await modelFacts();
    const formIds = new Set<string>();
    for (const form of (await readModels(BPMN)).filter((m) => m.name.endsWith('.form'))) {
      formIds.add((JSON.parse(await readFile(path.join(BPMN, form.name), 'utf8')) as { id: string }).id);
    }
    expect(sorted(facts.formIds)).toEqual(sorted(formIds));
  });
});
