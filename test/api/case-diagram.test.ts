import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declare } from '../cycle/scenario-steps.ts';
import { createApiHarness, E1, type ApiHarness } from './api-harness.ts';

/** `GET /declarations/:number/diagram`: what the case view draws, and what only the office sees. */
let t: ApiHarness;
let number: string;

beforeAll(async () => {
  t = await createApiHarness();
  await t.c.driver.openCampaign(2023);
  number = await declare(t.c.driver, { id: E1, name: E1, cityCode: '320100', countyCode: '' }, 2023, 1);
}, 120_000);
afterAll(() => t.close());

describe('the case diagram', () => {
  it('gives the model the case runs on and every element it went through, oldest first, in Beijing time', async () => {
    const county = await t.as('county_office', '320102');
    const response = await t.app.inject({ method: 'GET', url: `/declarations/${number}/diagram`, headers: county.headers });
    expect(response.statusCode).toBe(200);
    const diagram = response.json();
    expect(diagram).toMatchObject({ number, processDefinitionId: 'declaration', version: 1, state: 'ACTIVE', incidents: [], variables: null });
    expect(diagram.xml).toContain('<bpmndi:BPMNDiagram');
    const ids = diagram.elements.map((e: { elementId: string }) => e.elementId);
    expect(ids.indexOf('checkEligibility')).toBeLessThan(ids.indexOf('countyCheck'));
    expect(diagram.elements.find((e: { elementId: string }) => e.elementId === 'countyCheck')).toMatchObject({ state: 'ACTIVE', endedAt: null });
    for (const e of diagram.elements) expect(e.startedAt).toMatch(/\+08:00$/);
  });

  it('adds the process variables for the provincial office only', async () => {
    const office = await t.as('provincial_office');
    const diagram = (await t.app.inject({ method: 'GET', url: `/declarations/${number}/diagram`, headers: office.headers })).json();
    expect(diagram.variables).toMatchObject({ declarationNumber: number });
    const city = await t.as('city_office', '320100');
    expect((await t.app.inject({ method: 'GET', url: `/declarations/${number}/diagram`, headers: city.headers })).json().variables).toBeNull();
  });
});
