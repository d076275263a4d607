import { ApiError, get, post } from '../api.js';
import { announce, h, pageTitle, zhEn } from '../dom.js';
import { caseFacts } from '../case-facts.js';
import { caseReview } from '../case-review.js';
import { comprehensiveReview } from '../comprehensive-review.js';
import { bodyProposal } from '../body-proposal.js';
import { creditConsultation } from '../credit-consultation.js';
import { standardReview } from '../standard-review.js';
import { loadScript } from '../load-script.js';
import { prefilledForm } from '../task-form-prefill.js';
import { claimButton, dueCell } from './inbox.js';

const DECLARATION = /^JP-\d{4}-\d{6}-\d{4}$/;
const CAMPAIGN = /^\d{4}$/;

// What each rule the API names means, for the message beside the field.
const ruleText = {
  required: ['必填', 'required'],
  minLength: ['内容太短', 'too short'],
  maxLength: ['内容太长', 'too long'],
  pattern: ['格式不符', 'wrong format'],
  minimum: ['数值太小', 'too small'],
  maximum: ['数值太大', 'too large'],
  type: ['类型不符', 'wrong type'],
  panel: ['不在评审组', 'not on the panel'],
};

/** Every input component of a form, with the JSON pointer of its value (dynamic lists by index). */
function fieldsOf(components, prefix = '') {
  return components.flatMap((c) => {
    if (c.type === 'dynamiclist') return [{ pointer: `${prefix}/${c.path}`, component: c }, ...fieldsOf(c.components ?? [], `${prefix}/${c.path}/*`)];
    if (c.components) return fieldsOf(c.components, prefix);
    return c.key ? [{ pointer: `${prefix}/${c.key}`, component: c }] : [];
  });
}

/** The message for one field error: the rule in Chinese and English, then the API's own words. */
function messageOf(error) {
  const [zh, en] = ruleText[error.rule] ?? [error.rule, error.rule];
  return `${zh} / ${en}: ${error.message}`;
}

/**
 * Places the API's field errors on the form: form-js shows each beside its field (errors keyed by
 * the component's id, and by index inside a dynamic list); an error summary at the top links to
 * them. Errors the form has no field for are listed in the summary only.
 */
function showErrors(form, schema, apiError, summary) {
  const fields = fieldsOf(schema.components);
  const errors = {};
  const items = [];
  for (const [pointer, list] of apiError.fields) {
    const generic = pointer.replace(/\/\d+(?=\/|$)/g, '/*');
    const field = fields.find((f) => f.pointer === generic);
    const messages = list.map(messageOf);
    if (field) {
      const indexes = [...pointer.matchAll(/\/(\d+)(?=\/)/g)].map((m) => Number(m[1]));
      let target = errors;
      const path = [field.component.id, ...indexes];
      for (const step of path.slice(0, -1)) target = target[step] ??= {};
      target[path.at(-1)] = messages;
    }
    const label = field?.component.label ?? pointer;
    items.push(h('li', {}, field ? h('a', { href: `#${field.component.id}`, dataset: { field: field.component.id } }, `${label}：${messages.join('；')}`) : `${label}：${messages.join('；')}`));
  }
  form._setState({ errors });
  summary.replaceChildren(h('h2', { id: 'error-summary-title' }, ...zhEn('请更正以下问题', 'Please correct the following')), h('ul', {}, items));
  summary.hidden = false;
  summary.focus();
}

