import { evidenceNames } from './declaration-labels.js';
import { h, zhEn } from './dom.js';
import { beijingDateTime } from './format.js';
import { both } from './labels.js';

/** One text of the API's { zh, en } pairs: Chinese first, English after. */
const text = (t) => h('span', {}, ...zhEn(t.zh, t.en));

/**
 * What a reviewer decides on, beside the task's form: the eligibility verdict with each rule's
 * reason, the earlier opinions, the attachments; for an objection's decision that objection; for
 * the correction its reasons and deadline. Everything comes from GET /tasks/:key.
 */
export function caseReview(task) {
  const file = task.case;
  const parts = [];
  if (task.correction) parts.push(...correction(task.correction));
  if (task.objection) parts.push(...objection(task.objection));
  if (!file) return parts;
  if (file.eligibility) {
    parts.push(
      h('h3', {}, ...zhEn('资格审查', 'Eligibility check'), '：', file.eligibility.summary ? text(file.eligibility.summary) : file.eligibility.outcome),
      h('ul', { class: 'reasons' }, [...file.eligibility.reasons, ...file.eligibility.problems].map((r) => h('li', {}, text(r)))),
    );
  }
  if (file.recommendations.length) {
    parts.push(
      h('h3', {}, ...zhEn('此前意见', 'Earlier opinions')),
      h('ul', {}, file.recommendations.map((r) => h('li', {}, `${r.level} · ${r.recommended ? '推荐 / recommended' : '不推荐 / not recommended'} · ${r.reason} · ${r.decidedBy} · ${beijingDateTime(r.decidedAt)}`))),
    );
  }
  if (file.objections.length && !task.objection) {
    parts.push(
      h('h3', {}, ...zhEn('异议', 'Objections')),
      h('ul', {}, file.objections.map((o) => h('li', {}, `${beijingDateTime(o.filedAt)} · ${o.text} · ${o.decision ? `${o.decision}：${o.decisionReason}` : '待处理 / undecided'}`))),
    );
  }
  if (file.attachments.length) {
    parts.push(h('h3', {}, ...zhEn('附件', 'Attachments')), h('ul', {}, file.attachments.map((a) => h('li', {}, both(evidenceNames[a.kind], a.kind), a.reportYear ? `（${a.reportYear} 年度）` : '', ` · ${a.fileName}`))));
  }
  return parts;
}

function correction(c) {
  return [
    h('h3', {}, ...zhEn('补正原因', 'Why the declaration is incomplete')),
    h('ul', { class: 'reasons' }, c.reasons.map((r) => h('li', {}, text(r)))),
    h('p', {}, ...zhEn(`可修改：${c.editableFacts.join('、') || '无'}`, `may change: ${c.editableFacts.join(', ') || 'none'}`)),
    c.dueDate
      ? h('p', {}, ...zhEn(`补正截止 ${beijingDateTime(c.dueDate)}（剩余 ${c.workingDaysLeft ?? '—'} 个工作日）`, `due ${beijingDateTime(c.dueDate)} (${c.workingDaysLeft ?? '—'} working days left)`))
      : null,
  ];
}

function objection(o) {
  return [
    h('h3', {}, ...zhEn('异议', 'The objection')),
    h('blockquote', {}, o.text),
    o.objector ? h('p', {}, ...zhEn(`异议人：${o.objector.name}（${o.objector.contact}）`, `filed by ${o.objector.name} (${o.objector.contact})`)) : null,
    h('p', {}, ...zhEn(`提出时间 ${beijingDateTime(o.filedAt)}`, `filed ${beijingDateTime(o.filedAt)}`)),
  ];
}
