import { get } from '../api.js';
import { h, pageTitle, zhEn } from '../dom.js';
import { both, categoryNames, outcomeNames, stageNames } from '../labels.js';
import { beijingDateTime } from '../format.js';
import { enterpriseHeader, waitingCell } from '../enterprise-declarations.js';

/** The declarations the user may see (an enterprise its own; an office its area), newest first. */
export async function renderDeclarations(view, ctx) {
  const page = await get('/declarations?limit=50');
  const own = ctx.user.role === 'enterprise';
  view.append(pageTitle('申报', 'Declarations'));
  if (own || ctx.user.role === 'member_unit') view.append(await enterpriseHeader(ctx.user.role));
  view.append(h('p', {}, `共 ${page.total} 项`, h('span', { class: 'en', lang: 'en' }, ` / ${page.total} declaration(s)`)));
  if (!page.items.length) {
    view.append(h('div', { class: 'panel' }, h('p', {}, ...zhEn('没有可查看的申报。', 'No declarations to show.'))));
    return;
  }
  // An enterprise also sees what each of its declarations waits on and by when.
  const waiting = own ? await Promise.all(page.items.map((d) => waitingCell(d.number))) : [];
  view.append(h('table', { class: 'cards', id: 'declarations' },
    h('caption', { class: 'visually-hidden' }, '申报列表 / declarations'),
    h('thead', {}, h('tr', {}, ['申报编号 / Number', '产品 / Product', '企业 / Enterprise', '类别 / Category', '阶段 / Stage', '结果 / Outcome', '提交（北京时间）/ Submitted (Beijing)', ...(own ? ['当前事项与期限 / Waiting on, due'] : [])].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, page.items.map((d, i) => h('tr', {},
      h('td', { 'data-label': '申报编号 / Number' }, h('a', { href: `/cases/${d.number}`, class: 'case-number' }, d.number)),
      h('td', { 'data-label': '产品 / Product' }, d.productName),
      h('td', { 'data-label': '企业 / Enterprise' }, d.enterpriseName),
      h('td', { 'data-label': '类别 / Category' }, both(categoryNames[d.category], d.category)),
      h('td', { 'data-label': '阶段 / Stage' }, both(stageNames[d.stage], d.stage)),
      h('td', { 'data-label': '结果 / Outcome' }, d.outcome ? both(outcomeNames[d.outcome], d.outcome) : '进行中 / in progress'),
      h('td', { 'data-label': '提交 / Submitted' }, beijingDateTime(d.submittedAt)),
      own ? h('td', { 'data-label': '当前事项与期限 / Waiting on, due' }, waiting[i], h('br'), h('a', { href: `/declarations/${d.number}` }, '材料、补正与撤回 / files, correction, withdrawal')) : null)))));
}
