import { get } from '../api.js';
import { h, pageTitle, zhEn } from '../dom.js';
import { caseFacts } from '../case-facts.js';
import { caseReview } from '../case-review.js';
import { diagramLegend, drawCaseDiagram } from '../diagram.js';
import { beijingDateTime, timeElement } from '../format.js';
import { actionNames, roleNames } from '../labels.js';
import { caseLink, claimButton, dueCell } from './inbox.js';

const DECLARATION = /^JP-\d{4}-\d{6}-\d{4}$/;

function myTasksSection(tasks, ctx) {
  const section = h('section', { class: 'panel', id: 'my-tasks', 'aria-labelledby': 'my-tasks-title' }, h('h2', { id: 'my-tasks-title' }, ...zhEn('我在此案件的待办', 'My tasks on this case')));
  if (tasks.length === 0) {
    section.append(h('p', {}, ...zhEn('您在此案件没有待办。', 'You have no task on this case.')));
    return section;
  }
  section.append(h('ul', {}, tasks.map((task) => h('li', {}, h('a', { href: `/tasks/${task.key}` }, task.name ?? task.elementId), ' · ', dueCell(task), ' ', claimButton(task, () => ctx.navigate(location.pathname, { replace: true }))))));
  return section;
}

function waitingOnText(who) {
  if (who.role === 'assignee') return `${who.scope}`;
  const role = roleNames[who.role];
  return `${role ? role.join(' / ') : who.role}${who.scope ? ` ${who.scope}` : ''}`;
}

/**
 * The case view: key facts, the tasks of mine on it, what it waits on and until when, the
 * diagram with the path taken, and the audit trail. A case out of the user's scope answers 404
 * from the API and shows the not-found page.
 */
export async function renderCase(view, ctx) {
  const number = decodeURIComponent(ctx.params.number);
  if (!DECLARATION.test(number)) {
    // A campaign (its year) or a certificate: no case page of its own yet, but the mails about
    // its deadlines link here, so the page lists the reader's tasks on it (and only his).
    const tasks = await get(`/tasks?businessKey=${encodeURIComponent(number)}`);
    view.append(pageTitle(`案件 ${number}`, `Case ${number}`), myTasksSection(tasks, ctx), h('p', {}, h('a', { href: '/inbox' }, ...zhEn('查看全部待办', 'See the whole inbox'))));
    return;
  }
  const [declaration, status, diagram, tasks] = await Promise.all([
    get(`/declarations/${number}`),
    get(`/declarations/${number}/status`),
    get(`/declarations/${number}/diagram`),
    get(`/tasks?businessKey=${encodeURIComponent(number)}`),
  ]);
  view.append(pageTitle(`申报 ${declaration.number}`, `Declaration ${declaration.number}`));
  const mine = myTasksSection(tasks, ctx);
  if (ctx.tasksFirst || tasks.length) view.append(mine);

  // The case view carries the same case file as a review task (GET /declarations/:number).
  const facts = h('section', { class: 'panel', 'aria-labelledby': 'facts-title' }, h('h2', { id: 'facts-title' }, ...zhEn('案件要点', 'Key facts')), caseFacts(declaration), ...caseReview({ case: declaration }));
  const waiting = h('section', { class: 'panel', id: 'waiting', 'aria-labelledby': 'waiting-title' }, h('h2', { id: 'waiting-title' }, ...zhEn('正在等待', 'Waiting on')));
  if (diagram.incidents.length) {
    waiting.append(h('p', { class: 'field-error' }, ...zhEn('案件因故障停住，等待省质委办处理。', 'Stopped by an incident: waiting on the provincial office.')));
  }
  if (status.waiting.length === 0 && !diagram.incidents.length) waiting.append(h('p', {}, ...(declaration.outcome ? zhEn('案件已结束。', 'The case is closed.') : zhEn('正在自动处理。', 'Being processed automatically.'))));
  if (status.waiting.length) {
    waiting.append(h('ul', {}, status.waiting.map((w) => h('li', {}, h('strong', {}, w.what), ' — ', w.waitingOn.map(waitingOnText).join('、'), w.dueDate ? [' · ', ...zhEn('期限', 'due'), ' ', timeElement(w.dueDate)] : ''))));
  }
  // The body reports its result on a page of its own: the case waits on a message, not a task.
  if (ctx.user.role === 'certification_body' && declaration.certification?.status === 'IN_PROGRESS') {
    waiting.append(h('p', {}, h('a', { class: 'button', href: `/certifications/${declaration.number}` }, ...zhEn('报告认证结论', 'Report the certification result'))));
  }
  view.append(h('div', { class: 'two-columns' }, facts, waiting), diagramSection(diagram, ctx));
  view.append(timelineSection(status.trail));
}

