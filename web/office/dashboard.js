import { get } from '../api.js';
import { h, pageTitle, zhEn } from '../dom.js';
import { timeElement } from '../format.js';
import { both, outcomeNames, stageNames } from '../labels.js';
import { loadScript } from '../load-script.js';
import { officeOnly } from './office-only.js';
import { STAGE_COLOURS, stageOrder } from './stages.js';

const TIMETABLE = {
  citySubmissionDeadline: ['设区市报送截止', 'City submissions close'],
  expertReviewDue: ['专家比对论证截止', 'Expert review due'],
  certificationDeadline: ['认证截止', 'Certification closes'],
  publicityPlannedEnd: ['公示期满', 'Publicity ends'],
  allianceReportDue: ['联盟年报截止', 'Alliance report due'],
};

const caseCell = (number) => h('a', { href: `/cases/${encodeURIComponent(number)}`, class: 'case-number' }, number);

function table(id, caption, columns, rows) {
  return h('table', { class: 'cards', id },
    h('caption', { class: 'visually-hidden' }, caption),
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((cell, i) => h('td', { 'data-label': columns[i] }, cell))))));
}

const section = (id, zh, en, ...children) => h('section', { class: 'panel', id, 'aria-labelledby': `${id}-title` }, h('h2', { id: `${id}-title` }, ...zhEn(zh, en)), ...children);
const none = (zh, en) => h('p', { class: 'none' }, ...zhEn(zh, en));

/** The campaign's declarations per city and stage: the chart for the eye, the same numbers as a table. */
function countsSection(d, ctx) {
  const stages = stageOrder(d.counts.map((c) => c.stage));
  const count = (city, stage) => d.counts.find((c) => c.cityCode === city && c.stage === stage)?.declarations ?? 0;
  const total = d.counts.reduce((sum, c) => sum + c.declarations, 0);
  const canvas = h('canvas', { id: 'counts-chart', role: 'img', 'aria-label': `各设区市各阶段申报数柱状图，共 ${total} 项，数字见下表 / declarations per city and stage as stacked bars, ${total} in all; the table below gives the numbers` });
  const columns = ['设区市 / City', ...stages.map((s) => both(stageNames[s], s)), '合计 / Total'];
  const rows = d.cities.map((city) => {
    const cells = stages.map((s) => count(city.code, s));
    return [`${city.zh} ${city.en}`, ...cells.map(String), String(cells.reduce((a, b) => a + b, 0))];
  });
  const year = d.year;
  const result = section('counts', '各设区市各阶段申报数', 'Declarations per city and stage',
    h('div', { class: 'actions exports' },
      h('a', { class: 'button button-secondary', href: `/exports/dashboard-counts.csv?year=${year}`, download: true }, ...zhEn('导出 CSV', 'Export CSV')),
      h('a', { class: 'button button-secondary', href: `/exports/dashboard.xlsx?year=${year}`, download: true }, ...zhEn('导出 Excel（三张表）', 'Export Excel (three sheets)'))),
    total === 0 ? none('本年度尚无申报。', 'No declarations this year yet.') : h('div', { class: 'chart-box' }, canvas),
    h('details', { open: total > 0 && ctx.query.has('table') ? true : null }, h('summary', {}, ...zhEn('以表格查看数字', 'The numbers as a table')), table('counts-table', '各设区市各阶段申报数 / declarations per city and stage', columns, rows)));
  if (total > 0) {
    ctx.afterShown.push(async () => {
      await loadScript('/vendor/chart.js/chart.umd.min.js');
      const { Chart } = globalThis;
      const chart = new Chart(canvas, {
        type: 'bar',
        data: {
          labels: d.cities.map((c) => c.zh),
          datasets: stages.map((s) => ({ label: stageNames[s]?.[0] ?? s, data: d.cities.map((c) => count(c.code, s)), backgroundColor: STAGE_COLOURS[s] ?? '#6b7280' })),
        },
        options: {
          animation: false,
          maintainAspectRatio: false,
          scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: '申报数 / declarations' } } },
          plugins: { legend: { position: 'bottom' } },
        },
      });
      canvas.dataset.drawn = String(chart.data.datasets.length);
    });
  }
  return result;
}

