import { ApiError, get, post } from '../api.js';
import { announce, h, pageTitle, zhEn } from '../dom.js';
import { renderNotFound } from '../pages/not-found.js';
import { directoryKinds, kindsFor } from './directory-kinds.js';
import { renderEnterprises } from './enterprises.js';

const OUTCOMES = { created: ['已新增', 'created'], updated: ['已更新', 'updated'], unchanged: ['没有变化', 'unchanged'] };

function display(value) {
  if (value === true) return '是 / yes';
  if (value === false) return '否 / no';
  if (Array.isArray(value)) return value.join('、');
  return value ?? '—';
}

/** One input for a field of the record; `choices` is a group of checkboxes. */
function input(field) {
  const id = `field-${field.name}`;
  const described = field.hint ? `${id}-hint` : null;
  const label = h('label', { for: id }, ...zhEn(field.zh, field.en), field.required ? h('span', { class: 'required' }, ' *') : null);
  const hint = field.hint ? h('div', { id: described, class: 'hint en' }, field.hint) : null;
  if (field.type === 'bool') {
    const box = h('input', { type: 'checkbox', id, name: field.name, checked: field.default ? true : null });
    return { row: h('div', { class: 'form-row checkbox', dataset: { field: field.name } }, box, label), read: () => box.checked, focus: box };
  }
  if (field.type === 'choices') {
    const boxes = field.options.map(([value]) => h('input', { type: 'checkbox', id: `${id}-${value}`, name: field.name, value }));
    const group = h('fieldset', { id, dataset: { field: field.name }, 'aria-describedby': described },
      h('legend', {}, ...zhEn(field.zh, field.en), field.required ? ' *' : ''),
      boxes.map((box, i) => h('div', { class: 'form-row checkbox' }, box, h('label', { for: box.id }, field.options[i][1]))));
    return { row: group, read: () => boxes.filter((b) => b.checked).map((b) => b.value), focus: boxes[0], anchor: group };
  }
  const control = field.type === 'select'
    ? h('select', { id, name: field.name, 'aria-describedby': described }, field.required ? null : h('option', { value: '' }, '—'), field.options.map(([value, text]) => h('option', { value }, text)))
    : h('input', { id, name: field.name, type: field.type === 'email' ? 'email' : 'text', autocomplete: 'off', maxlength: '400', 'aria-describedby': described });
  const read = () => {
    const text = control.value.trim();
    if (field.type === 'list') return text ? text.split(/[;；]/).map((s) => s.trim()).filter(Boolean) : undefined;
    return text || undefined;
  };
  return { row: h('div', { class: 'form-row', dataset: { field: field.name } }, label, hint, control), read, focus: control };
}

/** A field's message beside it, and one summary at the top whose links move focus to the field. */
function showErrors(form, items) {
  for (const old of form.querySelectorAll('.field-error, .error-summary')) old.remove();
  for (const { control, message, id } of items) {
    if (!control) continue;
    control.setAttribute('aria-invalid', 'true');
    const note = h('p', { class: 'field-error', id }, message);
    control.closest('[data-field]')?.append(note);
    control.setAttribute('aria-describedby', [control.getAttribute('aria-describedby'), id].filter(Boolean).join(' '));
  }
  const summary = h('div', { class: 'error-summary', role: 'alert', tabindex: '-1' }, h('h2', {}, ...zhEn('请更正以下问题', 'Please correct the following')),
    h('ul', {}, items.map(({ control, message }) => h('li', {}, control ? h('a', { href: `#${control.id}`, onclick: (e) => { e.preventDefault(); control.focus(); } }, message) : message))));
  form.prepend(summary);
  summary.focus();
}

function recordForm(kind, ctx) {
  const inputs = kind.fields.map((field) => ({ field, ...input(field) }));
  const button = h('button', { type: 'submit' }, ...zhEn('保存', 'Save'));
  const form = h('form', { novalidate: true, id: 'record-form' },
    h('p', {}, ...zhEn(`按${kind.key === 'id' ? '编号' : '角色、范围与邮箱'}新增或更新；带 * 的为必填。`, `Creates or updates by ${kind.key === 'id' ? 'id' : 'role, scope and e-mail'}; * is required.`)),
    inputs.map((i) => i.row), button);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    for (const old of form.querySelectorAll('[aria-invalid]')) old.removeAttribute('aria-invalid');
    const record = {};
    const missing = [];
    for (const { field, read, focus } of inputs) {
      const value = read();
      const empty = value === undefined || (Array.isArray(value) && value.length === 0);
      if (field.required && empty) missing.push({ control: focus, id: `field-${field.name}-error`, message: `${field.zh} / ${field.en}：必填 / required` });
      else if (!empty) record[field.name] = value;
    }
    if (missing.length) return showErrors(form, missing);
    button.disabled = true;
    try {
      const { outcome } = await post(kind.path, record);
      const [zh, en] = OUTCOMES[outcome];
      announce(zh);
      await ctx.navigate(location.pathname, { replace: true, flash: zhEn(`${zh}：${record[kind.key]}`, `${en}: ${record[kind.key]}`) });
    } catch (error) {
      button.disabled = false;
      if (!(error instanceof ApiError) || error.fields.size === 0) return showErrors(form, [{ message: error.message }]);
      const items = [];
      for (const [pointer, errors] of error.fields) {
        const name = pointer.split('/')[1];
        const target = inputs.find((i) => i.field.name === name);
        for (const e of errors) items.push({ control: target?.focus, id: `field-${name}-error`, message: `${target ? `${target.field.zh} / ${target.field.en}` : pointer || '—'}：${e.message}` });
      }
      showErrors(form, items);
    }
  });
  return h('section', { class: 'panel', 'aria-labelledby': 'record-form-title' }, h('h2', { id: 'record-form-title' }, ...zhEn('新增或更新', 'Add or update')), form);
}

