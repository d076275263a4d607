import { ApiError, post } from './api.js';
import { announce, h, zhEn } from './dom.js';
import { errorDisplay, errorSlotFor } from './field-errors.js';
import { both, categoryNames } from './labels.js';

// The three choices for each waiting declaration; the batch carries the first two.
const CHOICES = [
  ['recommend', '推荐上报', 'Recommend to the province'],
  ['decline', '不予推荐', 'Do not recommend'],
  ['later', '暂不报送', 'Not in this batch'],
];

/** The county's opinion from a declaration's recommendations, as the city reads it. */
function countyOpinion(declaration) {
  const county = declaration.recommendations?.find((r) => r.level === 'COUNTY');
  if (!county) return h('p', { class: 'hint' }, ...zhEn('无县级初审（成员单位推荐）', 'no county check (a member unit\'s declaration)'));
  return h('p', {}, h('strong', {}, ...zhEn('县级初审意见', 'County\'s opinion')), '：', h('span', { class: 'objection-text' }, county.reason));
}

/**
 * The city's unified submission (统一报送, POST /cities/:code/recommendation-batches): each
 * declaration waiting at the city is recommended, not recommended, or left for a later batch,
 * each decided one with the city's reason; the member units' opinions go with the batch. The API
 * takes the batch whole or not at all; its field errors stand beside the entry they name.
 * `waiting`: the declarations (GET /declarations/:number) whose city task is open.
 */
