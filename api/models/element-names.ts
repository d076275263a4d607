// Any BPMN element with an id and a name, as the models write them: <bpmn:serviceTask id="x" name="…">.
const NAMED_ELEMENT = /<bpmn:\w+\s+id="([^"]+)"\s+name="([^"]*)"/g;

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-fA-F]+);/g, (entity, code: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };
    if (code in named) return named[code]!;
    return String.fromCodePoint(code.startsWith('#x') ? parseInt(code.slice(2), 16) : Number(code.slice(1)));
  });
}

/**
 * The name of each element of each process model ("中文 / English", as the models name them), by
 * process id and element id: what the incident desk shows beside an element id.
 */
export function elementNamesOf(processModels: ReadonlyMap<string, string>): ReadonlyMap<string, ReadonlyMap<string, string>> {
  const names = new Map<string, Map<string, string>>();
  for (const [processId, xml] of processModels) {
    const ofProcess = new Map<string, string>();
    for (const [, id, name] of xml.matchAll(NAMED_ELEMENT)) if (name) ofProcess.set(id!, unescapeXml(name));
    names.set(processId, ofProcess);
  }
  return names;
}
