import { ApiError, get, post } from '../api.js';
import { announce, h, pageTitle, zhEn } from '../dom.js';
import { caseFacts } from '../case-facts.js';
import { errorDisplay, errorSlotFor } from '../field-errors.js';

/**
 * `/certifications/:number`: a certification body reports its decision on one of its own
 * certifications (`POST /certifications/:number/result`), with the certificate it issued when it
 * certifies. The API is the only check; its field errors stand beside their fields. Another body's
 * case answers 404 from `GET /declarations/:number` and shows the not-found page.
 */
export async function renderCertificationResult(view, ctx) {
  if (ctx.user.role !== 'certification_body') return ctx.navigate(`/cases/${ctx.params.number}`, { replace: true });
  const declaration = await get(`/declarations/${encodeURIComponent(ctx.params.number)}`);
  view.append(pageTitle(`认证结论 ${declaration.number}`, `Certification result ${declaration.number}`));
  view.append(h('section', { class: 'panel', 'aria-labelledby': 'facts-title' }, h('h2', { id: 'facts-title' }, ...zhEn('案件要点', 'Key facts')), caseFacts(declaration)));
  if (declaration.certification?.status !== 'IN_PROGRESS') {
    view.append(h('p', { class: 'notice', id: 'certification-state' }, ...zhEn(`此认证不在进行中（${declaration.certification?.status ?? '未安排'}），无需报告结论。`, `This certification is not in progress (${declaration.certification?.status ?? 'not arranged'}): nothing to report.`)),
      h('p', {}, h('a', { href: `/cases/${declaration.number}` }, ...zhEn('查看案件', 'Open the case'))));
    return;
  }

  const fields = new Map();
  const row = (pointer, label, input, hint) => {
    const errorSlot = errorSlotFor(input);
    fields.set(pointer, { input, label: `${label[0]} / ${label[1]}`, errorSlot });
    return h('div', { class: 'form-row' }, h('label', { for: input.id }, ...zhEn(...label)), hint ? h('p', { class: 'hint', id: `${input.id}-hint` }, ...hint) : null, input, errorSlot);
  };
  // Certified or not: two radios in a fieldset, the group's error slot beside the legend.
  const yes = h('input', { type: 'radio', name: 'certified', id: 'certified-yes', value: 'true' });
  const no = h('input', { type: 'radio', name: 'certified', id: 'certified-no', value: 'false' });
  const certifiedError = errorSlotFor(yes);
  fields.set('/certified', { input: yes, label: '认证结论 / Result', errorSlot: certifiedError });
  const choice = h('fieldset', { class: 'form-row' }, h('legend', {}, ...zhEn('认证结论', 'Result')),
    h('div', { class: 'form-row checkbox' }, yes, h('label', { for: yes.id }, ...zhEn('通过认证', 'Certified'))),
    h('div', { class: 'form-row checkbox' }, no, h('label', { for: no.id }, ...zhEn('未通过认证', 'Not certified'))), certifiedError);
  const number = h('input', { id: 'certificate-number', name: 'certificateNumber', maxlength: '60', 'aria-describedby': 'certificate-number-hint' });
  const date = h('input', { id: 'certificate-date', name: 'certificateDate', type: 'date', 'aria-describedby': 'certificate-date-hint' });
  const note = h('textarea', { id: 'certification-note', name: 'note', rows: '3', maxlength: '2000' });
  const summary = h('div', { class: 'error-summary', role: 'alert', tabindex: '-1', hidden: true });
  const errors = errorDisplay(summary, fields);
  const button = h('button', { type: 'submit' }, ...zhEn('报告认证结论', 'Report the result'));
  const form = h('form', { novalidate: true, id: 'certification-form', class: 'panel' }, summary, choice,
    row('/certificateNumber', ['证书编号', 'Certificate number'], number, zhEn('通过认证时填写本机构颁发的证书编号。', 'When certified: the number of the certificate your body issued.')),
    row('/certificateDate', ['发证日期（北京时间）', 'Certificate date (Beijing)'], date, zhEn('通过认证时填写；有效期三年自该日起。', 'When certified; its three years run from this date.')),
    row('/note', ['说明（可选）', 'Note (optional)'], note),
    button);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    errors.clear();
    button.disabled = true;
    const text = (input) => (input.value.trim() === '' ? undefined : input.value.trim());
    // Neither radio ticked: `certified` is left out, and the API names it as required.
    const certified = yes.checked ? true : no.checked ? false : undefined;
    try {
      await post(`/certifications/${encodeURIComponent(declaration.number)}/result`, {
        certified,
        certificateNumber: text(number),
        certificateDate: text(date),
        note: text(note),
      });
      announce('认证结论已报告 / result reported');
      await ctx.navigate(`/cases/${declaration.number}`, { flash: zhEn('认证结论已报告，案件进入下一步。', 'The result is reported: the case moves on.') });
    } catch (error) {
      button.disabled = false;
      if (error instanceof ApiError) errors.show(error);
      else throw error;
    }
  });
  view.append(form);
}
