// The case on its BPMN diagram (bpmn-js navigated viewer): completed elements, the active ones and
// incidents marked, and the sequence flows the case took.
import { h, zhEn } from './dom.js';
import { loadScript } from './load-script.js';

/**
 * The sequence flows taken: a flow whose source the case completed and whose target it entered
 * afterwards. (Parallel branches and loops are covered: each pair is checked on its own.)
 */
function takenFlows(registry, elements) {
  const visits = new Map();
  for (const e of elements) {
    const list = visits.get(e.elementId) ?? [];
    list.push(e);
    visits.set(e.elementId, list);
  }
  return registry
    .filter((el) => el.type === 'bpmn:SequenceFlow')
    .filter((flow) => {
      const from = visits.get(flow.businessObject.sourceRef?.id) ?? [];
      const to = visits.get(flow.businessObject.targetRef?.id) ?? [];
      return from.some((f) => f.state === 'COMPLETED' && f.endedAt && to.some((t) => t.startedAt >= f.endedAt));
    });
}

/** Draws the diagram in `container`; returns the element ids it marked, by mark. */
export async function drawCaseDiagram(container, diagram) {
  await loadScript('/vendor/bpmn-js/bpmn-navigated-viewer.production.min.js');
  const viewer = new window.BpmnJS({ container });
  await viewer.importXML(diagram.xml);
  const canvas = viewer.get('canvas');
  const registry = viewer.get('elementRegistry');
  const overlays = viewer.get('overlays');

  const incidentIds = new Set(diagram.incidents.map((i) => i.elementId).filter(Boolean));
  const latest = new Map();
  for (const e of diagram.elements) latest.set(e.elementId, e.state === 'ACTIVE' || latest.get(e.elementId) === 'ACTIVE' ? 'ACTIVE' : e.state);
  const marked = { done: [], active: [], incident: [], taken: [] };
  for (const [id, state] of latest) {
    if (!registry.get(id)) continue;
    const mark = incidentIds.has(id) ? 'incident' : state === 'ACTIVE' ? 'active' : state === 'COMPLETED' ? 'done' : null;
    if (!mark) continue;
    canvas.addMarker(id, `jp-${mark}`);
    marked[mark].push(id);
    if (mark !== 'done') {
      overlays.add(id, { position: { top: -10, right: 10 }, html: h('span', { class: `jp-count ${mark}` }, mark === 'incident' ? '!' : '●') });
    }
  }
  for (const id of incidentIds) {
    if (!latest.has(id) && registry.get(id)) {
      canvas.addMarker(id, 'jp-incident');
      marked.incident.push(id);
    }
  }
  for (const flow of takenFlows(registry, diagram.elements)) {
    canvas.addMarker(flow.id, 'jp-taken');
    marked.taken.push(flow.id);
  }
  // A whole yearly model is too wide to read when fitted: show the current step at a readable size.
  const focus = marked.incident[0] ?? marked.active[0] ?? [...latest.keys()].filter((id) => registry.get(id)).at(-1);
  const toFocus = () => {
    canvas.zoom(0.9);
    if (focus) canvas.scrollToElement(registry.get(focus), { top: 120, bottom: 120, left: 200, right: 200 });
  };
  toFocus();
  container.addEventListener('jp-zoom', (event) => {
    const step = event.detail;
    if (step === 0) canvas.zoom('fit-viewport', 'auto');
    else if (step === -1) toFocus();
    else canvas.zoom(canvas.zoom() * step);
  });
  return { marked, nameOf: (id) => registry.get(id)?.businessObject?.name ?? id };
}

/** The legend of the marks. */
export function diagramLegend() {
  return h('ul', { class: 'legend', 'aria-label': '图例 / Legend' },
    h('li', { class: 'done' }, ...zhEn('已完成', 'completed')),
    h('li', { class: 'active' }, ...zhEn('进行中', 'active')),
    h('li', { class: 'incident' }, ...zhEn('故障', 'incident')));
}
