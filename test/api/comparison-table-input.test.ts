import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eligibleFacts } from '../../bin/demo/facts.ts';
import { createApiHarness, type ApiHarness } from './api-harness.ts';
import type { SignedIn } from './sign-in.ts';
import { E1 } from './api-harness.ts';

/**
 * The enterprise files its comparison table (Attachment 2) with its draft: the API checks it with
 * the declaration's schema, so a malformed table is refused naming the field and nothing is kept.
 */
let t: ApiHarness;
let enterprise: SignedIn;
beforeAll(async () => {
  t = await createApiHarness();
  await t.c.driver.openCampaign(2023);
  enterprise = await t.as('enterprise', E1);
}, 60_000);
afterAll(() => t.close());

const draft = (productName: string, facts: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: '/declarations', headers: enterprise.headers, payload: { campaignYear: 2023, productName, category: 'MANUFACTURING', facts } });

describe('the comparison table in a declaration', () => {
  const facts = eligibleFacts('MANUFACTURING', 2023, 1) as { standardComparison: { enterpriseStandardCode: string; indicators: Record<string, unknown>[] } };

  it('is kept with the draft as filed', async () => {
    const created = await draft('带对比表 / with a table', facts);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().facts.standardComparison).toEqual(facts.standardComparison);
  });

  it('is refused without indicators, with an unknown direction or a reference level outside the three, naming the field', async () => {
    const { standardComparison: table } = facts;
    const cases: Array<[unknown, string]> = [
      [{ ...table, indicators: [] }, '/facts/standardComparison/indicators'],
      [{ ...table, indicators: [{ ...table.indicators[0], direction: 'SIDEWAYS' }] }, '/facts/standardComparison/indicators/0'],
      [{ ...table, indicators: [{ ...table.indicators[0], references: [{ level: 'GROUP', standardCode: 'T/ABC 1-2020', value: 1 }] }] }, '/facts/standardComparison/indicators/0'],
    ];
    for (const [standardComparison, field] of cases) {
      const refused = await draft('坏对比表 / a bad table', { ...facts, standardComparison });
      expect(refused.statusCode, refused.body).toBe(400);
      expect(refused.json().errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining([expect.stringContaining(field)]));
    }
    expect((await t.c.h.db.pool.query(`SELECT 1 FROM declaration_drafts WHERE product_name = '坏对比表 / a bad table'`)).rowCount).toBe(0);
  });
});
