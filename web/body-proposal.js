import { h, zhEn } from './dom.js';

/** A body as the enterprise and the secretariat read it: its name and code. */
export const bodyLabel = (body) => `${body.name}（${body.id}）`;

/**
 * What the secretariat arranges from, beside its form (bodyProposal of GET /tasks/:key): the
 * body the process proposed (the fewest certifications in progress when the enterprise's time
 * ran out), and every active alliance body with its load now, by name. The form offers the same
 * bodies to choose from (web/task-form-prefill.js).
 */
export function bodyProposal(proposal) {
  const proposed = proposal.bodies.find((b) => b.id === proposal.proposedBodyId);
  const columns = [
    ['认证机构', 'Body'],
    ['在审认证', 'In progress'],
    ['推荐', 'Proposed'],
  ];
  const cell = (i, ...content) => h('td', { 'data-label': columns[i].join(' / ') }, ...content);
  return [
    h('h3', {}, ...zhEn('推荐的认证机构', 'The proposed body')),
    h('p', { id: 'proposed-body' }, proposed
      ? [h('strong', {}, bodyLabel(proposed)), ' · ', ...load(proposed.inProgress)]
      : proposal.proposedBodyId
        ? zhEn(`${proposal.proposedBodyId} 已不是有效机构，请另选`, `${proposal.proposedBodyId} is no longer an active body: choose another`)
        : zhEn('没有推荐的机构', 'No body is proposed')),
    h('p', { class: 'hint' }, ...zhEn('企业未按期选择时，推荐在审认证最少的机构。', 'When the enterprise did not choose in time, the body with the fewest certifications in progress is proposed.')),
    h('table', { class: 'cards', id: 'active-bodies' },
      h('caption', {}, ...zhEn('有效的联盟认证机构', 'The active alliance bodies')),
      h('thead', {}, h('tr', {}, columns.map(([zh, en]) => h('th', { scope: 'col' }, ...zhEn(zh, en))))),
      h('tbody', {}, proposal.bodies.map((b) => h('tr', { dataset: { body: b.id } },
        cell(0, bodyLabel(b)),
        cell(1, ...load(b.inProgress)),
        cell(2, b.id === proposal.proposedBodyId ? h('span', { class: 'badge badge-mine' }, '推荐 / proposed') : '—'),
      ))),
    ),
  ];
}

function load(n) {
  return zhEn(`在审认证 ${n} 项`, `${n} in progress`);
}
