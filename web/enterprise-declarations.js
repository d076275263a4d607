// What an enterprise sees on its declarations list beside what every role sees: the button to
// declare, its unsubmitted drafts, and for each declaration what it waits on and until when.
import { get } from './api.js';
import { h, zhEn } from './dom.js';
import { beijingDateTime } from './format.js';

/** The button and the drafts list, above the declarations (an enterprise's, or a member unit's supplementary ones). */
export async function enterpriseHeader(role) {
  const [drafts, timetable] = await Promise.all([get('/declarations/drafts?status=DRAFT'), campaignTimetable()]);
  const section = h('section', { class: 'panel', id: 'drafts', 'aria-labelledby': 'drafts-title' },
    h('p', { class: 'actions' }, h('a', { class: 'button', href: '/declarations/new', id: 'declare-new' }, ...zhEn('申报新产品', 'Declare a product')), role === 'enterprise' ? h('a', { class: 'button button-secondary', href: '/enterprise' }, ...zhEn('企业登记信息', 'Registration')) : null),
    h('h2', { id: 'drafts-title' }, ...zhEn('未提交的草稿', 'Drafts not yet submitted')));
  if (!drafts.length) section.append(h('p', {}, ...zhEn('没有草稿。', 'No drafts.')));
  else section.append(h('ul', {}, drafts.map((d) => h('li', {}, h('a', { href: `/declarations/new?draft=${d.id}` }, d.productName || '（未命名）/ (untitled)'), d.carriedFrom ? ` · 上年结转 / carried over from ${d.carriedFrom}` : '', ` · ${d.campaignYear} · 保存于 / saved ${beijingDateTime(d.updatedAt)}`))));
  return timetable ? h('div', { class: 'two-columns' }, section, timetable) : section;
}

// The campaign's deadlines a declarant plans by (the timetable the office set, Beijing time).
const stages = [
  ['citySubmissionDeadline', '设区市报送截止', 'City submissions close'],
  ['expertReviewDue', '专家比对论证截止', 'Expert review due'],
  ['certificationDeadline', '认证截止', 'Certification deadline'],
  ['publicityPlannedEnd', '公示期满（计划）', 'Publicity ends (planned)'],
];

/** The open campaign's timetable, or nothing when no campaign is open. */
export async function campaignTimetable() {
  const open = (await get('/campaigns')).find((c) => c.status === 'OPEN');
  if (!open) return null;
  const rows = stages.filter(([key]) => open.timetable[key]);
  return h('section', { class: 'panel campaign-timetable', id: 'timetable', 'aria-labelledby': 'timetable-title' },
    h('h2', { id: 'timetable-title' }, ...zhEn(`${open.year} 年度时间表`, `Timetable of ${open.year}`)),
    h('p', { class: 'hint' }, ...zhEn('县、市的审核推荐须在设区市报送截止前完成；时间均为北京时间。', 'The county and the city recommend before city submissions close; all times are Beijing time.')),
    h('dl', { class: 'facts' }, rows.flatMap(([key, zh, en]) => [h('dt', {}, ...zhEn(zh, en)), h('dd', {}, h('time', { datetime: open.timetable[key] }, beijingDateTime(open.timetable[key])))])));
}

/** What the declaration waits on and its due date (Beijing), or that it is closed. */
export async function waitingCell(number) {
  const status = await get(`/declarations/${number}/status`);
  if (status.outcome) return ['已结束 / closed'];
  if (!status.waiting.length) return ['—'];
  return status.waiting.flatMap((w, i) => [
    i ? h('br') : null,
    w.what,
    w.dueDate ? [' · ', h('time', { datetime: w.dueDate }, `期限 / due ${beijingDateTime(w.dueDate)}`)] : null,
  ]);
}
