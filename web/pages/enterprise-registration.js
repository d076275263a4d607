import { ApiError, get, post } from '../api.js';
import { announce, h, pageTitle, zhEn } from '../dom.js';
import { errorDisplay, errorSlotFor } from '../field-errors.js';

/** The enterprise's own record, or null before it has registered. */
export async function ownEnterprise(user) {
  try {
    return await get(`/enterprises/${encodeURIComponent(user.scope)}`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/** Where a registration stands: awaiting the county's confirmation, or confirmed. */
function recordPanel(record) {
  const rows = [
    ['统一社会信用代码', 'Credit code', record.id],
    ['企业名称', 'Name', record.pendingName ? `${record.name}（更名待确认 / renaming to ${record.pendingName}）` : record.name],
    ['所在地', 'City / county', `${record.cityCode} / ${record.countyCode}`],
    ['联系人', 'Contact', [record.contactName, record.contactPhone, record.email].filter(Boolean).join(' · ') || '—'],
  ];
  const status = record.status === 'CONFIRMED'
    ? h('p', { class: 'notice', id: 'registration-status' }, ...zhEn('登记已由所在县（市、区）确认，可以申报。', 'Your county has confirmed the registration: you may declare.'))
    : h('p', { class: 'notice', id: 'registration-status' }, ...zhEn('登记已提交，等待所在县（市、区）确认；确认后即可申报。', 'Registered: awaiting your county’s confirmation, after which you may declare.'));
  return h('section', { class: 'panel' }, status, h('dl', { class: 'facts' }, rows.flatMap(([zh, en, value]) => [h('dt', {}, ...zhEn(zh, en)), h('dd', {}, value)])));
}

/**
 * `/enterprise`: an enterprise registers itself (`POST /enterprises`, its own credit code), then
 * waits for its county to confirm; the registration's state once it has one.
 */
export async function renderEnterpriseRegistration(view, ctx) {
  if (ctx.user.role !== 'enterprise') return ctx.navigate('/', { replace: true });
  const record = await ownEnterprise(ctx.user);
  view.append(pageTitle('企业登记', 'Enterprise registration'));
  if (record) {
    view.append(recordPanel(record));
    if (record.status === 'CONFIRMED') view.append(h('p', {}, h('a', { class: 'button', href: '/declarations/new' }, ...zhEn('申报产品', 'Declare a product'))));
    return;
  }
  const fields = new Map();
  const field = (pointer, label, attributes) => {
    const input = h('input', { id: `reg-${pointer.slice(1)}`, name: pointer.slice(1), ...attributes });
    const errorSlot = errorSlotFor(input);
    fields.set(pointer, { input, label: `${label[0]} / ${label[1]}`, errorSlot });
    return { input, row: h('div', { class: 'form-row' }, h('label', { for: input.id }, ...zhEn(...label)), input, errorSlot) };
  };
  const credit = field('/creditCode', ['统一社会信用代码', 'Unified social credit code'], { value: ctx.user.scope, readonly: true });
  const name = field('/name', ['企业名称（与营业执照一致）', 'Name (as on the business licence)'], { maxlength: '400', autocomplete: 'organization' });
  const city = field('/cityCode', ['所在设区市代码（6位）', 'City code (6 digits)'], { inputmode: 'numeric', maxlength: '6', placeholder: '320100' });
  const county = field('/countyCode', ['所在县（市、区）代码（6位）', 'County code (6 digits)'], { inputmode: 'numeric', maxlength: '6', placeholder: '320102' });
  const contact = field('/contactName', ['联系人', 'Contact person'], { maxlength: '400', autocomplete: 'name' });
  const phone = field('/contactPhone', ['联系电话', 'Phone'], { type: 'tel', autocomplete: 'tel' });
  const email = field('/email', ['电子邮箱', 'E-mail'], { type: 'email', autocomplete: 'email' });
  const summary = h('div', { class: 'error-summary', role: 'alert', tabindex: '-1', hidden: true });
  const errors = errorDisplay(summary, fields);
  const button = h('button', { type: 'submit' }, ...zhEn('提交登记', 'Register'));
  const form = h('form', { novalidate: true, id: 'registration-form', class: 'panel' }, summary, [credit, name, city, county, contact, phone, email].map((f) => f.row), button);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    errors.clear();
    button.disabled = true;
    const optional = (input) => (input.value.trim() === '' ? undefined : input.value.trim());
    try {
      await post('/enterprises', {
        creditCode: ctx.user.scope,
        name: name.input.value.trim(),
        cityCode: city.input.value.trim(),
        countyCode: county.input.value.trim(),
        contactName: optional(contact.input),
        contactPhone: optional(phone.input),
        email: optional(email.input),
      });
      announce('登记已提交 / registered');
      await ctx.navigate('/enterprise', { replace: true, flash: zhEn('登记已提交。', 'Registered.') });
    } catch (error) {
      button.disabled = false;
      if (error instanceof ApiError) errors.show(error);
      else throw error;
    }
  });
  view.append(h('p', {}, ...zhEn('申报前，请先登记本企业；所在县（市、区）质委办确认后即可申报。', 'Register your enterprise first; once your county office confirms it, you may declare.')), form);
}