function lateSection(d) {
  const { citySubmissionsMissed, cncaOverdue, corrections } = d.late;
  const missed = citySubmissionsMissed.length
    ? table('late-city', '设区市报送逾期 / city submissions missed', ['申报 / Declaration', '企业 / Enterprise', '设区市 / City', '未办理 / Not acted on by', '结案时间 / Closed'],
      citySubmissionsMissed.map((m) => [caseCell(m.number), m.enterpriseName, m.cityCode, m.level === 'COUNTY' ? '县级初审 / county check' : '市级推荐 / city review', timeElement(m.closedAt)]))
    : none('没有。', 'None.');
  const cnca = cncaOverdue.length
    ? table('late-cnca', '认监委报送逾期 / CNCA reports overdue', ['申报 / Declaration', '企业 / Enterprise', '认证机构 / Body', '报送期限 / Due', '已上报监管 / Escalated'],
      cncaOverdue.map((c) => [caseCell(c.number), c.enterpriseName, c.bodyName, [timeElement(c.dueAt), ' ', h('span', { class: 'badge badge-overdue' }, '已逾期 / overdue')], c.escalatedAt ? timeElement(c.escalatedAt) : '未 / not yet']))
    : none('没有。', 'None.');
  const correcting = corrections.length
    ? table('late-corrections', '补正期 / correction periods', ['申报 / Declaration', '企业 / Enterprise', '设区市 / City', '补正期限 / Due', '剩余 / Left'],
      corrections.map((c) => [caseCell(c.number), c.enterpriseName, c.cityCode, c.dueAt ? timeElement(c.dueAt) : '—',
        c.overdue ? h('span', { class: 'badge badge-overdue' }, '已逾期 / overdue')
          : c.workingDaysLeft === null ? '工作日未知 / unknown'
            : h('span', { class: c.endingSoon ? 'badge badge-soon' : null }, `${c.workingDaysLeft} 个工作日 / working day(s)`, c.endingSoon ? ' · 即将到期 / ending soon' : '')]))
    : none('没有进行中的补正。', 'No correction is open.');
  const count = citySubmissionsMissed.length + cncaOverdue.length + corrections.filter((c) => c.endingSoon).length;
  return section('late', '逾期与将到期', 'Late and running out',
    h('p', {}, count ? h('strong', {}, `${count} 项需要关注`, h('span', { class: 'en', lang: 'en' }, ` / ${count} item(s) need attention`)) : zhEn('没有逾期事项。', 'Nothing is late.')),
    h('div', { class: 'actions exports' }, h('a', { class: 'button button-secondary', href: `/exports/dashboard-late.csv?year=${d.year}`, download: true }, ...zhEn('导出 CSV', 'Export CSV'))),
    h('h3', {}, ...zhEn('设区市报送逾期', 'City submissions missed')), missed,
    h('h3', {}, ...zhEn('认监委报送逾期', 'CNCA reports overdue')), cnca,
    h('h3', {}, ...zhEn('补正期', 'Correction periods')), correcting);
}

function keyListSection(d) {
  const selected = (k) => (k.selected === null ? h('span', { class: 'badge badge-soon' }, '待决定 / undecided') : k.selected ? h('span', { class: 'badge badge-mine' }, '列入 / on the list') : '未列入 / not listed');
  return section('key-list', '重点培育名单', 'Key-cultivation list',
    h('div', { class: 'actions exports' }, h('a', { class: 'button button-secondary', href: `/exports/key-cultivation.csv?year=${d.year}`, download: true }, ...zhEn('导出 CSV', 'Export CSV'))),
    d.keyCultivation.length
      ? table('key-list-table', '重点培育名单 / key-cultivation list', ['排名 / Rank', '申报 / Declaration', '企业 / Enterprise', '产品 / Product', '得分 / Score', '名单 / List'],
        d.keyCultivation.map((k) => [String(k.rank), caseCell(k.number), k.enterpriseName, k.productName, k.score.toFixed(2), selected(k)]))
      : none('专家评审尚未排名。', 'The experts have not ranked yet.'));
}

