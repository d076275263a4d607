import { get } from '../api.js';
import { h, pageTitle, zhEn } from '../dom.js';
import { timeElement } from '../format.js';
import { caseLink } from '../pages/inbox.js';
import { errorTypeNames, incidentStates, named, processNames } from './incident-labels.js';
import { officeOnly } from './office-only.js';

// The filters GET /incidents takes, with the rule the API checks each by (so a bad one is caught here first).
const FILTERS = [
  { name: 'businessKey', zh: '案件（申报编号或年度）', en: 'Case (declaration number or year)', pattern: /^.{1,100}$/ },
  { name: 'errorType', zh: '错误类型', en: 'Error type', pattern: /^[A-Z][A-Z_]{2,60}$/ },
  { name: 'processDefinitionId', zh: '流程', en: 'Process', pattern: /^.{1,100}$/ },
];

function filterForm(ctx, state) {
  const field = ({ name, zh, en }) => {
    const input = name === 'processDefinitionId'
      ? h('select', { id: `f-${name}`, name }, h('option', { value: '' }, '全部 / all'), Object.entries(processNames).map(([id, [pzh, pen]]) => h('option', { value: id, selected: ctx.query.get(name) === id }, `${pzh} / ${pen}`)))
      : name === 'errorType'
        ? h('select', { id: `f-${name}`, name }, h('option', { value: '' }, '全部 / all'), Object.keys(errorTypeNames).map((code) => h('option', { value: code, selected: ctx.query.get(name) === code }, named(errorTypeNames, code))))
        : h('input', { id: `f-${name}`, name, value: ctx.query.get(name) ?? '', maxlength: '100', autocomplete: 'off' });
    return h('div', { class: 'form-row' }, h('label', { for: `f-${name}` }, ...zhEn(zh, en)), input);
  };
  const form = h('form', { class: 'panel filters', role: 'search', 'aria-label': '筛选流程事件 / filter incidents' },
    FILTERS.map(field),
    h('input', { type: 'hidden', name: 'state', value: state }),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, ...zhEn('筛选', 'Filter')), h('a', { class: 'button button-secondary', href: `/incidents?state=${state}` }, ...zhEn('清除', 'Clear'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const query = new URLSearchParams();
    for (const { name, value } of form.querySelectorAll('[name]')) if (value.trim()) query.set(name, value.trim());
    ctx.navigate(`/incidents?${query}`);
  });
  return form;
}

/**
 * The incident desk: every incident with its case, process, element and error, filtered as
 * GET /incidents filters; each opens its page, where the office fixes it.
 */
export async function renderIncidents(view, ctx) {
  if (!officeOnly(view, ctx)) return;
  const state = ctx.query.get('state') === 'RESOLVED' ? 'RESOLVED' : 'ACTIVE';
  const query = new URLSearchParams({ state });
  for (const { name, pattern } of FILTERS) {
    const value = ctx.query.get(name);
    if (value && pattern.test(value)) query.set(name, value);
  }
  const incidents = await get(`/incidents?${query}`);
  const tab = (value) => {
    const q = new URLSearchParams(query);
    q.set('state', value);
    return h('a', { href: `/incidents?${q}`, 'aria-current': value === state ? 'true' : null }, ...zhEn(...incidentStates[value]));
  };
  view.append(
    pageTitle('流程事件', 'Incidents'),
    h('p', {}, ...zhEn('案件因故障停住时在此处理：修改变量、重试、解决或取消。每次处理都要写明理由，记入审计记录。', 'Cases stopped by a failure are fixed here: edit variables, retry, resolve or cancel. Each fix takes a reason, recorded in the audit trail.')),
    h('nav', { class: 'tabs', 'aria-label': '状态 / State' }, tab('ACTIVE'), tab('RESOLVED')),
    filterForm(ctx, state),
    h('p', { id: 'incidents-summary', role: 'status' }, `共 ${incidents.length} 个${state === 'ACTIVE' ? '待处理' : '已解决'}的流程事件`, h('span', { class: 'en', lang: 'en' }, ` / ${incidents.length} ${state === 'ACTIVE' ? 'active' : 'resolved'} incident(s)`)),
  );
  if (incidents.length === 0) {
    view.append(h('div', { class: 'panel' }, h('p', {}, ...(state === 'ACTIVE' ? zhEn('没有待处理的流程事件：所有案件都在正常运行。', 'No active incidents: every case is running.') : zhEn('没有符合条件的流程事件。', 'No incidents match.')))));
    return;
  }
  const columns = ['案件 / Case', '流程 / Process', '环节 / Element', '错误 / Error', '发生时间（北京时间）/ Raised (Beijing)', '操作 / Actions'];
  view.append(h('table', { class: 'cards', id: 'incidents' },
    h('caption', { class: 'visually-hidden' }, '流程事件 / incidents'),
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, incidents.map((i) => h('tr', { dataset: { incident: i.incidentKey } },
      h('td', { 'data-label': columns[0] }, caseLink(i)),
      h('td', { 'data-label': columns[1] }, named(processNames, i.processDefinitionId)),
      h('td', { 'data-label': columns[2] }, i.elementName ? h('div', {}, i.elementName) : null, h('code', {}, i.elementId ?? '—'), i.jobType ? h('div', { class: 'en' }, `作业 / job: ${i.jobType}`) : null),
      h('td', { 'data-label': columns[3] }, h('strong', {}, named(errorTypeNames, i.errorType)), h('div', { class: 'error-message' }, i.errorMessage)),
      h('td', { 'data-label': columns[4] }, timeElement(i.creationTime)),
      h('td', { 'data-label': columns[5] }, h('a', { class: 'button', href: `/incidents/${i.incidentKey}` }, ...zhEn(state === 'ACTIVE' ? '处理' : '查看', state === 'ACTIVE' ? 'Fix' : 'View'), h('span', { class: 'visually-hidden' }, ` ${i.businessKey ?? i.incidentKey} ${i.elementId ?? ''}`))))))));
}
