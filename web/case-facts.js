import { h, zhEn } from './dom.js';
import { both, categoryNames, outcomeNames, stageNames } from './labels.js';
import { beijingDateTime } from './format.js';

/** A declaration's key facts, as a definition list. */
export function caseFacts(declaration) {
  const rows = [
    ['申报编号', 'Number', h('a', { href: `/cases/${declaration.number}` }, declaration.number)],
    ['企业', 'Enterprise', declaration.enterpriseName],
    ['产品', 'Product', declaration.productName],
    ['类别', 'Category', both(categoryNames[declaration.category], declaration.category)],
    ['地区', 'City / county', `${declaration.cityCode} / ${declaration.countyCode}`],
    ['阶段', 'Stage', both(stageNames[declaration.stage], declaration.stage)],
    ['结果', 'Outcome', declaration.outcome ? both(outcomeNames[declaration.outcome], declaration.outcome) : '进行中 / in progress'],
    ['提交时间', 'Submitted', beijingDateTime(declaration.submittedAt)],
  ];
  return h('dl', { class: 'facts' }, rows.flatMap(([zh, en, value]) => [h('dt', {}, ...zhEn(zh, en)), h('dd', {}, value)]));
}
