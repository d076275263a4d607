import { ApiError, api, get, post } from '../api.js';
import { announce, h, pageTitle, zhEn } from '../dom.js';
import { caseFacts } from '../case-facts.js';
import { factsForm } from '../declaration-form.js';
import { attachmentsPanel } from '../attachments-panel.js';
import { evidenceNames } from '../declaration-labels.js';
import { errorDisplay, errorSlotFor } from '../field-errors.js';
import { beijingDateTime } from '../format.js';
import { both } from '../labels.js';

// Stages from which the enterprise can no longer withdraw (publicity has begun, or it is over).
const NO_WITHDRAWAL = new Set(['PUBLICITY', 'ANNOUNCEMENT', 'ANNOUNCED', 'CLOSED']);

function daysLeft(item) {
  if (item.overdue) return h('span', { class: 'badge badge-overdue' }, '已逾期 / overdue');
  if (item.workingDaysLeft === null || item.workingDaysLeft === undefined) return null;
  return h('span', { class: item.workingDaysLeft <= 2 ? 'badge badge-soon' : 'badge' }, `剩余 ${item.workingDaysLeft} 个工作日 / ${item.workingDaysLeft} working day(s) left`);
}

/** What the case waits on now, with each due date (Beijing time). */
function waitingPanel(status) {
  const panel = h('section', { class: 'panel', 'aria-labelledby': 'waiting-title', id: 'waiting' }, h('h2', { id: 'waiting-title' }, ...zhEn('当前进展与期限', 'Where it stands and by when')));
  if (!status.waiting.length) {
    panel.append(h('p', {}, status.outcome ? '案件已结束 / the case is closed' : '暂无待办 / nothing is waiting'));
    return panel;
  }
  panel.append(h('ul', {}, status.waiting.map((w) => h('li', {}, w.what, ' — ', w.dueDate ? h('span', {}, '期限 / due ', h('time', { datetime: w.dueDate }, beijingDateTime(w.dueDate))) : '无期限 / no due date'))));
  return panel;
}

/** The correction request: its reasons, deadline, and the facts it lets the enterprise change. */
function correctionPanel(declaration, correction, redraw) {
  const panel = h('section', { class: 'panel correction', id: 'correction', 'aria-labelledby': 'correction-title' }, h('h2', { id: 'correction-title' }, ...zhEn('补正材料', 'Correct the materials')));
  panel.append(
    h('p', {}, h('strong', {}, ...zhEn('截止时间', 'Deadline')), '：', correction.dueDate ? h('time', { datetime: correction.dueDate }, beijingDateTime(correction.dueDate)) : '—', ' ', daysLeft(correction)),
    h('h3', {}, ...zhEn('补正原因', 'Why the declaration is incomplete')),
    h('ul', { class: 'reasons' }, correction.reasons.map((r) => h('li', {}, r.zh, h('br'), h('span', { class: 'en', lang: 'en' }, r.en)))),
  );
  if (correction.missingEvidence.length) {
    panel.append(h('p', {}, ...zhEn('需补交的材料：', 'Materials asked for: '), correction.missingEvidence.map((k) => both(evidenceNames[k], k)).join('、')));
  }
  const editable = correction.editableFacts;
  if (editable.length) {
    const summary = h('div', { class: 'error-summary', role: 'alert', tabindex: '-1', hidden: true });
    const form = factsForm(declaration.campaignYear, declaration.facts ?? {}, editable);
    const errors = errorDisplay(summary, form.fields);
    const save = h('button', { type: 'submit', id: 'save-correction' }, ...zhEn('保存补正内容', 'Save the corrected facts'));
    const element = h('form', { novalidate: true, id: 'correction-form' }, summary, form.element, h('div', { class: 'actions' }, save));
    element.addEventListener('submit', async (event) => {
      event.preventDefault();
      save.disabled = true;
      errors.clear();
      try {
        // Only the facts the reasons name: each replaces the stored fact of that name.
        const all = form.read(declaration.category);
        const facts = Object.fromEntries(editable.filter((name) => name in all).map((name) => [name, all[name]]));
        await api('PATCH', `/declarations/${declaration.number}/facts`, { facts });
        announce('补正内容已保存 / corrected facts saved');
        await redraw(zhEn('补正内容已保存。补交材料后，请提交补正说明。', 'The corrected facts are saved. Upload the materials, then hand in the correction.'));
      } catch (error) {
        save.disabled = false;
        if (error instanceof ApiError) errors.show(error);
        else throw error;
      }
    });
    panel.append(h('h3', {}, ...zhEn('修改申报内容', 'Change the facts')), element);
  }
  if (correction.taskKey) {
    panel.append(h('p', {}, h('a', { class: 'button', href: `/tasks/${correction.taskKey}` }, ...zhEn('填写补正说明并提交', 'Write the note and hand in the correction'))));
  }
  return panel;
}

