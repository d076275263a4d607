import { ApiError } from '../api.js';
import { h, zhEn } from '../dom.js';

/**
 * The office's forms show errors the same way: each message beside its field (the field points at
 * it with aria-describedby), and a summary at the top of the form whose links move focus there.
 * `items`: { control?, message }.
 */
export function showFormErrors(form, items) {
  clearFormErrors(form);
  // Several messages for one field follow each other in the order given.
  const last = new Map();
  for (const [index, { control, message }] of items.entries()) {
    if (!control) continue;
    const id = `${control.id}-error-${index}`;
    control.setAttribute('aria-invalid', 'true');
    control.setAttribute('aria-describedby', [control.getAttribute('aria-describedby'), id].filter(Boolean).join(' '));
    const note = h('p', { class: 'field-error', id }, message);
    (last.get(control) ?? control.closest('.form-row') ?? control).after(note);
    last.set(control, note);
  }
  const summary = h('div', { class: 'error-summary', role: 'alert', tabindex: '-1' }, h('h2', {}, ...zhEn('请更正以下问题', 'Please correct the following')),
    h('ul', {}, items.map(({ control, message }) => h('li', {}, control ? h('a', { href: `#${control.id}`, onclick: (e) => { e.preventDefault(); control.focus(); } }, message) : message))));
  form.prepend(summary);
  summary.focus();
}

export function clearFormErrors(form) {
  for (const old of form.querySelectorAll('.field-error, .error-summary')) old.remove();
  for (const control of form.querySelectorAll('[aria-invalid]')) {
    control.removeAttribute('aria-invalid');
    const kept = (control.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id && !id.includes('-error-')).join(' ');
    if (kept) control.setAttribute('aria-describedby', kept);
    else control.removeAttribute('aria-describedby');
  }
}

/** An API refusal as form errors: `controlOf(pointer)` finds the field a JSON pointer names. */
export function apiErrorItems(error, controlOf) {
  if (!(error instanceof ApiError) || error.fields.size === 0) return [{ message: error.message }];
  const items = [];
  for (const [pointer, errors] of error.fields) for (const e of errors) items.push({ control: controlOf(pointer), message: `${pointer || '—'}：${e.message}` });
  return items;
}