export function cityBatchForm(cityCode, waiting, { done }) {
  const fields = new Map();
  const summary = h('div', { class: 'error-summary', role: 'alert', tabindex: '-1', hidden: true });
  const errors = errorDisplay(summary, fields);

  const entries = waiting.map((d, i) => {
    const radios = CHOICES.map(([value, zh, en]) => {
      const input = h('input', { type: 'radio', name: `decision-${i}`, id: `decision-${i}-${value}`, value, checked: value === 'later' });
      return { input, row: h('div', { class: 'form-row checkbox' }, input, h('label', { for: input.id }, ...zhEn(zh, en))) };
    });
    const reason = h('textarea', { id: `reason-${i}`, rows: '2', maxlength: '2000' });
    const entry = {
      declaration: d,
      radios: radios.map((r) => r.input),
      reason,
      decisionSlot: errorSlotFor(radios[0].input),
      reasonSlot: errorSlotFor(reason),
    };
    entry.element = h('fieldset', { class: 'batch-entry', id: `entry-${d.number}`, dataset: { number: d.number } },
      h('legend', {}, h('a', { href: `/cases/${d.number}`, class: 'case-number' }, d.number), ` ${d.enterpriseName} · ${d.productName}`),
      h('p', { class: 'meta' }, both(categoryNames[d.category], d.category), ' · ', ...zhEn(`县 ${d.countyCode}`, `county ${d.countyCode}`)),
      countyOpinion(d),
      h('div', { class: 'choices-inline', role: 'group', 'aria-label': `${d.number} 的决定 / decision on ${d.number}` }, radios.map((r) => r.row)),
      entry.decisionSlot,
      h('div', { class: 'form-row' }, h('label', { for: reason.id }, ...zhEn('理由（市级推荐意见）', 'Reason (the city\'s opinion)'), h('span', { class: 'visually-hidden' }, ` ${d.number}`)), reason, entry.reasonSlot));
    return entry;
  });

  // The member units' opinions: at least one, as many as the city consulted.
  const opinions = [];
  const opinionList = h('div', { id: 'member-opinions-list' });
  let made = 0;
  const addOpinion = () => {
    const n = made++;
    const unit = h('input', { id: `opinion-unit-${n}`, maxlength: '100' });
    const opinion = h('textarea', { id: `opinion-text-${n}`, rows: '2', maxlength: '2000' });
    const row = { unit, opinion, unitSlot: errorSlotFor(unit), opinionSlot: errorSlotFor(opinion) };
    const remove = h('button', { type: 'button', class: 'button-secondary' }, ...zhEn('删除此项', 'Remove this opinion'));
    row.element = h('div', { class: 'member-opinion' },
      h('div', { class: 'form-row' }, h('label', { for: unit.id }, ...zhEn('成员单位', 'Member unit')), unit, row.unitSlot),
      h('div', { class: 'form-row' }, h('label', { for: opinion.id }, ...zhEn('意见', 'Opinion')), opinion, row.opinionSlot),
      remove);
    remove.addEventListener('click', () => {
      opinions.splice(opinions.indexOf(row), 1);
      row.element.remove();
      showRemoveButtons();
      opinions[0].unit.focus();
    });
    opinions.push(row);
    opinionList.append(row.element);
    showRemoveButtons();
    return row;
  };
  // The last opinion stays: a batch needs one.
  const showRemoveButtons = () => {
    for (const row of opinions) row.element.querySelector('button').hidden = opinions.length === 1;
  };
  addOpinion();
  const add = h('button', { type: 'button', class: 'button-secondary', id: 'add-opinion' }, ...zhEn('添加一家成员单位的意见', 'Add another member unit\'s opinion'));
  add.addEventListener('click', () => addOpinion().unit.focus());

  const note = h('textarea', { id: 'batch-note', rows: '2', maxlength: '2000' });
  const noteSlot = errorSlotFor(note);
  const button = h('button', { type: 'submit', id: 'submit-batch' }, ...zhEn('统一报送', 'Submit together'));
  const form = h('form', { id: 'batch-form', class: 'panel', novalidate: true, 'aria-labelledby': 'batch-form-title' },
    h('h2', { id: 'batch-form-title' }, ...zhEn('统一报送推荐', 'Submit the recommendations together')),
    summary,
    h('p', { class: 'hint' }, ...zhEn('逐项选择推荐上报或不予推荐（暂不报送的留待下一批），写明理由，附成员单位意见后一并报送。任一项不能报送时整批都不报送。',
      'Recommend each declaration or not (those not in this batch wait for a later one), give the reason, add the member units\' opinions and submit them together. If any one cannot go, none is submitted.')),
    h('h3', {}, ...zhEn(`待报送的申报（${waiting.length} 项）`, `Declarations waiting for the city (${waiting.length})`)),
    entries.map((e) => e.element),
    h('fieldset', { id: 'member-opinions' }, h('legend', {}, ...zhEn('成员单位意见（至少一家）', 'The member units\' opinions (at least one)')), opinionList, add),
    h('div', { class: 'form-row' }, h('label', { for: note.id }, ...zhEn('报送说明（可选）', 'Covering note (optional)')), note, noteSlot),
    h('div', { class: 'actions' }, button));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    errors.clear();
    const chosen = entries.filter((e) => !e.radios[2].checked);
    // The API's pointers count the batch's own entries: map them to the fieldsets sent.
    fields.clear();
    const label = (d, zh, en) => `${d.number} ${zh} / ${en}`;
    chosen.forEach((e, i) => {
      const d = e.declaration;
      fields.set(`/declarations/${i}`, { input: e.radios[0], label: label(d, '决定', 'decision'), errorSlot: e.decisionSlot });
      fields.set(`/declarations/${i}/reason`, { input: e.reason, label: label(d, '理由', 'reason'), errorSlot: e.reasonSlot });
    });
    if (entries.length) fields.set('/declarations', { input: entries[0].radios[0], label: '待报送的申报 / declarations', errorSlot: entries[0].decisionSlot });
    opinions.forEach((o, i) => {
      fields.set(`/memberOpinions/${i}/unit`, { input: o.unit, label: `成员单位意见 ${i + 1}：单位 / opinion ${i + 1}: unit`, errorSlot: o.unitSlot });
      fields.set(`/memberOpinions/${i}/opinion`, { input: o.opinion, label: `成员单位意见 ${i + 1}：意见 / opinion ${i + 1}: text`, errorSlot: o.opinionSlot });
    });
    fields.set('/memberOpinions', { input: opinions[0].unit, label: '成员单位意见 / member units\' opinions', errorSlot: opinions[0].unitSlot });
    fields.set('/note', { input: note, label: '报送说明 / covering note', errorSlot: noteSlot });

    const body = {
      campaignYear: (chosen[0] ?? entries[0])?.declaration.campaignYear,
      declarations: chosen.map((e) => ({ declarationNumber: e.declaration.number, recommended: e.radios[0].checked, reason: e.reason.value.trim() })),
      memberOpinions: opinions.map((o) => ({ unit: o.unit.value.trim(), opinion: o.opinion.value.trim() })),
      ...(note.value.trim() ? { note: note.value.trim() } : {}),
    };
    button.disabled = true;
    try {
      const batch = await post(`/cities/${cityCode}/recommendation-batches`, body);
      announce(`批次 ${batch.id} 已报送 / batch ${batch.id} submitted`);
      await done(batch);
    } catch (error) {
      button.disabled = false;
      if (error instanceof ApiError) errors.show(error);
      else throw error;
    }
  });
  return form;
}
