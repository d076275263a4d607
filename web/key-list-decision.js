import { ApiError } from './api.js';
import { h, zhEn } from './dom.js';
import { errorDisplay, errorSlotFor } from './field-errors.js';
import { both, categoryNames } from './labels.js';

/**
 * The office's decision on the key-cultivation list (decideKeyList), drawn from the ranked
 * proposal GET /tasks/:key gives (`keyListProposal`): each ranked declaration in rank order with
 * its score and every panel member's total and opinion, and beside it the box that puts it on the
 * list. The proposal's entries start ticked; the office unticks whom it leaves off (or ticks them
 * again) and gives its reason. It sends what bpmn/forms/key-cultivation-list.form describes
 * (`keyList`: every ranked declaration with `selected`, and `keyListReason`), which the API checks
 * against that form; form-js is not used here because it cannot put a row's score and opinions
 * beside its box. `submit(data)` completes the task and throws the API's refusal.
 */
export function keyListDecision(proposal, { submit }) {
  const fields = new Map();
  const summary = h('div', { class: 'error-summary', role: 'alert', tabindex: '-1', hidden: true });
  const errors = errorDisplay(summary, fields);
  const count = h('p', { id: 'key-list-count', 'aria-live': 'polite' });

  const rows = proposal.map((r, i) => {
    const box = h('input', { type: 'checkbox', id: `key-list-${i}`, checked: r.selected ?? true, dataset: { number: r.declarationNumber } });
    const slot = errorSlotFor(box);
    fields.set(`/keyList/${i}`, { input: box, label: `${r.declarationNumber} 列入名单 / on the list`, errorSlot: slot });
    box.addEventListener('change', showCount);
    const cells = [
      ['列入名单 / On the list', h('div', { class: 'form-row checkbox' }, box, h('label', { for: box.id }, ...zhEn('列入名单', 'On the list'), h('span', { class: 'visually-hidden' }, ` ${r.declarationNumber}`)), slot)],
      ['排名 / Rank', String(r.rank)],
      ['申报 / Declaration', [h('a', { href: `/cases/${r.declarationNumber}`, class: 'case-number' }, r.declarationNumber), h('br'), `${r.enterpriseName} · ${r.productName}`, h('br'), h('span', { class: 'meta' }, both(categoryNames[r.category], r.category))]],
      ['得分 / Score', r.score.toFixed(2)],
      ['评审组评分与意见 / The panel\'s totals and opinions', r.sheets.length
        ? h('ul', { class: 'sheets' }, r.sheets.map((s) => h('li', {}, h('strong', {}, `${s.expertName} ${s.total}`), s.opinion ? ['：', h('span', { class: 'objection-text' }, s.opinion)] : h('span', { class: 'none' }, '：未写意见 / no opinion'))))
        : h('span', { class: 'none' }, '—')],
    ];
    return { r, box, slot, element: h('tr', { id: `proposal-${r.declarationNumber}` }, cells.map(([label, value]) => h('td', { 'data-label': label }, value))) };
  });
  function showCount() {
    const on = rows.filter((row) => row.box.checked).length;
    count.replaceChildren(...zhEn(`列入名单 ${on} 项，不列入 ${rows.length - on} 项`, `${on} on the list, ${rows.length - on} left off`));
  }
  showCount();

  const reason = h('textarea', { id: 'key-list-reason', rows: '3', maxlength: '4000' });
  const reasonSlot = errorSlotFor(reason);
  fields.set('/keyListReason', { input: reason, label: '决定理由 / Reason for the decision', errorSlot: reasonSlot });
  // An error of the whole list (a ranked declaration left out) is shown at its first row.
  if (rows.length) fields.set('/keyList', { input: rows[0].box, label: '排名建议 / The ranked proposal', errorSlot: rows[0].slot });
  const button = h('button', { type: 'submit', id: 'complete-task' }, ...zhEn('确认名单', 'Confirm the list'));
  const form = h('form', { id: 'key-list-form', novalidate: true },
    summary,
    h('p', { class: 'hint' }, ...zhEn('以下为专家比对论证后的排名建议，建议的申报已预先勾选。取消勾选即不列入名单，名单人数由省质委办决定；写明决定理由后确认。',
      'The ranking the experts\' comparison proposes; its entries start ticked. Untick whom the office leaves off the list — how many is its decision — give the reason and confirm.')),
    rows.length
      ? h('table', { class: 'cards', id: 'key-list-proposal' },
        h('caption', { class: 'visually-hidden' }, '排名建议 / the ranked proposal'),
        h('thead', {}, h('tr', {}, ['列入名单 / On the list', '排名 / Rank', '申报 / Declaration', '得分 / Score', '评审组评分与意见 / The panel\'s totals and opinions'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, rows.map((row) => row.element)))
      : h('p', { class: 'none' }, ...zhEn('排名建议为空：没有可列入的申报。', 'The proposal is empty: no declaration was ranked.')),
    count,
    h('div', { class: 'form-row' }, h('label', { for: reason.id }, ...zhEn('决定理由', 'Reason for the decision')), reason, reasonSlot),
    h('div', { class: 'actions' }, button));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    errors.clear();
    button.disabled = true;
    try {
      await submit({
        keyList: rows.map((row) => ({ declarationNumber: row.r.declarationNumber, selected: row.box.checked })),
        keyListReason: reason.value.trim(),
      });
    } catch (error) {
      button.disabled = false;
      if (error instanceof ApiError) errors.show(error);
      else throw error;
    }
  });
  return form;
}
