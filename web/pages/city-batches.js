import { get } from '../api.js';
import { h, pageTitle, zhEn } from '../dom.js';
import { batchList } from '../city-batch-list.js';
import { cityBatchForm } from '../city-batch-form.js';
import { cityName, jiangsuCities } from '../cities.js';
import { renderNotFound } from './not-found.js';

/** The city review's element id in declaration.bpmn (bpmn/contract.ts declarationTasks.cityReview). */
const CITY_REVIEW = 'cityReview';

/**
 * `/city-batches`: 统一报送. A city office submits the declarations waiting at the city together
 * and downloads each batch's Attachment 4; the provincial office reads every city's batches of a
 * year and downloads their Attachment 4 too. Anyone else gets the not-found page, as the API
 * answers them.
 */
export async function renderCityBatches(view, ctx) {
  if (ctx.user.role === 'city_office') return cityPage(view, ctx, ctx.user.scope);
  if (ctx.user.role === 'provincial_office') return provincePage(view, ctx);
  renderNotFound(view);
}

async function cityPage(view, ctx, code) {
  const [zh, en] = cityName(code);
  // The declarations the batch can decide are those whose city task is open: the city's inbox.
  const tasks = (await get('/tasks')).filter((t) => t.elementId === CITY_REVIEW && t.businessKey);
  const [waiting, batches] = await Promise.all([
    Promise.all(tasks.map((t) => get(`/declarations/${encodeURIComponent(t.businessKey)}`))),
    get(`/cities/${code}/recommendation-batches`),
  ]);
  waiting.sort((a, b) => a.number.localeCompare(b.number));
  view.append(pageTitle(`${zh}统一报送推荐`, `${en}: recommendations submitted together`));
  view.append(waiting.length
    ? cityBatchForm(code, waiting, {
      done: (batch) => ctx.navigate('/city-batches', {
        replace: true,
        flash: zhEn(`批次 ${batch.id} 已报送（${batch.declarations.length} 项）。附件4 可在下方下载。`, `Batch ${batch.id} is submitted (${batch.declarations.length} declaration(s)); Attachment 4 downloads below.`),
      }),
    })
    : h('section', { class: 'panel', id: 'batch-form' }, h('p', { class: 'none' }, ...zhEn('没有等待市级审核的申报。', 'No declaration is waiting for the city.'))));
  view.append(h('section', { 'aria-labelledby': 'batches-title', id: 'batches' },
    h('h2', { id: 'batches-title' }, ...zhEn('已报送的批次', 'Batches submitted')),
    batches.length ? batchList(batches) : h('p', { class: 'none' }, ...zhEn('尚未报送批次。', 'No batch has been submitted yet.'))));
}

async function provincePage(view, ctx) {
  const campaigns = await get('/campaigns');
  view.append(pageTitle('各设区市报送批次', 'The cities\' recommendation batches'));
  if (!campaigns.length) {
    view.append(h('p', { class: 'none' }, ...zhEn('尚未开启任何年度。', 'No campaign has been opened.')));
    return;
  }
  const asked = Number(ctx.query.get('year'));
  const year = campaigns.some((c) => c.year === asked) ? asked : campaigns[0].year;
  const perCity = await Promise.all(jiangsuCities.map(async ([code, zh, en]) => ({ code, zh, en, batches: await get(`/cities/${code}/recommendation-batches?year=${year}`) })));
  const sent = perCity.filter((c) => c.batches.length);
  const silent = perCity.filter((c) => !c.batches.length);
  view.append(
    h('nav', { class: 'tabs', 'aria-label': '年度 / Year' }, campaigns.map((c) => h('a', { href: `/city-batches?year=${c.year}`, 'aria-current': c.year === year ? 'true' : null }, String(c.year)))),
    h('p', { id: 'cities-silent' }, ...zhEn(`尚未报送：${silent.map((c) => c.zh).join('、') || '无'}`, `not submitted yet: ${silent.map((c) => c.en).join(', ') || 'none'}`)),
    ...(sent.length
      ? sent.map((c) => h('section', { id: `city-${c.code}`, 'aria-labelledby': `city-${c.code}-title` },
        h('h2', { id: `city-${c.code}-title` }, ...zhEn(c.zh, c.en)), batchList(c.batches)))
      : [h('p', { class: 'none' }, ...zhEn(`${year} 年度尚无设区市报送批次。`, `No city has submitted a batch for ${year}.`))]),
  );
}
