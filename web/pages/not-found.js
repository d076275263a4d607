import { h, pageTitle, zhEn } from '../dom.js';

/**
 * What a person sees for an address that does not exist and for a case out of his scope: the
 * same page, as the API answers both with the same 404, so it tells nothing about other cases.
 */
export function renderNotFound(view) {
  view.append(
    pageTitle('没有找到', 'Not found'),
    h('div', { class: 'panel' },
      h('p', { id: 'not-found' }, ...zhEn('没有找到这个页面，或者您无权查看。', 'This page does not exist, or it is not yours to see.')),
      h('p', {}, h('a', { href: '/' }, ...zhEn('回到首页', 'Back to the start page')))),
  );
}
