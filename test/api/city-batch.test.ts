import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eligibleFacts } from '../../bin/demo/facts.ts';
import { CityBatchInterrupted, CityBatchRefused, submitCityBatch } from '../../platform/cycle/city-batch.ts';
import type { EnginePort } from '../../platform/engine/port.ts';
import { attachment4Columns, attachment4HeaderRow } from '../../platform/documents/attachment-4.ts';
import { enterprise } from '../cycle/directory.fixture.ts';
import { createApiHarness, type ApiHarness } from './api-harness.ts';

/**
 * The city's unified submission (issue 12, item 5): the Nanjing office decides its waiting
 * declarations in one batch with the member units' opinions; each declaration's own city task is
 * completed by it; a batch with one declaration that cannot go is refused whole; Attachment 4 is
 * the batch's summary table, read back cell by cell.
 */
let t: ApiHarness;
const nanjing1 = enterprise('320100', 1);
const nanjing2 = enterprise('320100', 2);
const wuxi = enterprise('320200', 1);
const n = { a: '', b: '', c: '', w: '' };

async function submit(e: { id: string }, productName: string, seed: number): Promise<string> {
  const { number } = await t.c.driver.submit({ campaignYear: 2023, enterpriseId: e.id, productName, category: 'MANUFACTURING', channel: 'COUNTY', facts: eligibleFacts('MANUFACTURING', 2023, seed), submittedBy: e.id });
  return number;
}

beforeEach(async () => {
  t = await createApiHarness();
  await t.c.driver.openCampaign(2023);
  n.a = await submit(nanjing1, '高强度螺栓 / high-strength bolts', 1);
  n.b = await submit(nanjing2, '精密齿轮 / precision gears', 2);
  n.c = await submit(nanjing1, '紧固件 / fasteners', 3);
  n.w = await submit(wuxi, '精密轴承 / precision bearings', 4);
  // The counties pass a, b and w; c still waits at its county.
  const passed = [n.a, n.b, n.w];
  await t.c.driver.completeAll('countyCheck', (task) => (passed.includes(task.businessKey!) ? { recommended: true, reason: `县级初审通过 ${task.businessKey}` } : null), 'county-officer');
}, 60_000);
afterEach(() => t.close());

const opinions = [
  { unit: '南京市工业和信息化局', opinion: '同意推荐 / agree' },
  { unit: '南京市市场监督管理局', opinion: '无质量安全事故记录，同意推荐 / no incidents, agree' },
];

async function cityTask(number: string) {
  const [task] = await t.c.h.engine.searchUserTasks({ businessKey: number, elementId: 'cityReview' });
  return task!;
}

async function batchRows(): Promise<number> {
  const { rows } = await t.c.h.db.pool.query<{ count: string }>('SELECT count(*)::text AS count FROM city_recommendation_batches');
  return Number(rows[0]!.count);
}

