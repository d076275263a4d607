import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eligibleFacts } from '../../bin/demo/facts.ts';
import type { CampaignTimetable } from '../../domain/campaign/timetable.ts';
import { announce, certifyAll, declare, expertReview, recommend, startPublicity } from '../cycle/scenario-steps.ts';
import { createApiHarness, E1, E2, E3, type ApiHarness } from './api-harness.ts';

/**
 * The routes the enterprise's and the public's pages read: the open drafts (as the declarations
 * page asks for them), the attachment rules, and the announced list as JSON.
 */
let t: ApiHarness;
let plan: CampaignTimetable;
beforeAll(async () => {
  t = await createApiHarness();
  plan = await t.c.driver.openCampaign(2023);
}, 60_000);
afterAll(() => t?.close());

describe('the routes behind the enterprise and public pages', () => {
  it('lists an enterprise its own open drafts only, and no longer once submitted', async () => {
    const e1 = await t.as('enterprise', E1);
    const e3 = await t.as('enterprise', E3);
    const create = (who: typeof e1, productName: string) =>
      t.app.inject({ method: 'POST', url: '/declarations', headers: who.headers, payload: { campaignYear: 2023, productName, category: 'MANUFACTURING', facts: eligibleFacts('MANUFACTURING', 2023, 4) } });
    const first = (await create(e1, '草稿一')).json();
    const second = (await create(e1, '草稿二')).json();
    await create(e3, '别家的草稿');
    const listed = await t.app.inject({ method: 'GET', url: '/declarations/drafts?status=DRAFT', headers: e1.headers });
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json().map((d: { productName: string }) => d.productName).sort()).toEqual(['草稿一', '草稿二']);
    expect(listed.json()[0]).toMatchObject({ status: 'DRAFT', enterpriseId: E1, updatedAt: expect.stringMatching(/\+08:00$/) });

    expect((await t.app.inject({ method: 'POST', url: `/declarations/drafts/${first.id}/submit`, headers: e1.headers })).statusCode).toBe(201);
    const after = (await t.app.inject({ method: 'GET', url: '/declarations/drafts?status=DRAFT', headers: e1.headers })).json();
    expect(after.map((d: { id: number }) => d.id)).toEqual([second.id]);
  });

  it('tells the upload form the largest file, the file types and the evidence kinds', async () => {
    const e1 = await t.as('enterprise', E1);
    const rules = await t.app.inject({ method: 'GET', url: '/attachments/rules', headers: e1.headers });
    expect(rules.statusCode, rules.body).toBe(200);
    expect(rules.json()).toMatchObject({ maxBytes: t.c.h.db.config.ATTACHMENT_MAX_BYTES, contentTypes: ['application/pdf', 'image/jpeg', 'image/png'] });
    expect(rules.json().kinds).toContain('ATTACHMENT_1_DECLARATION_FORM');
    expect((await t.app.inject({ method: 'GET', url: '/attachments/rules' })).statusCode).toBe(401);
  });

  it('answers the announced list to anyone, with each certificate, once the list is announced', async () => {
    const { driver } = t.c;
    const number = await declare(driver, { id: E2, name: E2, cityCode: '320200', countyCode: '' }, 2023, 7);
    expect((await t.app.inject({ method: 'GET', url: '/announced' })).json()).toEqual([]);
    await recommend(driver, [number]);
    await expertReview(driver, plan);
    await certifyAll(driver, [number]);
    await announce(t.c, await startPublicity(t.c, plan));

    const announced = await t.app.inject({ method: 'GET', url: '/announced?year=2023' });
    expect(announced.statusCode, announced.body).toBe(200);
    expect(announced.json()).toEqual([
      {
        campaignYear: 2023,
        announcementNumber: '2023年第1号',
        number,
        enterpriseName: expect.any(String),
        cityCode: '320200',
        productName: `产品 ${E2}`,
        category: 'MANUFACTURING',
        certificateNumber: number.replace('JP-', 'ZS-'),
        issuedBy: expect.any(String),
        issuedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        validThrough: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      },
    ]);
    expect((await t.app.inject({ method: 'GET', url: '/announced' })).json()).toHaveLength(1);
    expect((await t.app.inject({ method: 'GET', url: '/announced?year=2024' })).json()).toEqual([]);
    const bad = await t.app.inject({ method: 'GET', url: '/announced?year=abc' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ field: '/year' });
  }, 120_000);
});
