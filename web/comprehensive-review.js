import { h, zhEn } from './dom.js';
import { both, categoryNames, creditNames, memberOpinionNames } from './labels.js';
import { beijingDateTime } from './format.js';

/**
 * What the comprehensive review's tasks decide on, beside the form: each candidate with its
 * credit consultation as recorded (the result, when and by which adapter, each source's result
 * and date, the office's credit decision), and for the office the member units' opinions. The
 * form itself only carries the list to tick; this is the record behind it (GET /tasks/:key).
 */
export function comprehensiveReview(review, { withOpinions }) {
  const parts = [
    h('h3', {}, ...zhEn('候选申报与信用查询', 'The candidates and their credit consultation')),
    review.candidates.length
      ? h('ul', { class: 'candidates', id: 'review-candidates' }, review.candidates.map(candidate))
      : h('p', {}, ...zhEn('没有候选申报。', 'No candidates.')),
  ];
  if (withOpinions) {
    parts.push(
      h('h3', {}, ...zhEn('成员单位意见', 'The member units\' opinions')),
      review.memberOpinions.length
        ? h('ul', { id: 'member-opinions' }, review.memberOpinions.map(opinion))
        : h('p', {}, ...zhEn('尚无成员单位意见。', 'No member unit has answered yet.')),
    );
  }
  return parts;
}

function candidate(c) {
  const rows = [
    ['信用查询结果', 'Credit', both(creditNames[c.creditResult], c.creditResult)],
    ['查询时间', 'Consulted', c.creditCheckedAt ? `${beijingDateTime(c.creditCheckedAt)}（${c.creditAdapter ?? '—'}）` : '—'],
  ];
  if (c.creditDecision) rows.push(['信用会商', 'Office\'s decision', both(creditNames[c.creditDecision], c.creditDecision)]);
  return h('li', { dataset: { number: c.declarationNumber } },
    h('p', {}, h('a', { href: `/cases/${c.declarationNumber}` }, c.declarationNumber), ' ', h('strong', {}, c.enterpriseName), ' · ', c.productName, ' · ', both(categoryNames[c.category], c.category)),
    h('dl', { class: 'facts' }, rows.flatMap(([zh, en, value]) => [h('dt', {}, ...zhEn(zh, en)), h('dd', {}, value)])),
    c.creditSources.length
      ? h('ul', { class: 'credit-sources', 'aria-label': '各来源 / each source' }, c.creditSources.map((s) => h('li', {}, `${s.source} · ${both(creditNames[s.result], s.result)} · ${beijingDateTime(s.recordedAt)}`)))
      : null,
  );
}

function opinion(o) {
  return h('li', { dataset: { unit: o.memberUnitId } },
    h('strong', {}, o.memberUnitName), ' · ', both(memberOpinionNames[o.status], o.status), ' · ', o.opinion, ' · ', o.givenBy, ' · ', beijingDateTime(o.givenAt));
}
