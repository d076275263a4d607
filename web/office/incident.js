import { api, ApiError, get, post } from '../api.js';
import { announce, h, pageTitle, zhEn } from '../dom.js';
import { timeElement } from '../format.js';
import { caseLink } from '../pages/inbox.js';
import { errorTypeNames, incidentStates, named, processNames } from './incident-labels.js';
import { officeOnly } from './office-only.js';

const ACTIONS = {
  'variables-edited': ['变量已修改。请再重试或解决该事件，案件才会继续。', 'Variables changed. Retry or resolve the incident for the case to go on.'],
  retried: ['已重试：作业已重新获得重试次数，事件已解决。', 'Retried: the job has retries again and the incident is resolved.'],
  resolved: ['事件已解决，失败的环节将重新执行。', 'Resolved: what failed runs again.'],
  'instance-cancelled': ['案件的流程实例已取消。', 'The case\'s process instance is cancelled.'],
};

/** A field's message next to it and in the summary; `input` gets aria-describedby and aria-invalid. */
function showFieldError(input, message) {
  const id = `${input.id}-error`;
  document.getElementById(id)?.remove();
  input.setAttribute('aria-invalid', 'true');
  input.setAttribute('aria-describedby', id);
  input.after(h('p', { id, class: 'field-error' }, message));
}

function clearErrors(root) {
  for (const error of root.querySelectorAll('.field-error, .error-summary')) error.remove();
  for (const input of root.querySelectorAll('[aria-invalid]')) {
    input.removeAttribute('aria-invalid');
    input.removeAttribute('aria-describedby');
  }
}

/** The error summary at the top of a form: each message a link that moves focus to its field. */
function errorSummary(root, items) {
  const summary = h('div', { class: 'error-summary', role: 'alert', tabindex: '-1' },
    h('h2', {}, ...zhEn('请更正以下问题', 'Please correct the following')),
    h('ul', {}, items.map(({ input, message }) => h('li', {}, input ? h('a', { href: `#${input.id}`, onclick: (event) => { event.preventDefault(); input.focus(); } }, message) : message))));
  root.prepend(summary);
  summary.focus();
}

function factsList(incident) {
  const rows = [
    ['案件', 'Case', caseLink(incident)],
    ['流程', 'Process', `${named(processNames, incident.processDefinitionId)} (${incident.processDefinitionId})`],
    ['流程实例', 'Process instance', incident.operateUrl ? [h('code', {}, incident.processInstanceKey), ' ', h('a', { href: incident.operateUrl, id: 'operate-link', rel: 'noopener', target: '_blank' }, ...zhEn('在 Operate 中查看', 'Open in Operate'))] : h('code', {}, incident.processInstanceKey)],
    ['环节', 'Element', [incident.elementName ? `${incident.elementName} ` : '', h('code', {}, incident.elementId ?? '—')]],
    ['错误类型', 'Error type', named(errorTypeNames, incident.errorType)],
    ['错误信息', 'Error message', h('span', { id: 'error-message', class: 'error-message' }, incident.errorMessage)],
    ['发生时间', 'Raised', timeElement(incident.creationTime)],
    ['状态', 'State', named(incidentStates, incident.state)],
  ];
  if (incident.job) {
    rows.push(['作业', 'Job', `${incident.job.type} · ${incident.job.jobKey}`], ['剩余重试次数', 'Retries left', String(incident.job.retries)]);
    if (incident.job.errorMessage && incident.job.errorMessage !== incident.errorMessage) rows.push(['作业最后的错误', 'Job\'s last error', incident.job.errorMessage]);
  }
  return h('dl', { class: 'facts', id: 'incident-facts' }, rows.flatMap(([zh, en, value]) => [h('dt', {}, ...zhEn(zh, en)), h('dd', {}, value)]));
}

/**
 * The variables the failing element sees, each value as JSON in its own field. Saving sends only
 * those changed, with the reason (the actions' reason field; null for a resolved incident, which
 * offers no saving), to PUT /incidents/:key/variables.
 */
