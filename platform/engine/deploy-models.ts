import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DeployResource, Deployment, EnginePort } from './port.ts';

/** Every `.bpmn` and `.form` file below a folder, as deployable resources named by relative path. */
export async function readModels(folder: string): Promise<DeployResource[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const files = entries
    .filter((e) => e.isFile() && (e.name.endsWith('.bpmn') || e.name.endsWith('.form')))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
  return Promise.all(files.map(async (file) => ({ name: path.relative(folder, file), content: await readFile(file, 'utf8') })));
}

/** Deploys the models; unchanged files keep their version (the engine compares checksums). */
export async function deployModels(engine: EnginePort, folder: string): Promise<Deployment> {
  const resources = await readModels(folder);
  if (!resources.length) return { processes: [], forms: [] };
  return engine.deploy(resources);
}
