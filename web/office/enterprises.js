import { get, post } from '../api.js';
import { announce, h, pageTitle, zhEn } from '../dom.js';
import { apiErrorItems, clearFormErrors, showFormErrors } from './form-errors.js';

const STATUS = { REGISTERED: '待确认登记 / registration awaiting confirmation', CONFIRMED: '已确认 / confirmed' };

/** The county's decision on one registration or rename: confirm, or refuse with a reason. */
function decisionForm(enterprise, ctx) {
  const id = `reason-${enterprise.id}`;
  const reason = h('textarea', { id, rows: '2', maxlength: '1000' });
  const form = h('form', { novalidate: true, class: 'decision' },
    h('div', { class: 'form-row' }, h('label', { for: id }, ...zhEn('不予确认的理由', 'Reason for refusing')), reason),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'confirm' }, ...zhEn('确认', 'Confirm'), h('span', { class: 'visually-hidden' }, ` ${enterprise.name}`)),
      h('button', { type: 'button', class: 'button-danger refuse' }, ...zhEn('不予确认', 'Refuse'), h('span', { class: 'visually-hidden' }, ` ${enterprise.name}`))));
  const decide = async (confirm) => {
    clearFormErrors(form);
    if (!confirm && !reason.value.trim()) return showFormErrors(form, [{ control: reason, message: '理由：不予确认时必填 / reason: required to refuse' }]);
    try {
      await post(`/enterprises/${enterprise.id}/confirmation`, { confirm, ...(reason.value.trim() ? { reason: reason.value.trim() } : {}) });
      const [zh, en] = confirm ? ['已确认', 'confirmed'] : ['已不予确认', 'refused'];
      announce(zh);
      await ctx.navigate(location.pathname + location.search, { replace: true, flash: zhEn(`${zh}：${enterprise.name}`, `${en}: ${enterprise.name}`) });
    } catch (error) {
      showFormErrors(form, apiErrorItems(error, (pointer) => (pointer === '/reason' ? reason : undefined)));
    }
  };
  form.querySelector('.confirm').addEventListener('click', () => decide(true));
  form.querySelector('.refuse').addEventListener('click', () => decide(false));
  return form;
}

/**
 * The enterprises of the user's area (GET /enterprises): a county confirms or refuses the
 * registrations and renames awaiting it; a city and the province read them.
 */
export async function renderEnterprises(view, ctx, tabs) {
  const awaiting = ctx.query.get('awaiting') !== 'false';
  const enterprises = await get(`/enterprises?awaiting=${awaiting}`);
  const decides = ctx.user.role === 'county_office';
  view.append(
    pageTitle('名录：企业', 'Directory: Enterprises'),
    tabs,
    h('nav', { class: 'tabs', 'aria-label': '筛选 / Filter' },
      h('a', { href: '/directory/enterprises', 'aria-current': awaiting ? 'true' : null }, ...zhEn('待确认', 'Awaiting confirmation')),
      h('a', { href: '/directory/enterprises?awaiting=false', 'aria-current': awaiting ? null : 'true' }, ...zhEn('全部', 'All'))),
    h('p', { id: 'directory-summary' }, `共 ${enterprises.length} 家`, h('span', { class: 'en', lang: 'en' }, ` / ${enterprises.length} enterprise(s)`)),
  );
  if (!enterprises.length) {
    view.append(h('div', { class: 'panel' }, h('p', {}, ...(awaiting ? zhEn('没有待确认的登记或更名。', 'No registration or rename awaits confirmation.') : zhEn('没有企业。', 'No enterprises.')))));
    return;
  }
  const columns = ['统一社会信用代码 / Credit code', '名称 / Name', '地区 / City, county', '联系人 / Contact', '状态 / Status', ...(decides && awaiting ? ['确认 / Decision'] : [])];
  view.append(h('table', { class: 'cards', id: 'records' },
    h('caption', { class: 'visually-hidden' }, '企业 / enterprises'),
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, enterprises.map((e) => h('tr', { dataset: { enterprise: e.id } },
      h('td', { 'data-label': columns[0] }, h('code', {}, e.id)),
      h('td', { 'data-label': columns[1] }, e.name, e.pendingName ? h('div', { class: 'badge badge-soon' }, `申请更名为 / renaming to: ${e.pendingName}`) : null),
      h('td', { 'data-label': columns[2] }, `${e.cityCode} / ${e.countyCode}`),
      h('td', { 'data-label': columns[3] }, [e.contactName, e.contactPhone, e.email].filter(Boolean).join(' · ') || '—'),
      h('td', { 'data-label': columns[4] }, STATUS[e.status] ?? e.status),
      decides && awaiting ? h('td', { 'data-label': columns[5] }, decisionForm(e, ctx)) : null)))));
}