function variablesSection(incident, ctx, reasonInput) {
  const names = Object.keys(incident.variables).sort();
  const section = h('section', { class: 'panel', id: 'variables', 'aria-labelledby': 'variables-title' }, h('h2', { id: 'variables-title' }, ...zhEn('变量', 'Variables')),
    h('p', {}, ...zhEn('出错环节可见的变量，值为 JSON。改正错误的值后保存，再重试或解决。', 'The variables the failing element sees, as JSON. Correct the wrong value, save, then retry or resolve.')));
  if (names.length === 0) {
    section.append(h('p', {}, ...zhEn('没有变量。', 'No variables.')));
    return section;
  }
  const active = incident.state === 'ACTIVE';
  const fields = names.map((name, index) => {
    const text = JSON.stringify(incident.variables[name], null, 2);
    const input = h('textarea', { id: `var-${index}`, name, rows: String(Math.min(8, text.split('\n').length)), spellcheck: 'false', class: 'json', readonly: active ? null : true }, text);
    input.dataset.original = text;
    return { name, input };
  });
  // businessKey names the case: the API refuses to change it, so the page does not offer it.
  const editable = fields.filter((f) => f.name !== 'businessKey');
  const local = h('input', { type: 'checkbox', id: 'var-local', name: 'local' });
  const form = h('form', { novalidate: true },
    h('table', { class: 'variables' },
      h('caption', { class: 'visually-hidden' }, '变量 / variables'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, '名称 / Name'), h('th', { scope: 'col' }, '值（JSON）/ Value (JSON)'))),
      h('tbody', {}, fields.map(({ name, input }) => h('tr', {}, h('th', { scope: 'row' }, h('label', { for: input.id }, h('code', {}, name))), h('td', {}, name === 'businessKey' ? [input, h('div', { class: 'en' }, '案件编号，不能修改 / names the case, cannot change')] : input))))),
    active ? h('div', { class: 'form-row checkbox' }, local, h('label', { for: 'var-local' }, ...zhEn('只设在出错环节本身（local）', 'Set on the failing element only (local)'))) : null,
    active ? h('button', { type: 'submit', id: 'save-variables' }, ...zhEn('保存修改的变量', 'Save the changed variables')) : null);
  for (const { name, input } of fields) if (name === 'businessKey') input.readOnly = true;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!active) return;
    clearErrors(section);
    clearErrors(reasonInput.form);
    const problems = [];
    const variables = {};
    for (const { name, input } of editable) {
      if (input.value === input.dataset.original) continue;
      try {
        variables[name] = JSON.parse(input.value);
      } catch {
        const message = `${name}：不是有效的 JSON（文字须加双引号）/ not valid JSON (text needs double quotes)`;
        showFieldError(input, message);
        problems.push({ input, message });
      }
    }
    if (!problems.length && Object.keys(variables).length === 0) problems.push({ input: editable[0]?.input, message: '没有修改任何变量 / no variable was changed' });
    const reason = reasonInput.value.trim();
    if (!reason) {
      const message = '理由：必填，写明为何这样处理 / reason: required, say why';
      showFieldError(reasonInput, message);
      problems.push({ input: reasonInput, message });
    }
    if (problems.length) return errorSummary(form, problems);
    try {
      await api('PUT', `/incidents/${incident.incidentKey}/variables`, { variables, local: local.checked, reason });
      const applied = await variablesApplied(incident.incidentKey, variables);
      const message = applied ? ACTIONS['variables-edited'] : ['变量修改已受理，引擎稍后执行；请刷新查看。', 'The change is accepted and the engine applies it shortly: reload to see it.'];
      announce(message[0]);
      await ctx.navigate(location.pathname, { replace: true, flash: zhEn(...message) });
    } catch (error) {
      showApiError(error, form, { reason: reasonInput, variables: Object.fromEntries(editable.map((f) => [f.name, f.input])) });
    }
  });
  section.append(form);
  return section;
}

/**
 * The engine applies a variable change as its next step on the instance (answer 202): the page
 * waits up to ten seconds for the incident to show the new values, so what it then draws is true.
 */
