import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eligibleFacts } from '../../bin/demo/facts.ts';
import { createApiHarness, E1, type ApiHarness } from './api-harness.ts';

let t: ApiHarness;
beforeEach(async () => {
  t = await createApiHarness();
});
afterEach(() => t.close());

describe('two drafts of one product by one enterprise', () => {
  it('submits the first; the second is refused with 409 naming the product and the declaration, and stays a draft', async () => {
    const province = await t.as('provincial_office');
    expect((await t.app.inject({ method: 'POST', url: '/campaigns', headers: province.headers, payload: { year: 2023 } })).statusCode).toBe(202);
    await t.settle();
    const enterprise = await t.as('enterprise', E1);
    const payload = { campaignYear: 2023, productName: '精品钢材', category: 'MANUFACTURING', facts: eligibleFacts('MANUFACTURING', 2023, 1) };
    const ids: number[] = [];
    for (let i = 0; i < 2; i++) {
      const draft = await t.app.inject({ method: 'POST', url: '/declarations', headers: enterprise.headers, payload });
      expect(draft.statusCode, draft.body).toBe(201);
      ids.push(draft.json().id);
    }
    const first = await t.app.inject({ method: 'POST', url: `/declarations/drafts/${ids[0]}/submit`, headers: enterprise.headers });
    expect(first.statusCode, first.body).toBe(201);
    const number = first.json().number as string;

    const second = await t.app.inject({ method: 'POST', url: `/declarations/drafts/${ids[1]}/submit`, headers: enterprise.headers });
    expect(second.statusCode, second.body).toBe(409);
    expect(second.json().detail).toContain('精品钢材');
    expect(second.json().detail).toContain(number);
    const still = await t.app.inject({ method: 'GET', url: `/declarations/drafts/${ids[1]}`, headers: enterprise.headers });
    expect(still.json()).toMatchObject({ status: 'DRAFT', declarationNumber: null });
    // Submitting the first again still answers its declaration.
    const again = await t.app.inject({ method: 'POST', url: `/declarations/drafts/${ids[0]}/submit`, headers: enterprise.headers });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json().number).toBe(number);
  });
});
