import { ApiError, get, post } from '../api.js';
import { announce, h, pageTitle, zhEn } from '../dom.js';
import { timeElement } from '../format.js';

const filters = [
  ['all', '全部', 'All'],
  ['assigned', '我已认领', 'Claimed by me'],
  ['unassigned', '待认领', 'Unclaimed'],
];

/** The due date, and how many working days are left (or that it is overdue). */
export function dueCell(task) {
  if (!task.dueDate) return [h('span', { class: 'en' }, '无期限 / no due date')];
  const parts = [timeElement(task.dueDate), h('br')];
  if (task.overdue) parts.push(h('span', { class: 'badge badge-overdue' }, '已逾期 / overdue'));
  else if (task.workingDaysLeft === null) parts.push(h('span', { class: 'en' }, '工作日未知 / working days unknown'));
  else parts.push(h('span', { class: task.workingDaysLeft <= 2 ? 'badge badge-soon' : 'en' }, `剩余 ${task.workingDaysLeft} 个工作日 / ${task.workingDaysLeft} working day(s) left`));
  return parts;
}

export function caseLink(task) {
  return task.businessKey ? h('a', { href: `/cases/${encodeURIComponent(task.businessKey)}`, class: 'case-number' }, task.businessKey) : '—';
}

/** Claim or give back a group task; `after` redraws the page that shows it. */
export function claimButton(task, after) {
  if (task.assignedToMe && task.candidateGroups.length === 0) return null;
  if (!task.assignedToMe && task.assignee !== null) return null;
  const claim = !task.assignedToMe;
  const button = h('button', { type: 'button', class: 'button-secondary', 'aria-label': `${claim ? '认领 / Claim' : '退回组 / Unclaim'}: ${task.name ?? task.elementId} ${task.businessKey ?? ''}` }, ...(claim ? zhEn('认领', 'Claim') : zhEn('退回组', 'Unclaim')));
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await post(`/tasks/${task.key}/${claim ? 'claim' : 'unclaim'}`);
      announce(claim ? '已认领 / claimed' : '已退回组 / given back to the group');
      await after();
    } catch (error) {
      button.disabled = false;
      button.after(h('p', { class: 'field-error', role: 'alert' }, error instanceof ApiError ? error.message : String(error)));
    }
  });
  return button;
}

/** 待办: the tasks assigned to me and those of my groups, soonest due first. */
export async function renderInbox(view, ctx) {
  const which = filters.some(([f]) => f === ctx.query.get('which')) ? ctx.query.get('which') : 'all';
  const tasks = await get(`/tasks?which=${which}`);
  const redraw = () => ctx.navigate(`/inbox?which=${which}`, { replace: true });
  const overdue = tasks.filter((t) => t.overdue).length;
  view.append(
    pageTitle('待办', 'Inbox'),
    h('nav', { class: 'tabs', 'aria-label': '筛选 / Filter' }, filters.map(([f, zh, en]) => h('a', { href: `/inbox?which=${f}`, 'aria-current': f === which ? 'true' : null }, ...zhEn(zh, en)))),
    h('p', { id: 'inbox-summary' }, `共 ${tasks.length} 项待办`, overdue ? `，其中 ${overdue} 项已逾期` : '', h('span', { class: 'en', lang: 'en' }, ` / ${tasks.length} task(s)${overdue ? `, ${overdue} overdue` : ''}`)),
  );
  if (tasks.length === 0) {
    view.append(h('div', { class: 'panel' }, h('p', {}, ...zhEn('目前没有待办。', 'Nothing to do right now.'))));
    return;
  }
  const rows = tasks.map((task) =>
    h('tr', { dataset: { task: task.key }, class: task.overdue ? 'overdue' : null },
      h('td', { 'data-label': '任务 / Task' }, h('a', { href: `/tasks/${task.key}` }, task.name ?? task.elementId), task.memberUnit ? h('div', { class: 'task-subject' }, task.memberUnit.name) : null),
      h('td', { 'data-label': '案件 / Case' }, caseLink(task)),
      h('td', { 'data-label': '期限 / Due' }, dueCell(task)),
      h('td', { 'data-label': '处理人 / Assignee' }, task.assignedToMe ? h('span', { class: 'badge badge-mine' }, '我 / me') : task.assignee ?? h('span', { class: 'en' }, `组 / group: ${task.candidateGroups.join(', ')}`)),
      h('td', { 'data-label': '操作 / Actions' }, h('div', { class: 'actions' }, h('a', { class: 'button', href: `/tasks/${task.key}` }, ...zhEn('办理', 'Open')), claimButton(task, redraw))),
    ),
  );
  view.append(
    h('table', { class: 'cards' },
      h('caption', { class: 'visually-hidden' }, '我的待办与所在组的待办 / my tasks and my groups\' tasks'),
      h('thead', {}, h('tr', {}, ['任务 / Task', '案件 / Case', '期限（北京时间）/ Due (Beijing)', '处理人 / Assignee', '操作 / Actions'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, rows)),
  );
}