async function variablesApplied(incidentKey, variables) {
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  for (let attempt = 0; attempt < 20; attempt++) {
    const now = await get(`/incidents/${incidentKey}`);
    if (Object.entries(variables).every(([name, value]) => same(now.variables[name], value))) return true;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

/** The API's 400 field errors beside their fields; anything else in the summary. */
function showApiError(error, root, inputs) {
  if (!(error instanceof ApiError)) return errorSummary(root, [{ message: String(error.message ?? error) }]);
  const items = [];
  for (const [field, errors] of error.fields) {
    const [, top, name] = field.split('/');
    const input = top === 'reason' ? inputs.reason : top === 'variables' && name ? inputs.variables?.[name] : top === 'retries' ? inputs.retries : undefined;
    for (const e of errors) {
      if (input) showFieldError(input, e.message);
      items.push({ input, message: `${field || '—'}：${e.message}` });
    }
  }
  if (!items.length) items.push({ message: error.message });
  errorSummary(root, items);
}

/** Retry, resolve or cancel, each with the one reason field; cancel asks to be confirmed. */
function actionsSection(incident, ctx) {
  const reason = h('textarea', { id: 'reason', name: 'reason', rows: '2', maxlength: '500', required: true });
  const retries = h('input', { id: 'retries', name: 'retries', type: 'number', min: '1', max: '100', value: '1', inputmode: 'numeric' });
  const confirmCancel = h('input', { type: 'checkbox', id: 'confirm-cancel' });
  const form = h('form', { novalidate: true, id: 'incident-actions' },
    h('div', { class: 'form-row' }, h('label', { for: 'reason' }, ...zhEn('处理理由（必填，记入审计记录）', 'Reason (required, goes to the audit trail)')), reason));
  const run = async (action, body, button) => {
    clearErrors(form);
    const text = reason.value.trim();
    if (!text) {
      const message = '理由：必填，写明为何这样处理 / reason: required, say why';
      showFieldError(reason, message);
      return errorSummary(form, [{ input: reason, message }]);
    }
    button.disabled = true;
    try {
      const result = await post(`/incidents/${incident.incidentKey}/${action}`, { ...body, reason: text });
      announce(ACTIONS[result.action][0]);
      await ctx.navigate(location.pathname, { replace: true, flash: zhEn(...ACTIONS[result.action]) });
    } catch (error) {
      button.disabled = false;
      showApiError(error, form, { reason, retries });
    }
  };
  const retry = h('button', { type: 'button', id: 'retry' }, ...zhEn('重试', 'Retry'));
  retry.addEventListener('click', () => {
    const n = Number(retries.value);
    if (!Number.isInteger(n) || n < 1 || n > 100) {
      clearErrors(form);
      const message = '重试次数：1 至 100 的整数 / retries: a whole number from 1 to 100';
      showFieldError(retries, message);
      return errorSummary(form, [{ input: retries, message }]);
    }
    return run('retry', { retries: n }, retry);
  });
  const resolve = h('button', { type: 'button', id: 'resolve', class: 'button-secondary' }, ...zhEn('解决', 'Resolve'));
  resolve.addEventListener('click', () => run('resolution', {}, resolve));
  const cancel = h('button', { type: 'button', id: 'cancel-case', class: 'button-danger' }, ...zhEn('取消案件', 'Cancel the case'));
  cancel.addEventListener('click', () => {
    if (!confirmCancel.checked) {
      clearErrors(form);
      const message = '取消前请先勾选确认 / tick the confirmation first';
      showFieldError(confirmCancel, message);
      return errorSummary(form, [{ input: confirmCancel, message }]);
    }
    return run('cancellation', {}, cancel);
  });
  form.addEventListener('submit', (event) => event.preventDefault());
  form.append(
    incident.jobKey
      ? h('fieldset', {}, h('legend', {}, ...zhEn('重试作业', 'Retry the job')),
        h('p', {}, ...zhEn('给作业重试次数并解决事件，作业将再次执行（如外部系统已恢复）。', 'Gives the job retries and resolves the incident: the job runs again (once the outside system is back).')),
        h('div', { class: 'form-row inline' }, h('label', { for: 'retries' }, ...zhEn('重试次数', 'Retries')), retries), retry)
      : h('p', {}, ...zhEn('此事件没有作业，不能重试：改正变量后点“解决”。', 'This incident has no job to retry: correct the variables, then resolve it.')),
    h('fieldset', {}, h('legend', {}, ...zhEn('解决', 'Resolve')),
      h('p', {}, ...zhEn('问题已在别处修正（数据已改、程序已更新），让失败的环节重新执行。', 'The fault was fixed elsewhere (data corrected, program redeployed): what failed runs again.')), resolve),
    h('fieldset', { class: 'danger' }, h('legend', {}, ...zhEn('取消案件', 'Cancel the case')),
      h('p', {}, ...zhEn('案件无法继续时，取消其流程实例。申报记录的阶段不变，需另行结案或撤回。', 'When the case cannot go on, cancel its process instance. The declaration keeps its stage: close or withdraw it as usual.')),
      h('div', { class: 'form-row checkbox' }, confirmCancel, h('label', { for: 'confirm-cancel' }, ...zhEn('我确认要取消这个案件的流程', 'I confirm cancelling this case\'s process'))), cancel));
  return { section: h('section', { class: 'panel', 'aria-labelledby': 'actions-title' }, h('h2', { id: 'actions-title' }, ...zhEn('处理', 'Fix it')), form), reason };
}

/** One incident: what failed, where and why, the variables its element sees, and the fixes. */
export async function renderIncident(view, ctx) {
  if (!officeOnly(view, ctx)) return;
  const incident = await get(`/incidents/${ctx.params.key}`);
  view.append(
    h('p', {}, h('a', { href: '/incidents' }, '← ', ...zhEn('全部流程事件', 'All incidents'))),
    pageTitle(`流程事件 ${incident.businessKey ?? incident.incidentKey}`, `Incident ${incident.incidentKey}`),
  );
  const facts = h('section', { class: 'panel', 'aria-labelledby': 'incident-title' }, h('h2', { id: 'incident-title' }, ...zhEn('出了什么问题', 'What failed')), factsList(incident));
  if (incident.state !== 'ACTIVE') {
    view.append(h('div', { class: 'notice', role: 'status' }, ...zhEn('此事件已解决，无需处理。', 'This incident is resolved: nothing to do.')), facts, variablesSection(incident, ctx, null));
    return;
  }
  const actions = actionsSection(incident, ctx);
  view.append(h('div', { class: 'two-columns' }, facts, actions.section), variablesSection(incident, ctx, actions.reason));
}
