/**
 * Fixture XML with layout: the semantic XML from builder.ts run through bpmn-auto-layout, so that
 * bpmnlint's no-bpmndi rule finds a shape for every element.
 */
import { createRequire } from 'node:module';
import type { ModelSpec } from './builder.ts';
import { buildXml } from './builder.ts';

// bpmn-auto-layout ships no type declarations; its CommonJS build is typed here by hand.
const require = createRequire(import.meta.url);
const { layoutProcess } = require('bpmn-auto-layout') as { layoutProcess: (xml: string) => Promise<string> };

export async function fixtureXml(model: ModelSpec): Promise<string> {
  const xml = await layoutProcess(buildXml(model));
  return xml.endsWith('\n') ? xml : `${xml}\n`;
}