/** Opens a task: the case's key facts beside the task's own form, rendered by form-js. */
export async function renderTask(view, ctx) {
  const task = await get(`/tasks/${ctx.params.key}`);
  const declaration = task.businessKey && DECLARATION.test(task.businessKey) ? await get(`/declarations/${task.businessKey}`).catch(() => null) : null;
  const redraw = () => ctx.navigate(`/tasks/${task.key}`, { replace: true });

  view.append(
    pageTitle(task.name?.split(' / ')[0] ?? task.elementId, task.name?.split(' / ')[1] ?? task.elementId),
    h('p', {}, h('strong', {}, ...zhEn('期限', 'Due')), '：', dueCell(task), ' ', claimButton(task, redraw)),
  );
  const facts = h('section', { class: 'panel', 'aria-labelledby': 'facts-title' }, h('h2', { id: 'facts-title' }, ...zhEn('案件要点', 'Key facts of the case')));
  if (declaration) facts.append(caseFacts(declaration));
  else facts.append(campaignFacts(task));
  facts.append(...caseReview(task));
  // The office weighs the member units' opinions; a unit sees the candidates only.
  if (task.comprehensiveReview) facts.append(...comprehensiveReview(task.comprehensiveReview, { withOpinions: task.elementId === 'decideProposedList' }));
  if (task.declarations) facts.append(h('h3', {}, ...zhEn('评审组的申报', 'Declarations of your panel')), h('ul', {}, task.declarations.map((n) => h('li', {}, h('a', { href: `/cases/${n}` }, n)))));

  const summary = h('div', { class: 'error-summary', role: 'alert', tabindex: '-1', hidden: true, 'aria-labelledby': 'error-summary-title' });
  const formSection = h('section', { class: 'panel', 'aria-labelledby': 'form-title' }, h('h2', { id: 'form-title' }, ...zhEn('办理表单', 'Task form')), summary);
  // The ranked proposal's rows and Attachment 2 are tables: one column, the form under the key facts.
  const basis = decisionBasis(task);
  view.append(h('div', { class: task.keyListProposal || task.standardReview ? null : 'two-columns' }, facts, basis ? h('div', {}, basis, formSection) : formSection));

  if (!task.form) {
    formSection.append(h('p', {}, ...zhEn('此任务没有表单，不能在此办理。', 'This task has no form and cannot be completed here.')));
    return;
  }
  await loadScript('/vendor/form-js/form-viewer.umd.js');
  const container = h('div', { id: 'task-form' });
  const submit = h('button', { type: 'button', id: 'complete-task' }, ...zhEn('提交并完成', 'Submit and complete'));
  formSection.append(container, h('div', { class: 'actions' }, submit));
  // What the process prepared for the form (the candidates to tick, the unit asked), as Tasklist
  // fills it, then what the page fills in from what the API tells it (the expert's sheets, the
  // ranked proposal's rows: web/task-form-prefill.js).
  const { schema, data } = prefilledForm(task);
  // Each change reaches the form's state at once: with form-js's 300 ms debounce, opinions typed in
  // an expert's second and later sheets were lost when the next field was filled straight after.
  const form = new window.FormViewer.Form({ container, debounce: false });
  await form.importSchema(schema, { ...task.formData, ...data });

  summary.addEventListener('click', (event) => {
    const link = event.target.closest('a[data-field]');
    if (!link) return;
    event.preventDefault();
    container.querySelector(`[id$="${CSS.escape(link.dataset.field)}"]`)?.focus();
  });

  submit.addEventListener('click', async () => {
    submit.disabled = true;
    summary.hidden = true;
    form._setState({ errors: {} });
    try {
      // The API checks the data against the same .form file; its answer is the one that counts.
      await post(`/tasks/${task.key}/complete`, withoutEmptyFields(form._getSubmitData()));
      announce('任务已完成 / task completed');
      const next = declaration ? `/cases/${declaration.number}` : '/inbox';
      await ctx.navigate(next, { flash: zhEn(`“${task.name ?? task.elementId}”已完成，案件已进入下一步。`, 'The task is completed and the case has moved on.') });
    } catch (error) {
      submit.disabled = false;
      if (error instanceof ApiError && error.status === 400 && error.fields.size) showErrors(form, schema, error, summary);
      else {
        summary.replaceChildren(h('p', {}, error.message));
        summary.hidden = false;
        summary.focus();
      }
    }
  });
}

/**
 * What this decision rests on, right above its form: the institute's Attachment 2 with the
 * proposal computed from it, the secretariat's proposed body among the active ones, the office's
 * credit consultation. Null for the other tasks.
 */
function decisionBasis(task) {
  const parts = [
    ...(task.standardReview ? standardReview(task.standardReview) : []),
    ...(task.bodyProposal ? bodyProposal(task.bodyProposal) : []),
    ...(task.creditConsultation ? creditConsultation(task.creditConsultation) : []),
  ];
  if (parts.length === 0) return null;
  return h('section', { class: 'panel', 'aria-labelledby': 'basis-title', id: 'decision-basis' }, h('h2', { id: 'basis-title' }, ...zhEn('决定依据', 'What the decision rests on')), ...parts);
}

/** A campaign's task (business key: the year): the year, and for a member unit's opinion the unit asked. */
function campaignFacts(task) {
  const rows = [CAMPAIGN.test(task.businessKey ?? '') ? ['申报年度', 'Campaign', task.businessKey] : ['业务编号', 'Business key', task.businessKey ?? '—']];
  if (task.memberUnit) rows.push(['成员单位', 'Member unit', task.memberUnit.name]);
  return h('dl', { class: 'facts' }, rows.flatMap(([zh, en, value]) => [h('dt', {}, ...zhEn(zh, en)), h('dd', {}, value)]));
}

/**
 * form-js submits a number field left empty as null; the API's schema (from the same .form) takes
 * an optional field as absent, not null. Empty fields are left out, in rows of dynamic lists too.
 */
function withoutEmptyFields(data) {
  if (Array.isArray(data)) return data.map(withoutEmptyFields);
  if (data === null || typeof data !== 'object') return data;
  return Object.fromEntries(Object.entries(data).filter(([, value]) => value !== null && value !== undefined).map(([key, value]) => [key, withoutEmptyFields(value)]));
}
