import { get, post } from '../api.js';
import { announce, h, pageTitle, zhEn } from '../dom.js';
import { timeElement } from '../format.js';
import { apiErrorItems, clearFormErrors, showFormErrors } from './form-errors.js';
import { officeOnly } from './office-only.js';

const STATUS = { OPEN: '申报中 / open', EXPERT_REVIEW: '专家评审 / expert review', CERTIFICATION: '认证 / certification', PUBLICITY: '公示 / publicity', ANNOUNCED: '已公告 / announced' };
const DEADLINES = [
  ['citySubmissionDeadline', '设区市报送截止', 'City submissions close'],
  ['expertReviewDue', '专家比对截止', 'Expert review due'],
  ['certificationDeadline', '认证截止', 'Certification closes'],
  ['publicityPlannedEnd', '公示期满', 'Publicity ends'],
];
const FROM = { NOTICE: '通知规定 / set by the notice', WORKING_DAYS: '按工作日推算 / working days', YEAR_END: '年底 / year end' };

function campaignList(campaigns) {
  if (!campaigns.length) return h('div', { class: 'panel' }, h('p', {}, ...zhEn('尚未开启任何年度。', 'No campaign has been opened.')));
  const columns = ['年度 / Year', '通知 / Notice', '状态 / Status', ...DEADLINES.map(([, zh, en]) => `${zh} / ${en}`), '公告 / Announcement'];
  return h('table', { class: 'cards', id: 'campaigns' },
    h('caption', { class: 'visually-hidden' }, '申报年度 / campaigns'),
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, campaigns.map((c) => h('tr', {},
      h('td', { 'data-label': columns[0] }, h('a', { href: `/dashboard?year=${c.year}` }, String(c.year))),
      h('td', { 'data-label': columns[1] }, c.noticeNumber),
      h('td', { 'data-label': columns[2] }, STATUS[c.status] ?? c.status),
      DEADLINES.map(([key], i) => h('td', { 'data-label': columns[3 + i] }, c.timetable[key] ? timeElement(c.timetable[key]) : '—')),
      h('td', { 'data-label': columns.at(-1) }, c.announcementNumber ? [c.announcementNumber, ' ', timeElement(c.announcedAt)] : '—')))));
}

const row = (id, zh, en, control, hint) => h('div', { class: 'form-row' }, h('label', { for: id }, ...zhEn(zh, en)), hint ? h('div', { id: `${id}-hint`, class: 'hint en' }, hint) : null, control);

/**
 * Opening a year: the office asks for the timetable the rule set and the working-day calendar
 * propose (POST /campaigns/plan), may move any deadline, then opens the year (POST /campaigns).
 */
function openForm(ctx, campaigns) {
  const nextYear = campaigns.length ? campaigns[0].year + 1 : Number(new Date().toISOString().slice(0, 4));
  const year = h('input', { id: 'year', name: 'year', type: 'number', min: '2018', max: '2100', value: String(nextYear), inputmode: 'numeric' });
  const noticeDate = h('input', { id: 'noticeDate', name: 'noticeDate', type: 'date', 'aria-describedby': 'noticeDate-hint' });
  const noticeNumber = h('input', { id: 'noticeNumber', name: 'noticeNumber', maxlength: '60', 'aria-describedby': 'noticeNumber-hint' });
  const plan = h('div', { id: 'plan' });
  const deadlines = {};
  const form = h('form', { novalidate: true, id: 'open-form' },
    row('year', '年度', 'Year', year),
    row('noticeDate', '通知日期', 'Notice date', noticeDate, '留空即今天（北京时间）/ empty: today (Beijing)'),
    row('noticeNumber', '通知文号', 'Notice number', noticeNumber, '如 / e.g. 苏质委办〔2026〕1号'),
    h('div', { class: 'actions' }, h('button', { type: 'button', id: 'plan-button', class: 'button-secondary' }, ...zhEn('推算时间表', 'Propose the timetable'))),
    plan);
  const checkYear = () => {
    const value = Number(year.value);
    if (!Number.isInteger(value) || value < 2018 || value > 2100) {
      showFormErrors(form, [{ control: year, message: '年度：2018 至 2100 的整数 / year: a whole number from 2018 to 2100' }]);
      return undefined;
    }
    return value;
  };
  const controlOf = (pointer) => {
    const [, top, name] = pointer.split('/');
    if (top === 'deadlines') return deadlines[name];
    return { year, noticeDate, noticeNumber }[top];
  };
  form.querySelector('#plan-button').addEventListener('click', async () => {
    clearFormErrors(form);
    const y = checkYear();
    if (y === undefined) return;
    try {
      const proposed = await post('/campaigns/plan', { year: y, ...(noticeDate.value ? { noticeDate: noticeDate.value } : {}) });
      for (const key of Object.keys(deadlines)) delete deadlines[key];
      const rows = proposed.stages.map((stage) => {
        const input = h('input', { id: `deadline-${stage.stage}`, type: 'date', value: stage.ends, 'aria-describedby': `deadline-${stage.stage}-hint` });
        deadlines[stage.stage] = input;
        return row(input.id, stage.name.zh, stage.name.en, input, `${FROM[stage.from] ?? stage.from}${stage.from === 'WORKING_DAYS' ? `，${stage.workingDays} 个工作日 / ${stage.workingDays} working days` : ''}`);
      });
      const open = h('button', { type: 'submit', id: 'open-button' }, ...zhEn(`开启 ${y} 年度`, `Open ${y}`));
      plan.replaceChildren(h('fieldset', {}, h('legend', {}, ...zhEn(`${y} 年度时间表（规则集第 ${proposed.ruleSetVersion} 版）`, `Timetable for ${y} (rule set version ${proposed.ruleSetVersion})`)),
        h('p', {}, ...zhEn('可修改任一截止日，再开启年度。', 'Move any deadline, then open the year.')), rows), open);
      announce('时间表已推算 / timetable proposed');
      deadlines[proposed.stages[0]?.stage]?.focus();
    } catch (error) {
      showFormErrors(form, apiErrorItems(error, controlOf));
    }
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFormErrors(form);
    const y = checkYear();
    if (y === undefined) return;
    const body = { year: y, deadlines: Object.fromEntries(Object.entries(deadlines).filter(([, input]) => input.value).map(([stage, input]) => [stage, input.value])) };
    if (noticeDate.value) body.noticeDate = noticeDate.value;
    if (noticeNumber.value.trim()) body.noticeNumber = noticeNumber.value.trim();
    try {
      const opened = await post('/campaigns', body);
      await ctx.navigate('/campaigns', { replace: true, flash: zhEn(`${opened.year} 年度已开启（规则集第 ${opened.ruleSetVersion} 版）。`, `${opened.year} is open (rule set version ${opened.ruleSetVersion}).`) });
    } catch (error) {
      showFormErrors(form, apiErrorItems(error, controlOf));
    }
  });
  return h('section', { class: 'panel', 'aria-labelledby': 'open-title' }, h('h2', { id: 'open-title' }, ...zhEn('开启新年度', 'Open a campaign year')), form);
}

/** 申报年度: the campaigns with their timetables, and opening the next one. */
export async function renderCampaigns(view, ctx) {
  if (!officeOnly(view, ctx)) return;
  const campaigns = await get('/campaigns');
  view.append(pageTitle('申报年度', 'Campaigns'), h('p', {}, h('a', { href: '/rule-sets' }, ...zhEn('年度规则集', 'Rule sets'))), campaignList(campaigns), openForm(ctx, campaigns));
}
