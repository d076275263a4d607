import { get, post } from '../api.js';
import { h, pageTitle, zhEn } from '../dom.js';
import { timeElement } from '../format.js';
import { apiErrorItems, clearFormErrors, showFormErrors } from './form-errors.js';
import { officeOnly } from './office-only.js';

function versionsTable(versions) {
  if (!versions.length) return h('div', { class: 'panel' }, h('p', {}, ...zhEn('尚未导入规则集。', 'No rule set is loaded.')));
  const columns = ['年度 / Year', '版本 / Version', '通知 / Notice', '导入 / Loaded', '使用 / In use'];
  return h('table', { class: 'cards', id: 'rule-sets' },
    h('caption', { class: 'visually-hidden' }, '规则集版本 / rule-set versions'),
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, versions.map((v) => h('tr', {},
      h('td', { 'data-label': columns[0] }, String(v.year)),
      h('td', { 'data-label': columns[1] }, `第 ${v.version} 版 / v${v.version}`, v.inForce ? [' ', h('span', { class: 'badge badge-mine' }, '现行 / in force')] : null),
      h('td', { 'data-label': columns[2] }, v.notice ?? '未见 / not seen'),
      h('td', { 'data-label': columns[3] }, v.loadedBy, ' · ', timeElement(v.loadedAt)),
      h('td', { 'data-label': columns[4] }, v.usedSince ? ['已冻结 / frozen since ', timeElement(v.usedSince)] : '未使用 / not used yet')))));
}

/**
 * Loading a rule-set file (JSON, docs/rule-set.schema.json): read in the browser, sent to
 * POST /rule-sets, which checks it field by field; the page says how much changed against the year before.
 */
function loadForm(ctx) {
  const file = h('input', { type: 'file', id: 'rule-set-file', accept: '.json,application/json', 'aria-describedby': 'rule-set-file-hint' });
  const result = h('div', { id: 'load-result', role: 'status' });
  const form = h('form', { novalidate: true, id: 'load-form' },
    h('div', { class: 'form-row' }, h('label', { for: 'rule-set-file' }, ...zhEn('规则集文件（JSON）', 'Rule-set file (JSON)')),
      h('div', { id: 'rule-set-file-hint', class: 'hint en' }, '同一年度同一版本只导入一次，更正请提高版本号 / a year and version loads once: a correction is a new version'), file),
    h('button', { type: 'submit' }, ...zhEn('校验并导入', 'Check and load')), result);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFormErrors(form);
    result.replaceChildren();
    const chosen = file.files?.[0];
    if (!chosen) return showFormErrors(form, [{ control: file, message: '请选择文件 / choose a file' }]);
    let ruleSet;
    try {
      ruleSet = JSON.parse(await chosen.text());
    } catch {
      return showFormErrors(form, [{ control: file, message: `${chosen.name}：不是有效的 JSON / not valid JSON` }]);
    }
    try {
      const loaded = await post('/rule-sets', ruleSet);
      const against = loaded.against ? [`与 ${loaded.against.year} 年度第 ${loaded.against.version} 版相比有 ${loaded.changes.length} 处变化。`, ` ${loaded.changes.length} change(s) against ${loaded.against.year} v${loaded.against.version}.`] : ['', ''];
      await ctx.navigate('/rule-sets', { replace: true, flash: zhEn(`${loaded.year} 年度规则集第 ${loaded.version} 版已导入。${against[0]}`, `${loaded.year} rule set version ${loaded.version} loaded.${against[1]}`) });
    } catch (error) {
      showFormErrors(form, apiErrorItems(error, () => file));
    }
  });
  return h('section', { class: 'panel', 'aria-labelledby': 'load-title' }, h('h2', { id: 'load-title' }, ...zhEn('导入规则集', 'Load a rule set')), form);
}

/** 年度规则集: every loaded version, which is in force, which is frozen; and loading a new one. */
export async function renderRuleSets(view, ctx) {
  if (!officeOnly(view, ctx)) return;
  const versions = await get('/rule-sets');
  view.append(pageTitle('年度规则集', 'Campaign rule sets'), h('p', {}, h('a', { href: '/campaigns' }, ...zhEn('申报年度', 'Campaigns'))), h('div', { class: 'two-columns directory' }, loadForm(ctx), versionsTable(versions)));
}
