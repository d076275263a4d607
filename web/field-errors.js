// The API's field errors (problem details `errors`, each a JSON pointer, a rule and a message)
// placed beside the fields of a hand-built form, and listed in an error summary at its top whose
// links move focus to the field. The API's answer is the only check: nothing is validated here.
import { h, zhEn } from './dom.js';

// What each rule the API names means, Chinese first; the API's own words follow.
const ruleText = {
  required: ['必填', 'required'],
  minLength: ['内容太短', 'too short'],
  maxLength: ['内容太长', 'too long'],
  pattern: ['格式不符', 'wrong format'],
  format: ['格式不符', 'wrong format'],
  minimum: ['数值太小', 'too small'],
  maximum: ['数值太大', 'too large'],
  type: ['类型不符', 'wrong type'],
  enum: ['不是可选的值', 'not one of the choices'],
  anyOf: ['不是可选的值', 'not one of the choices'],
  uniqueItems: ['有重复', 'has duplicates'],
  correction: ['补正原因未列出此项', 'not named by the correction'],
  sameCategory: ['与申报类别不一致', 'differs from the category'],
  maxSize: ['文件太大', 'file too large'],
  minSize: ['文件为空', 'file is empty'],
  fileType: ['文件类型不符', 'wrong file type'],
};

export function messageOf(error) {
  const [zh, en] = ruleText[error.rule] ?? ['有误', error.rule];
  return `${zh} / ${en}: ${error.message}`;
}

/**
 * A form's error display. `fields` maps a JSON pointer to { input, label, errorSlot }; an error
 * whose pointer has no field of its own goes to the nearest field above it (`/facts/sales/year`
 * to `/facts/sales` if only that has a field), else to the summary only.
 */
export function errorDisplay(summary, fields) {
  const shown = [];
  summary.addEventListener('click', (event) => {
    const link = event.target.closest('a[data-field]');
    if (!link) return;
    event.preventDefault();
    document.getElementById(link.dataset.field)?.focus();
  });

  function fieldFor(pointer) {
    for (let p = pointer; p !== ''; p = p.slice(0, p.lastIndexOf('/'))) {
      if (fields.has(p)) return fields.get(p);
    }
    return undefined;
  }

  function clear() {
    for (const field of shown) {
      field.errorSlot.replaceChildren();
      field.input.removeAttribute('aria-invalid');
    }
    shown.length = 0;
    summary.replaceChildren();
    summary.hidden = true;
  }

  /** Shows an ApiError: its field errors beside their fields, or its message alone. */
  function show(error) {
    clear();
    const items = [];
    for (const [pointer, list] of error.fields ?? []) {
      const field = fieldFor(pointer);
      const text = list.map(messageOf).join('；');
      if (field) {
        field.errorSlot.append(h('span', {}, text));
        field.input.setAttribute('aria-invalid', 'true');
        shown.push(field);
        items.push(h('li', {}, h('a', { href: `#${field.input.id}`, dataset: { field: field.input.id } }, `${field.label}：${text}`)));
      } else {
        items.push(h('li', {}, `${pointer || '/'}：${text}`));
      }
    }
    // Field errors ask for a correction; an error of no field (a limit, a conflict) says why not.
    if (items.length) summary.append(h('h2', {}, ...zhEn('请更正以下问题', 'Please correct the following')), h('ul', {}, items));
    else summary.append(h('h2', {}, ...zhEn('未能提交', 'Not submitted')), h('p', {}, error.message));
    summary.hidden = false;
    summary.focus();
  }

  return { show, clear };
}

/** The element beside a field that holds its error, tied to the field for screen readers. */
export function errorSlotFor(input) {
  const slot = h('p', { class: 'field-error', id: `${input.id}-error` });
  const described = [input.getAttribute('aria-describedby'), slot.id].filter(Boolean).join(' ');
  input.setAttribute('aria-describedby', described);
  return slot;
}
