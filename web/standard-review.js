import { h, zhEn } from './dom.js';
import { beijingDateTime } from './format.js';
import { both } from './labels.js';

// The words of the institute's form and of domain/standards/indicator-reasons.ts, Chinese first.
export const verdictNames = { ADVANCED: ['先进', 'advanced'], COMPARABLE: ['与参考标准相当', 'comparable'], NOT_ADVANCED: ['不先进', 'not advanced'] };
const directionNames = { HIGHER_BETTER: ['越高越好', 'higher is better'], LOWER_BETTER: ['越低越好', 'lower is better'], RANGE: ['限定范围', 'within a range'] };
const levelNames = { NATIONAL: ['国家标准', 'national'], INDUSTRY: ['行业标准', 'industry'], INTERNATIONAL: ['国际标准', 'international'] };
const strictnessNames = {
  STRICTER: ['企业标准更严', 'the enterprise standard is stricter'],
  EQUAL: ['企业标准与之相同', 'the enterprise standard is as strict'],
  LESS_STRICT: ['企业标准低于此标准', 'the enterprise standard is less strict'],
};
const flagNames = { FIRST: ['首创', 'first'], ONLY: ['唯一', 'only'] };

/** A limit or band as people write it: "≥520 MPa", "≤0.1 mg/kg", "6.5–7.5" (as the comparison writes it). */
function requirement(direction, unit, value) {
  const suffix = unit?.trim() ? ` ${unit.trim()}` : '';
  if (Array.isArray(value)) return `${value[0]}–${value[1]}${suffix}`;
  return `${direction === 'LOWER_BETTER' ? '≤' : '≥'}${value}${suffix}`;
}

/** The proposed verdict, the English tagged as such; null when the enterprise filed no table. */
function verdictText(verdict) {
  if (!verdict) return zhEn('无建议', 'no proposal');
  const pair = verdictNames[verdict];
  return pair ? zhEn(pair[0], pair[1]) : [verdict];
}

const enterpriseRequirement = (row) => requirement(row.direction, row.unit, row.direction === 'RANGE' ? [row.enterpriseMin, row.enterpriseMax] : row.enterpriseValue);
const referenceRequirement = (row, ref) => requirement(row.direction, row.unit, row.direction === 'RANGE' ? [ref.min, ref.max] : ref.value);

/**
 * What the institute judges from, beside its form (standardReview of GET /tasks/:key): the
 * enterprise's comparison table (Attachment 2) row by row, each indicator's direction, the
 * enterprise standard's requirement and every reference with how the two compare, the proposal
 * the system computed from it, and the Standardization Management Office's flags. The proposal
 * decides nothing: the institute's three judgements are its own.
 */
export function standardReview(review) {
  const proposal = review.proposal;
  // The rows as the comparison read them (each with its result); the filed table if none was made.
  const rows = proposal?.indicators.length ? proposal.indicators : (review.comparisonTable?.indicators ?? []);
  const code = proposal?.enterpriseStandardCode ?? review.comparisonTable?.enterpriseStandardCode;
  const facts = [
    ['企业标准', 'Enterprise standard', code ?? '—'],
    [
      '自动比对建议',
      'Proposed judgement',
      h('strong', { id: 'standard-proposal-verdict' }, ...verdictText(proposal?.verdict)),
    ],
    ['建议理由', 'Why', proposal ? h('span', {}, ...zhEn(proposal.summary.zh, proposal.summary.en)) : '尚未比对 / not compared yet'],
  ];
  if (proposal?.flags.length) facts.push(['首创与唯一', 'First and only', proposal.flags.map((f) => both(flagNames[f], f)).join('；')]);
  if (proposal) facts.push(['比对时间', 'Compared', beijingDateTime(proposal.proposedAt)]);
  return [
    h('h3', { id: 'standard-review-title' }, ...zhEn('标准评价依据：附件2 与自动比对', 'What the evaluation rests on: Attachment 2 and the automatic comparison')),
    h('dl', { class: 'facts', id: 'standard-proposal' }, facts.flatMap(([zh, en, value]) => [h('dt', {}, ...zhEn(zh, en)), h('dd', {}, value)])),
    rows.length ? comparisonTable(rows) : h('p', {}, ...zhEn('企业未随申报提交主要性能指标对比表（附件2）。', 'The enterprise filed no key performance comparison table (Attachment 2).')),
    h('p', { class: 'hint' }, ...zhEn('自动比对只是建议：合法性、合规性、先进性由标准化研究机构判定，并各自说明理由。', 'The comparison is a proposal: the institute judges legitimacy, compliance and advancement, each with its reason.')),
    h('h3', {}, ...zhEn('省标准化管理部门的标记', 'Flags of the Standardization Management Office')),
    review.flags.length
      ? h('ul', { id: 'standard-flags' }, review.flags.map((f) => h('li', {}, `${f.standardCode} · ${f.reason} · ${f.flaggedBy} · ${beijingDateTime(f.flaggedAt)}`)))
      : h('p', { id: 'standard-flags' }, ...zhEn('无标记。', 'None.')),
  ];
}

/** Attachment 2 as a table: one row per indicator; on a phone each row becomes a card. */
function comparisonTable(rows) {
  const columns = [
    ['指标', 'Indicator'],
    ['方向', 'Direction'],
    ['企业标准要求', 'Enterprise standard'],
    ['参考标准', 'References'],
    ['比对结果', 'Result'],
  ];
  const cell = (i, ...content) => h('td', { 'data-label': columns[i].join(' / ') }, ...content);
  return h('table', { class: 'cards', id: 'standard-comparison' },
    h('caption', {}, ...zhEn('主要性能指标对比表（附件2）', 'Key performance comparison table (Attachment 2)')),
    h('thead', {}, h('tr', {}, columns.map(([zh, en]) => h('th', { scope: 'col' }, ...zhEn(zh, en))))),
    h('tbody', {}, rows.map((row) => h('tr', {},
      cell(0, h('strong', {}, row.name), row.unit?.trim() ? `（${row.unit.trim()}）` : ''),
      cell(1, both(directionNames[row.direction], row.direction)),
      cell(2, enterpriseRequirement(row)),
      cell(3, row.references.length
        ? h('ul', { class: 'references' }, row.references.map((ref, i) => reference(row, ref, row.result?.comparisons[i])))
        : h('span', {}, ...zhEn('无国家、行业或国际标准规定', 'set by no national, industry or international standard'))),
      cell(4, result(row.result)),
    ))),
  );
}

function reference(row, ref, comparison) {
  const text = `${ref.standardCode}（${both(levelNames[ref.level], ref.level)}）${comparison?.requirement ?? referenceRequirement(row, ref)}`;
  return h('li', {}, text, comparison ? ` · ${both(strictnessNames[comparison.strictness], comparison.strictness)}` : '');
}

function result(r) {
  if (!r) return '—';
  const marks = [...(r.first ? [both(flagNames.FIRST)] : []), ...(r.only ? [both(flagNames.ONLY)] : [])];
  const verdict = !r.advanced
    ? zhEn('低于参考标准', 'less strict than a reference')
    : r.first
      ? zhEn('无参考标准', 'no reference sets it')
      : r.stricterThanAll
        ? zhEn('严于全部参考标准', 'stricter than every reference')
        : zhEn('不低于参考标准', 'as strict as the references');
  return h('span', {}, h('strong', {}, ...verdict), marks.length ? ` · ${marks.join(' · ')}` : '');
}