describe('the city submits its recommendations in one batch', () => {
  it('refuses the whole batch when one declaration cannot go, naming it, and completes nothing', async () => {
    const city = await t.as('city_office', '320100');
    const url = '/cities/320100/recommendation-batches';
    const decide = (number: string) => ({ declarationNumber: number, recommended: true, reason: '推荐 / recommended' });

    const otherCity = await t.app.inject({ method: 'POST', url, headers: city.headers, payload: { campaignYear: 2023, declarations: [decide(n.a), decide(n.w)], memberOpinions: opinions } });
    expect(otherCity.statusCode, otherCity.body).toBe(400);
    expect(otherCity.json().errors).toEqual([{ in: 'body', field: '/declarations/1/declarationNumber', rule: 'city', message: expect.stringContaining(n.w) }]);

    const twice = await t.app.inject({ method: 'POST', url, headers: city.headers, payload: { campaignYear: 2023, declarations: [decide(n.a), decide(n.a)], memberOpinions: opinions } });
    expect(twice.statusCode, twice.body).toBe(400);
    expect(twice.json().errors).toEqual([expect.objectContaining({ field: '/declarations/1/declarationNumber', rule: 'uniqueItems' })]);

    const notWaiting = await t.app.inject({ method: 'POST', url, headers: city.headers, payload: { campaignYear: 2023, declarations: [decide(n.a), decide(n.b), decide(n.c)], memberOpinions: opinions } });
    expect(notWaiting.statusCode, notWaiting.body).toBe(409);
    expect(notWaiting.json().errors).toEqual([{ in: 'body', field: '/declarations/2/declarationNumber', rule: 'waiting', message: expect.stringContaining(n.c) }]);

    const noOpinions = await t.app.inject({ method: 'POST', url, headers: city.headers, payload: { campaignYear: 2023, declarations: [decide(n.a)], memberOpinions: [] } });
    expect(noOpinions.statusCode).toBe(400);
    expect(noOpinions.json().errors).toEqual([expect.objectContaining({ field: '/memberOpinions', rule: 'minItems' })]);

    // Nothing half-done: no batch, a's and b's tasks open and unclaimed.
    expect(await batchRows()).toBe(0);
    for (const number of [n.a, n.b]) expect(await cityTask(number)).toMatchObject({ state: 'CREATED', assignee: null });

    // Another city's office does not find Nanjing's batches at all.
    const wuxiOffice = await t.as('city_office', '320200');
    const foreign = await t.app.inject({ method: 'POST', url, headers: wuxiOffice.headers, payload: { campaignYear: 2023, declarations: [decide(n.a)], memberOpinions: opinions } });
    expect(foreign.statusCode).toBe(404);
  });

  it('completes each declaration\'s own city task, records the batch with who, when and the member units\' opinions, and is not repeated', async () => {
    const city = await t.as('city_office', '320100');
    const response = await t.app.inject({
      method: 'POST',
      url: '/cities/320100/recommendation-batches',
      headers: city.headers,
      payload: {
        campaignYear: 2023,
        declarations: [
          { declarationNumber: n.a, recommended: true, reason: '技术领先，推荐 / leading, recommended' },
          { declarationNumber: n.b, recommended: false, reason: '名额有限 / quota' },
        ],
        memberOpinions: opinions,
        note: '经市质量强市领导小组成员单位会商 / after consulting the member units',
      },
    });
    expect(response.statusCode, response.body).toBe(201);
    const batch = response.json();
    expect(batch).toMatchObject({
      campaignYear: 2023,
      cityCode: '320100',
      submittedBy: city.username,
      submittedAt: expect.stringMatching(/\+08:00$/),
      memberOpinions: opinions,
      declarations: [
        { declarationNumber: n.a, recommended: true, completedAt: expect.stringMatching(/\+08:00$/) },
        { declarationNumber: n.b, recommended: false, completedAt: expect.stringMatching(/\+08:00$/) },
      ],
      attachment4: `/cities/320100/recommendation-batches/${batch.id}/attachment-4.xlsx`,
    });
    await t.settle();

    // Each case went on as if its task had been completed alone, decided by the submitter.
    for (const number of [n.a, n.b]) expect(await cityTask(number)).toMatchObject({ state: 'COMPLETED', assignee: city.username });
    const { rows: decided } = await t.c.h.db.pool.query(
      `SELECT r.declaration_number AS number, r.recommended, r.decided_by AS "decidedBy", d.stage, d.outcome FROM recommendations r JOIN declarations d ON d.number = r.declaration_number
        WHERE r.level = 'CITY' ORDER BY r.declaration_number`,
    );
    expect(decided).toEqual([
      { number: n.a, recommended: true, decidedBy: city.username, stage: 'EXPERT_REVIEW', outcome: null },
      { number: n.b, recommended: false, decidedBy: city.username, stage: expect.any(String), outcome: 'NOT_RECOMMENDED' },
    ]);
    const { rows: audit } = await t.c.h.db.pool.query(`SELECT actor, role, subject_id AS "subjectId", reason, detail FROM audit_log WHERE action = 'city.batch_submitted'`);
    expect(audit).toEqual([
      {
        actor: city.username,
        role: 'city_office',
        subjectId: String(batch.id),
        reason: '经市质量强市领导小组成员单位会商 / after consulting the member units',
        detail: { campaignYear: 2023, cityCode: '320100', recommended: [n.a], notRecommended: [n.b], memberOpinions: opinions },
      },
    ]);

    // A declaration is decided once: a second batch naming it is refused.
    const again = await t.app.inject({
      method: 'POST',
      url: '/cities/320100/recommendation-batches',
      headers: city.headers,
      payload: { campaignYear: 2023, declarations: [{ declarationNumber: n.a, recommended: true, reason: '再次 / again' }], memberOpinions: opinions },
    });
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json().errors).toEqual([expect.objectContaining({ field: '/declarations/0/declarationNumber', rule: 'batch', message: expect.stringContaining(n.a) })]);

    // The province sees the city's batches; another city does not.
    const province = await t.as('provincial_office');
    const listed = await t.app.inject({ method: 'GET', url: '/cities/320100/recommendation-batches?year=2023', headers: province.headers });
    expect(listed.json().map((b: { id: number }) => b.id)).toEqual([batch.id]);
    const wuxiOffice = await t.as('city_office', '320200');
    expect((await t.app.inject({ method: 'GET', url: `/cities/320100/recommendation-batches/${batch.id}`, headers: wuxiOffice.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/cities/320200/recommendation-batches/${batch.id}`, headers: wuxiOffice.headers })).statusCode).toBe(404);
  });

  it('gives Attachment 4 as XLSX to the city and the province, its cells the batch\'s recommended enterprises', async () => {
    const city = await t.as('city_office', '320100');
    const created = await t.app.inject({
      method: 'POST',
      url: '/cities/320100/recommendation-batches',
      headers: city.headers,
      payload: {
        campaignYear: 2023,
        declarations: [
          { declarationNumber: n.b, recommended: true, reason: '市场占有率高 / strong market share' },
          { declarationNumber: n.a, recommended: true, reason: '技术领先 / leading technology' },
        ],
        memberOpinions: opinions,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { id, attachment4 } = created.json();
    await t.settle();

    for (const who of [city, await t.as('provincial_office')]) {
      const response = await t.app.inject({ method: 'GET', url: attachment4, headers: who.headers });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(response.headers['content-disposition']).toBe(
        `attachment; filename="attachment-4-320100-2023-${id}.xlsx"; filename*=UTF-8''${encodeURIComponent(`附件4-推荐企业汇总表-320100-2023-${id}.xlsx`)}`,
      );

      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet('附件4')!;
      const text = (row: number, col: number) => String(sheet.getCell(row, col).value ?? '');
      expect(text(1, 1)).toBe('附件4');
      expect(text(2, 1)).toBe('2023年度“江苏精品”认证推荐企业汇总表');
      expect(text(3, 1)).toBe('推荐单位（盖章）：南京市');
      expect(text(3, 6)).toMatch(new RegExp(`^报送日期：2023年\\d{1,2}月\\d{1,2}日（批次 ${id}）$`));
      expect(attachment4Columns.map((_, c) => text(attachment4HeaderRow, c + 1))).toEqual(['序号', '企业名称', '统一社会信用代码', '产品名称', '类别', '所在地', '县级初审意见', '市级推荐意见']);
      const row = (r: number) => attachment4Columns.map((_, c) => sheet.getCell(attachment4HeaderRow + r, c + 1).value);
      // In the batch's order: b first, then a.
      expect(row(1)).toEqual([1, nanjing2.name, nanjing2.id, '精密齿轮 / precision gears', '制造业', '南京市秦淮区', `县级初审通过 ${n.b}`, '市场占有率高 / strong market share']);
      expect(row(2)).toEqual([2, nanjing1.name, nanjing1.id, '高强度螺栓 / high-strength bolts', '制造业', '南京市玄武区', `县级初审通过 ${n.a}`, '技术领先 / leading technology']);
      expect(text(attachment4HeaderRow + 3, 1)).toBe('');
      expect(text(attachment4HeaderRow + 4, 1)).toBe('成员单位意见：');
      expect(text(attachment4HeaderRow + 5, 1)).toBe(`1. ${opinions[0]!.unit}：${opinions[0]!.opinion}`);
      expect(text(attachment4HeaderRow + 6, 1)).toBe(`2. ${opinions[1]!.unit}：${opinions[1]!.opinion}`);
    }
    // The batch's submission day is the Beijing date of its recording.
    const { rows } = await t.c.h.db.pool.query<{ day: string }>(`SELECT to_char(submitted_at AT TIME ZONE 'Asia/Shanghai', 'FMYYYY年FMMM月FMDD日') AS day FROM city_recommendation_batches WHERE id = $1`, [id]);
    const file = await t.app.inject({ method: 'GET', url: attachment4, headers: city.headers });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    expect(String(workbook.getWorksheet('附件4')!.getCell(3, 6).value)).toBe(`报送日期：${rows[0]!.day}（批次 ${id}）`);

    const wuxiOffice = await t.as('city_office', '320200');
    expect((await t.app.inject({ method: 'GET', url: attachment4, headers: wuxiOffice.headers })).statusCode).toBe(404);
  });

  /** The harness's engine, but the `failAt`-th call of `method` is refused as an engine would refuse it. */
  function failing(method: 'assignUserTask' | 'completeUserTask', failAt: number): EnginePort {
    const engine = t.c.h.engine;
    let calls = 0;
    return new Proxy(engine, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (property !== method) return typeof value === 'function' ? value.bind(target) : value;
        return async (...args: unknown[]) => {
          calls += 1;
          if (calls === failAt) throw new Error(`engine refused ${method} (test)`);
          return (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        };
      },
    });
  }
  const request = () => ({
    campaignYear: 2023,
    cityCode: '320100',
    submittedBy: 'city-officer-1',
    note: null,
    memberOpinions: opinions,
    declarations: [n.a, n.b].map((declarationNumber) => ({ declarationNumber, recommended: true, reason: '推荐 / recommended' })),
  });

  it('gives back the claims it took when one claim is refused, and writes nothing', async () => {
    const ports = { db: t.c.h.db.pool, engine: failing('assignUserTask', 2), clock: t.c.h.clock };
    const refused = await submitCityBatch(ports, request()).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(CityBatchRefused);
    expect((refused as CityBatchRefused).problems).toEqual([expect.objectContaining({ declarationNumber: n.b, rule: 'claimed', kind: 'state' })]);
    for (const number of [n.a, n.b]) expect(await cityTask(number)).toMatchObject({ state: 'CREATED', assignee: null });
    expect(await batchRows()).toBe(0);
  });

  it('says where it stopped when the engine refuses a task after the batch was written, and the batch shows what was completed', async () => {
    const ports = { db: t.c.h.db.pool, engine: failing('completeUserTask', 2), clock: t.c.h.clock };
    const stopped = await submitCityBatch(ports, request()).catch((error: unknown) => error);
    expect(stopped).toBeInstanceOf(CityBatchInterrupted);
    expect(stopped).toMatchObject({ declarationNumber: n.b, completed: [n.a] });
    const { rows } = await t.c.h.db.pool.query<{ number: string; done: boolean }>(
      'SELECT declaration_number AS number, completed_at IS NOT NULL AS done FROM city_batch_declarations ORDER BY position',
    );
    expect(rows).toEqual([{ number: n.a, done: true }, { number: n.b, done: false }]);
    await t.settle();
    expect(await cityTask(n.a)).toMatchObject({ state: 'COMPLETED' });
    expect(await cityTask(n.b)).toMatchObject({ state: 'CREATED', assignee: 'city-officer-1' });
  });
});
