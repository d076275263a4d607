import { ApiError, get, post } from '../api.js';
import { announce, h, pageTitle, zhEn } from '../dom.js';
import { errorDisplay, errorSlotFor } from '../field-errors.js';
import { both, categoryNames } from '../labels.js';

/** The objection form for one declaration in publicity; the API limits objections per address. */
function objectionForm(entry) {
  const id = (name) => `objection-${entry.number}-${name}`;
  const kind = h('select', { id: id('kind'), name: 'objectorKind' }, h('option', { value: 'PERSON' }, '个人 / a person'), h('option', { value: 'UNIT' }, '单位 / an organisation'));
  const name = h('input', { id: id('name'), name: 'objectorName', maxlength: '100', autocomplete: 'name' });
  const contact = h('input', { id: id('contact'), name: 'contact', maxlength: '200', autocomplete: 'email', 'aria-describedby': id('contact-hint') });
  const text = h('textarea', { id: id('text'), name: 'text', rows: '5', maxlength: '5000' });
  const slots = new Map();
  const field = (pointer, input, label) => {
    const errorSlot = errorSlotFor(input);
    slots.set(pointer, { input, label: `${label[0]} / ${label[1]}`, errorSlot });
    return h('div', { class: 'form-row' }, h('label', { for: input.id }, ...zhEn(...label)), input, errorSlot);
  };
  const summary = h('div', { class: 'error-summary', role: 'alert', tabindex: '-1', hidden: true });
  const done = h('div', { role: 'status' });
  const button = h('button', { type: 'submit' }, ...zhEn('提交异议', 'Submit the objection'));
  const form = h(
    'form',
    { novalidate: true, class: 'objection-form' },
    summary,
    field('/objectorKind', kind, ['异议人类别', 'You object as']),
    field('/objectorName', name, ['姓名或单位名称', 'Your name, or your organisation’s name']),
    field('/contact', contact, ['联系方式（电话或邮箱）', 'Contact (phone or e-mail)']),
    h('p', { class: 'hint', id: id('contact-hint') }, ...zhEn('联系方式仅供省质委办核实，不会公开。', 'Only the provincial office sees it, to check the objection; it is never published.')),
    field('/text', text, ['异议内容（至少10个字）', 'The objection (at least 10 characters)']),
    button,
  );
  const errors = errorDisplay(summary, slots);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    errors.clear();
    button.disabled = true;
    try {
      await post(`/publicity/${entry.number}/objections`, { objectorKind: kind.value, objectorName: name.value.trim(), contact: contact.value.trim(), text: text.value.trim() });
      form.replaceWith(done);
      done.append(h('p', { class: 'notice' }, ...zhEn('异议已收到，省质委办将核实处理。', 'Your objection is received; the provincial office will look into it.')));
      announce('异议已收到 / objection received');
    } catch (error) {
      button.disabled = false;
      if (!(error instanceof ApiError)) throw error;
      // Too many objections from this address: the API's message says how long to wait.
      if (error.status === 429) errors.show(new ApiError(429, { detail: error.message }));
      else errors.show(error);
    }
  });
  return form;
}

/** `/publicity` (公示), open to everyone: the declarations in publicity, each with its objection form. */
export async function renderPublicity(view) {
  const entries = await get('/publicity');
  view.append(
    pageTitle('公示', 'Publicity'),
    h('p', {}, ...zhEn('以下产品拟认定为“江苏精品”，现予公示。对公示内容有异议的，可在公示期内实名提出。', 'The products below are proposed as Jiangsu Quality products. Anyone who objects may say so, under his own name, while the publicity lasts.')),
  );
  if (!entries.length) {
    view.append(h('div', { class: 'panel' }, h('p', { id: 'publicity-empty' }, ...zhEn('目前没有公示中的产品。', 'No product is in publicity now.'))));
    return;
  }
  view.append(
    h('ul', { class: 'entries', id: 'publicity-list' }, entries.map((entry) =>
      h('li', { class: 'panel', dataset: { number: entry.number } },
        h('h2', {}, entry.productName),
        h('dl', { class: 'facts' },
          h('dt', {}, ...zhEn('企业', 'Enterprise')), h('dd', {}, entry.enterpriseName),
          h('dt', {}, ...zhEn('类别', 'Category')), h('dd', {}, both(categoryNames[entry.category], entry.category)),
          h('dt', {}, ...zhEn('申报编号', 'Number')), h('dd', {}, entry.number),
          h('dt', {}, ...zhEn('年度', 'Year')), h('dd', {}, String(entry.campaignYear))),
        h('details', {}, h('summary', {}, ...zhEn('对此产品提出异议', 'Object to this product')), objectionForm(entry))))),
  );
}