function diagramSection(diagram, ctx) {
  // The drawing itself is for the eye; the path as text below says the same for screen readers.
  const canvas = h('div', { class: 'diagram', id: 'diagram', 'aria-describedby': 'diagram-title' });
  const section = h('section', { class: 'panel', 'aria-labelledby': 'diagram-title' },
    h('h2', { id: 'diagram-title' }, ...zhEn('流程图与走过的路径', 'Process diagram and the path taken')),
    diagram.version ? h('p', { class: 'en' }, `模型 / model ${diagram.processDefinitionId} v${diagram.version}`) : null,
    diagramLegend(), zoomButtons(canvas), canvas);
  // The diagram draws once the section is in the page (bpmn-js measures its container).
  ctx.afterShown.push(async () => {
    try {
      const { marked, nameOf } = await drawCaseDiagram(canvas, diagram);
      const path = h('details', {}, h('summary', {}, ...zhEn('以文字查看路径', 'The path as text')),
        h('ol', { id: 'path-text' }, diagram.elements.filter((e) => !e.elementType.includes('SequenceFlow')).map((e) =>
          h('li', {}, nameOf(e.elementId), ' — ', e.state === 'ACTIVE' ? '进行中 / active' : e.state === 'COMPLETED' ? '已完成 / completed' : '已终止 / terminated', ' · ', beijingDateTime(e.startedAt)))));
      section.append(path);
      if (diagram.incidents.length) {
        section.append(h('div', { class: 'error-summary', id: 'incidents' }, h('h3', {}, ...zhEn('故障：案件在此停住，需要处理', 'Incidents: the case stopped here and needs a person')),
          h('ul', {}, diagram.incidents.map((i) => h('li', {}, h('strong', {}, nameOf(i.elementId)), ' — ', i.errorType, ' · ', timeElement(i.createdAt), i.errorMessage ? h('div', {}, i.errorMessage) : null)))));
      }
      canvas.dataset.marked = JSON.stringify(marked);
    } catch (error) {
      canvas.replaceChildren(h('p', { class: 'field-error' }, `流程图无法显示 / the diagram could not be drawn: ${error.message}`));
    }
  });
  return section;
}

/** Zoom for keyboard and touch users too: the drawing itself only answers to the mouse wheel. */
function zoomButtons(canvas) {
  const button = (zh, en, step) => h('button', { type: 'button', class: 'button-secondary', onclick: () => canvas.dispatchEvent(new CustomEvent('jp-zoom', { detail: step })) }, ...zhEn(zh, en));
  return h('div', { class: 'actions diagram-tools' }, button('放大', 'Zoom in', 1.25), button('缩小', 'Zoom out', 0.8), button('全图', 'Whole diagram', 0), button('当前步骤', 'Current step', -1));
}

function timelineSection(trail) {
  const section = h('section', { class: 'panel', 'aria-labelledby': 'trail-title' }, h('h2', { id: 'trail-title' }, ...zhEn('办理记录', 'Audit trail')));
  if (!trail.length) {
    section.append(h('p', {}, ...zhEn('尚无记录。', 'Nothing recorded yet.')));
    return section;
  }
  section.append(h('ol', { class: 'timeline', id: 'trail' }, trail.map((entry) => {
    const role = roleNames[entry.role];
    const action = actionNames[entry.action];
    return h('li', {},
      h('div', {}, action ? [h('strong', {}, action[0]), ' ', h('span', { class: 'en', lang: 'en' }, action[1])] : h('strong', {}, entry.action)),
      h('div', { class: 'meta' }, timeElement(entry.at), ' · ', entry.actor, ' · ', role ? role.join(' / ') : entry.role),
      entry.reason ? h('div', {}, ...zhEn('理由', 'Reason'), '：', entry.reason) : null);
  })));
  return section;
}

export { caseLink };
