import { get } from '../api.js';
import { h, pageTitle, zhEn } from '../dom.js';
import { both, categoryNames } from '../labels.js';

/** `/announced` (公告), open to everyone: the announced Jiangsu Quality products with their certificates. */
export async function renderAnnounced(view, ctx) {
  const wanted = ctx.query.get('year');
  const year = wanted && /^\d{4}$/.test(wanted) ? wanted : null;
  const entries = await get(year ? `/announced?year=${year}` : '/announced');
  view.append(pageTitle('公告', 'Announced products'), h('p', {}, ...zhEn('经公示无异议（或异议不成立）并经省质委办公告的“江苏精品”。', 'The Jiangsu Quality products the provincial office announced after publicity.')));
  if (!entries.length) {
    view.append(h('div', { class: 'panel' }, h('p', { id: 'announced-empty' }, ...zhEn(year ? `${year} 年度尚无公告。` : '尚无公告。', 'Nothing has been announced yet.'))));
    return;
  }
  const years = [...new Set(entries.map((e) => e.campaignYear))];
  for (const y of years) {
    const rows = entries.filter((e) => e.campaignYear === y);
    view.append(
      h('h2', {}, ...zhEn(`${y} 年度 · ${rows[0].announcementNumber ?? ''}`, `Campaign ${y}`)),
      h('table', { class: 'cards announced' },
        h('caption', { class: 'visually-hidden' }, `${y} 年度公告名单 / announced in ${y}`),
        h('thead', {}, h('tr', {}, ['产品 / Product', '企业 / Enterprise', '类别 / Category', '证书编号 / Certificate', '发证机构 / Issued by', '有效期 / Valid'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, rows.map((e) => h('tr', {},
          h('td', { 'data-label': '产品 / Product' }, e.productName),
          h('td', { 'data-label': '企业 / Enterprise' }, e.enterpriseName),
          h('td', { 'data-label': '类别 / Category' }, both(categoryNames[e.category], e.category)),
          h('td', { 'data-label': '证书编号 / Certificate' }, e.certificateNumber ?? '—'),
          h('td', { 'data-label': '发证机构 / Issued by' }, e.issuedBy ?? '—'),
          h('td', { 'data-label': '有效期 / Valid' }, e.issuedOn ? `${e.issuedOn} 至 / to ${e.validThrough}` : '—'))))),
      h('p', { class: 'actions' },
        h('a', { href: `/exports/announced.pdf?year=${y}`, download: `announced-${y}.pdf` }, ...zhEn(`下载 ${y} 年度公告名单（PDF）`, `Download the ${y} announcement (PDF)`)),
        h('a', { href: `/exports/announced.csv?year=${y}`, download: `announced-${y}.csv` }, ...zhEn(`下载 ${y} 年度名单（CSV）`, `Download the ${y} list (CSV)`))),
    );
  }
}
