import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const PROCESS_ID = /<bpmn:process\s+id="([^"]+)"/;

/**
 * The XML of each process model, by process id, read once at start from the same folder the
 * start-up deploys (bpmn/): the diagram the case view draws. The engine port offers no read of a
 * deployed definition's XML yet; until it does, an instance of an older version is drawn on the
 * current model (the answer says which version the instance runs, so the page can tell).
 */
export function loadProcessModels(modelsDir: string): ReadonlyMap<string, string> {
  const models = new Map<string, string>();
  for (const file of readdirSync(modelsDir).filter((f) => f.endsWith('.bpmn'))) {
    const xml = readFileSync(path.join(modelsDir, file), 'utf8');
    const id = PROCESS_ID.exec(xml)?.[1];
    if (id) models.set(id, xml);
  }
  return models;
}