/** Withdrawing the declaration, with a reason, until publicity begins. */
function withdrawPanel(declaration, redraw) {
  const reason = h('textarea', { id: 'withdraw-reason', name: 'reason', rows: '3', maxlength: '2000' });
  const slot = errorSlotFor(reason);
  const summary = h('div', { class: 'error-summary', role: 'alert', tabindex: '-1', hidden: true });
  const errors = errorDisplay(summary, new Map([['/reason', { input: reason, label: '撤回理由 / Reason', errorSlot: slot }]]));
  const button = h('button', { type: 'submit', class: 'button-danger', id: 'withdraw-button' }, ...zhEn('撤回申报', 'Withdraw the declaration'));
  const form = h(
    'form',
    { novalidate: true, id: 'withdraw-form' },
    summary,
    h('p', {}, ...zhEn('撤回后案件即告结束，不能恢复。公示开始后不能撤回。', 'Withdrawing ends the case for good. It cannot be done once publicity has begun.')),
    h('div', { class: 'form-row' }, h('label', { for: reason.id }, ...zhEn('撤回理由', 'Reason')), reason, slot),
    button,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    errors.clear();
    button.disabled = true;
    try {
      await post(`/declarations/${declaration.number}/withdraw`, { reason: reason.value.trim() });
      announce('申报已撤回 / declaration withdrawn');
      await redraw(zhEn('申报已撤回。', 'The declaration is withdrawn.'));
    } catch (error) {
      button.disabled = false;
      if (error instanceof ApiError) errors.show(error);
      else throw error;
    }
  });
  return h('section', { class: 'panel', id: 'withdraw', 'aria-labelledby': 'withdraw-title' }, h('details', {}, h('summary', { id: 'withdraw-title' }, ...zhEn('撤回申报', 'Withdraw')), form));
}

/**
 * `/declarations/:number`: the enterprise's own declaration: where it stands and until when, its
 * evidence files and the upload, the correction when one is asked for, and withdrawal. Others who
 * may see the declaration get the case view.
 */
export async function renderMyDeclaration(view, ctx) {
  const number = ctx.params.number;
  if (ctx.user.role !== 'enterprise') return ctx.navigate(`/cases/${number}`, { replace: true });
  const [declaration, status, attachments, rules] = await Promise.all([
    get(`/declarations/${number}`),
    get(`/declarations/${number}/status`),
    get(`/declarations/${number}/attachments`),
    get('/attachments/rules'),
  ]);
  const correction = declaration.stage === 'CORRECTION' ? await get(`/declarations/${number}/correction`) : null;
  const redraw = (flash) => ctx.navigate(`/declarations/${number}`, { replace: true, flash });

  view.append(pageTitle(declaration.productName, number));
  view.append(
    h('div', { class: 'two-columns' },
      h('section', { class: 'panel', 'aria-labelledby': 'facts-title' }, h('h2', { id: 'facts-title' }, ...zhEn('申报概况', 'The declaration')), caseFacts(declaration), h('p', {}, h('a', { href: `/cases/${number}` }, ...zhEn('查看流程与记录', 'See its process and record'))),
        declaration.certificate ? h('p', {}, h('a', { href: `/declarations/${number}/certificate.pdf`, download: `${declaration.certificate.number}.pdf` }, ...zhEn(`下载证书 ${declaration.certificate.number}（PDF）`, 'Download the certificate (PDF)'))) : null),
      h('div', {}, waitingPanel(status), correction ? correctionPanel(declaration, correction, redraw) : null),
    ),
    attachmentsPanel({
      attachments,
      rules,
      uploadUrl: `/declarations/${number}/attachments`,
      downloadUrl: (a) => `/declarations/${number}/attachments/${a.id}`,
      // Closed: nothing more is taken. During a correction only the kinds it asks for are accepted: offer those.
      kinds: declaration.outcome ? null : correction?.missingEvidence.length ? correction.missingEvidence : rules.kinds,
      onUploaded: (uploaded) => redraw(zhEn(`已上传“${uploaded.fileName}”。`, `Uploaded ${uploaded.fileName}.`)),
    }),
    !declaration.outcome && !NO_WITHDRAWAL.has(declaration.stage) ? withdrawPanel(declaration, redraw) : null,
  );
}