/** A CSV of the kind, read in the browser and sent as text to POST /directory/imports; the report row by row. */
function importForm(kind, ctx) {
  const file = h('input', { type: 'file', id: 'csv-file', accept: '.csv,text/csv', 'aria-describedby': 'csv-hint' });
  const partial = h('input', { type: 'checkbox', id: 'csv-partial' });
  const report = h('div', { id: 'import-report', role: 'status' });
  const form = h('form', { novalidate: true },
    h('div', { class: 'form-row', dataset: { field: 'csv' } }, h('label', { for: 'csv-file' }, ...zhEn('CSV 文件（UTF-8）', 'CSV file (UTF-8)')),
      h('div', { id: 'csv-hint', class: 'hint en' }, '首行为列名，列见 docs/directory.md / the first line names the columns (docs/directory.md)'), file),
    h('div', { class: 'form-row checkbox' }, partial, h('label', { for: 'csv-partial' }, ...zhEn('只导入合格的行', 'Load the good rows only'))),
    h('button', { type: 'submit', class: 'button-secondary' }, ...zhEn('导入', 'Import')), report);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    report.replaceChildren();
    const chosen = file.files?.[0];
    if (!chosen) return showErrors(form, [{ control: file, id: 'csv-file-error', message: '请选择文件 / choose a file' }]);
    try {
      const result = await post('/directory/imports', { kind: kind.kind, csv: await chosen.text(), partial: partial.checked });
      report.append(h('p', {}, result.loaded ? h('strong', {}, `已导入：新增 ${result.created}，更新 ${result.updated}，未变 ${result.unchanged}`) : h('strong', { class: 'field-error' }, '未导入任何数据'),
        h('span', { class: 'en', lang: 'en' }, result.loaded ? ` / loaded: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged` : ' / nothing was loaded')));
      if (result.rejected.length) report.append(h('ul', { class: 'field-error' }, result.rejected.map((r) => h('li', {}, `第 ${r.row} 行 ${r.field}：${r.zh} / row ${r.row} ${r.field}: ${r.en} [${r.rule}]`))));
      if (result.loaded && !result.rejected.length) await ctx.navigate(location.pathname, { replace: true, flash: zhEn(`已导入 ${result.rows} 行`, `${result.rows} row(s) imported`) });
    } catch (error) {
      showErrors(form, [{ message: error.message }]);
    }
  });
  return h('section', { class: 'panel', 'aria-labelledby': 'import-title' }, h('h2', { id: 'import-title' }, ...zhEn('导入 CSV', 'Import a CSV')), form);
}

/**
 * 名录: the directory's records for the office that keeps them (experts, institutes, member
 * units and contacts: the provincial office; certification bodies: the alliance secretariat, the
 * office reads them). Enterprises register themselves and are confirmed by their county here.
 */
export async function renderDirectory(view, ctx) {
  const kinds = kindsFor(ctx.user.role);
  const slug = ctx.params.kind ?? kinds[0]?.[0];
  const kind = directoryKinds[slug];
  if (!kind || !kind.listers.includes(ctx.user.role)) return renderNotFound(view);
  const tabs = h('nav', { class: 'tabs', 'aria-label': '记录类别 / Record kind' }, kinds.map(([s, k]) => h('a', { href: `/directory/${s}`, 'aria-current': s === slug ? 'true' : null }, ...zhEn(...k.name))));
  if (slug === 'enterprises') return renderEnterprises(view, ctx, tabs);
  const records = await get(kind.path);
  view.append(
    pageTitle(`名录：${kind.name[0]}`, `Directory: ${kind.name[1]}`),
    tabs,
    h('p', { id: 'directory-summary' }, `共 ${records.length} 条`, h('span', { class: 'en', lang: 'en' }, ` / ${records.length} record(s)`)),
  );
  const columns = kind.columns;
  const list = records.length
    ? h('table', { class: 'cards', id: 'records' },
      h('caption', { class: 'visually-hidden' }, `${kind.name[0]} / ${kind.name[1]}`),
      h('thead', {}, h('tr', {}, columns.map(([, label]) => h('th', { scope: 'col' }, label)))),
      h('tbody', {}, records.map((r) => h('tr', {}, columns.map(([name, label]) => h('td', { 'data-label': label }, display(r[name])))))))
    : h('div', { class: 'panel' }, h('p', {}, ...zhEn('尚无记录。', 'No records yet.')));
  const keeps = kind.keepers.includes(ctx.user.role);
  view.append(keeps ? h('div', { class: 'two-columns directory' }, h('div', {}, recordForm(kind, ctx), importForm(kind, ctx)), list) : list);
}
