import { h, zhEn } from './dom.js';
import { timeElement } from './format.js';

/**
 * A city's submitted batches (GET /cities/:code/recommendation-batches), newest first: who sent
 * each and when, its decisions, the member units' opinions, and Attachment 4 to download. The
 * link is a plain download: the browser sends the session cookie, the API checks the scope.
 */
export function batchList(batches, { idPrefix = 'batch' } = {}) {
  return h('ul', { class: 'entries batches' }, batches.map((b) => {
    const recommended = b.declarations.filter((d) => d.recommended).length;
    const titleId = `${idPrefix}-${b.cityCode}-${b.id}-title`;
    return h('li', { class: 'panel', id: `${idPrefix}-${b.cityCode}-${b.id}`, 'aria-labelledby': titleId },
      h('h3', { id: titleId }, ...zhEn(`批次 ${b.id} · ${b.campaignYear} 年度`, `batch ${b.id} · ${b.campaignYear}`)),
      h('p', { class: 'meta' }, ...zhEn('报送', 'submitted'), ' ', timeElement(b.submittedAt), ' · ', b.submittedBy, ' · ',
        `推荐上报 ${recommended} 项，不予推荐 ${b.declarations.length - recommended} 项`,
        h('span', { class: 'en', lang: 'en' }, ` / ${recommended} recommended, ${b.declarations.length - recommended} not`)),
      h('p', {}, h('a', { class: 'button attachment-4', href: b.attachment4, download: true },
        ...zhEn(`下载附件4 推荐企业汇总表（批次 ${b.id}，XLSX）`, `Download Attachment 4, the summary table (batch ${b.id}, XLSX)`))),
      h('table', { class: 'cards' },
        h('caption', { class: 'visually-hidden' }, `批次 ${b.id} 的申报 / the declarations of batch ${b.id}`),
        h('thead', {}, h('tr', {}, ['申报 / Declaration', '决定 / Decision', '市级推荐意见 / The city\'s opinion'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, b.declarations.map((d) => h('tr', {},
          h('td', { 'data-label': '申报 / Declaration' }, h('a', { href: `/cases/${d.declarationNumber}`, class: 'case-number' }, d.declarationNumber)),
          h('td', { 'data-label': '决定 / Decision' }, d.recommended ? h('span', { class: 'badge badge-mine' }, '推荐上报 / recommended') : '不予推荐 / not recommended',
            d.completedAt ? null : h('span', { class: 'badge badge-soon' }, ' 未完成 / not completed')),
          h('td', { 'data-label': '市级推荐意见 / The city\'s opinion' }, h('span', { class: 'objection-text' }, d.reason)))))),
      h('h4', {}, ...zhEn('成员单位意见', 'The member units\' opinions')),
      h('ul', {}, b.memberOpinions.map((o) => h('li', {}, h('strong', {}, o.unit), '：', h('span', { class: 'objection-text' }, o.opinion)))),
      b.note ? h('p', {}, h('strong', {}, ...zhEn('报送说明', 'Covering note')), '：', h('span', { class: 'objection-text' }, b.note)) : null);
  }));
}