function publicitySection(d) {
  const publicity = d.publicity.length
    ? table('publicity-table', '公示 / publicity', ['申报 / Declaration', '企业 / Enterprise', '产品 / Product', '状态 / State', '异议 / Objections'],
      d.publicity.map((p) => [caseCell(p.number), p.enterpriseName, p.productName, p.outcome ? both(outcomeNames[p.outcome], p.outcome) : both(stageNames[p.stage], p.stage),
        p.objections ? [`${p.objections} 条 / ${p.objections}`, p.undecided ? h('span', { class: 'badge badge-soon' }, ` 待决定 ${p.undecided} / ${p.undecided} undecided`) : ''] : '无 / none']))
    : none('尚未开始公示。', 'Publicity has not started.');
  const decision = (o) => (o.decision === 'UPHELD' ? '异议成立 / upheld' : o.decision === 'DISMISSED' ? '异议不成立 / dismissed' : h('span', { class: 'badge badge-soon' }, '待决定 / undecided'));
  const objections = d.objections.length
    ? table('objections-table', '异议 / objections', ['收到 / Filed', '申报 / Declaration', '异议人 / By', '内容 / Text', '决定 / Decision'],
      d.objections.map((o) => [timeElement(o.filedAt), caseCell(o.number), o.objectorKind === 'UNIT' ? '单位 / unit' : '个人 / person', h('span', { class: 'objection-text' }, o.text), decision(o)]))
    : none('没有异议。', 'No objections.');
  return section('publicity', '公示与异议', 'Publicity and objections', publicity, h('h3', {}, ...zhEn('异议', 'Objections')), objections);
}

function announcementSection(d) {
  const a = d.announcement;
  return section('announcement', '公告', 'Announcement',
    a.number
      ? h('p', {}, `${a.number}，`, timeElement(a.announcedAt), `，公告 ${a.announced} 项江苏精品`, h('span', { class: 'en', lang: 'en' }, ` / ${a.announced} announced`), ' · ',
        h('a', { href: `/exports/announced.csv?year=${d.year}`, download: true }, ...zhEn('导出公告名单', 'Export the announced list')))
      : none('尚未公告。', 'Not announced yet.'));
}

function headline(d) {
  const total = d.counts.reduce((sum, c) => sum + c.declarations, 0);
  const closed = d.counts.filter((c) => c.stage === 'CLOSED').reduce((sum, c) => sum + c.declarations, 0);
  const figure = (zh, en, value, id) => h('div', { class: 'figure', id }, h('div', { class: 'figure-value' }, String(value)), h('div', {}, ...zhEn(zh, en)));
  return h('div', { class: 'figures' },
    figure('申报', 'declarations', total, 'figure-total'),
    figure('办理中', 'in progress', total - closed, 'figure-open'),
    figure('已结束', 'closed', closed, 'figure-closed'),
    figure('已公告', 'announced', d.announcement.announced, 'figure-announced'));
}

/**
 * 年度看板: one campaign as the provincial office follows it (GET /dashboard). The year is the
 * address's ?year=, else the newest campaign.
 */
export async function renderDashboard(view, ctx) {
  if (!officeOnly(view, ctx)) return;
  const campaigns = await get('/campaigns');
  if (!campaigns.length) {
    view.append(pageTitle('年度看板', 'Campaign dashboard'), none('尚未开启任何年度。', 'No campaign has been opened.'));
    return;
  }
  const asked = Number(ctx.query.get('year'));
  const year = campaigns.some((c) => c.year === asked) ? asked : campaigns[0].year;
  const d = await get(`/dashboard?year=${year}`);
  view.append(
    pageTitle(`${year} 年度看板`, `Campaign dashboard ${year}`),
    h('nav', { class: 'tabs', 'aria-label': '年度 / Year' }, campaigns.map((c) => h('a', { href: `/dashboard?year=${c.year}`, 'aria-current': c.year === year ? 'true' : null }, String(c.year)))),
    h('p', { class: 'meta' }, d.noticeNumber, ' · ', ...zhEn('数据截至', 'as of'), ' ', timeElement(d.asOf)),
    headline(d),
    h('div', { class: 'panel' }, h('h2', {}, ...zhEn('时间表', 'Timetable')),
      h('dl', { class: 'facts', id: 'timetable' }, Object.entries(TIMETABLE).filter(([k]) => d.timetable[k]).flatMap(([k, [zh, en]]) => [h('dt', {}, ...zhEn(zh, en)), h('dd', {}, timeElement(d.timetable[k]))]))),
    countsSection(d, ctx),
    lateSection(d),
    keyListSection(d),
    publicitySection(d),
    announcementSection(d),
  );
}
