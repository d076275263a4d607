import { h, zhEn } from './dom.js';
import { beijingDateTime } from './format.js';
import { both, creditAdapterNames, creditNames } from './labels.js';

/**
 * What the office's credit decision rests on, beside its form (creditConsultation of GET
 * /tasks/:key): the overall result, the adapter that answered and when, and each source's record
 * with its result, what it says and its date. Nothing on record is NOT_CONSULTED, which the page
 * says is not a clean record.
 */
export function creditConsultation(c) {
  const rows = [
    ['查询结果', 'Result', h('strong', { id: 'credit-result' }, both(creditNames[c.result], c.result))],
    ['信用来源适配器', 'Adapter', `${both(creditAdapterNames[c.adapter], c.adapter)}（${c.adapter}）`],
    ['查询时间（北京时间）', 'Consulted (Beijing time)', beijingDateTime(c.checkedAt)],
  ];
  if (c.decision) rows.push(['会商决定', 'Office\'s decision', both(creditNames[c.decision], c.decision)]);
  const columns = [
    ['来源', 'Source'],
    ['结果', 'Result'],
    ['记录内容', 'Record'],
    ['记录时间（北京时间）', 'Recorded (Beijing time)'],
  ];
  const cell = (i, ...content) => h('td', { 'data-label': columns[i].join(' / ') }, ...content);
  return [
    h('h3', {}, ...zhEn('信用查询', 'The credit consultation')),
    h('dl', { class: 'facts', id: 'credit-consultation' }, rows.flatMap(([zh, en, value]) => [h('dt', {}, ...zhEn(zh, en)), h('dd', {}, value)])),
    c.result === 'NOT_CONSULTED'
      ? h('p', { class: 'warning', id: 'credit-not-consulted' }, ...zhEn('没有任何来源的记录：无人查询过，不视为信用良好。', 'No source has a record: nobody looked, which is not a clean record.'))
      : null,
    c.sources.length
      ? h('table', { class: 'cards', id: 'credit-sources' },
          h('caption', {}, ...zhEn('各来源的记录', 'Each source\'s record')),
          h('thead', {}, h('tr', {}, columns.map(([zh, en]) => h('th', { scope: 'col' }, ...zhEn(zh, en))))),
          h('tbody', {}, c.sources.map((s) => h('tr', {},
            cell(0, s.source),
            cell(1, both(creditNames[s.result], s.result)),
            cell(2, s.detail),
            cell(3, beijingDateTime(s.recordedAt)),
          ))),
        )
      : null,
  ];
}
