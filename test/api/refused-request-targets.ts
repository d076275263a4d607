import { expect } from 'vitest';
import { declare } from '../cycle/scenario-steps.ts';
import { E1, E2, type ApiHarness } from './api-harness.ts';

/** The cases the bad-input and hostile-input tests send the requests they expect refused against. */
export interface RefusedRequestTargets {
  /** E1's declaration, at the county check; with a certification in progress at CB-A, if staged. */
  readonly a: string;
  /** E2's declaration, at the county check; in publicity (open to objections), if staged. */
  readonly b: string;
  /** A draft of E1's. */
  readonly draft: number;
  /** The county check of `a`. */
  readonly countyTask: string;
}

/**
 * Opens 2023's campaign and sets up {@link RefusedRequestTargets}. Staged (the default), `a`'s
 * certification and `b`'s publicity are written straight to the database: the requests are to be
 * refused by their input, whatever the models would have done by then.
 */
export async function setUpRefusedRequestTargets(t: ApiHarness, options: { staged?: boolean } = {}): Promise<RefusedRequestTargets> {
  await t.c.driver.openCampaign(2023);
  const a = await declare(t.c.driver, { id: E1, name: E1, cityCode: '320100', countyCode: '320102' }, 2023, 1);
  const b = await declare(t.c.driver, { id: E2, name: E2, cityCode: '320200', countyCode: '320202' }, 2023, 2);
  if (options.staged ?? true) {
    await t.c.h.db.pool.query(`INSERT INTO certifications (declaration_number, body_id, chosen_by, status) VALUES ($1, 'CB-A', 'ENTERPRISE', 'IN_PROGRESS')`, [a]);
    await t.c.h.db.pool.query(`UPDATE declarations SET stage = 'PUBLICITY' WHERE number = $1`, [b]);
  }
  const enterprise = await t.as('enterprise', E1);
  const created = await t.app.inject({
    method: 'POST',
    url: '/declarations',
    headers: enterprise.headers,
    payload: { campaignYear: 2023, productName: '草稿 / draft', category: 'SERVICE', facts: { category: 'SERVICE', entityType: 'SERVICE_ENTERPRISE' } },
  });
  expect(created.statusCode, created.body).toBe(201);
  const countyTask = (await t.c.h.engine.searchUserTasks({ businessKey: a, elementId: 'countyCheck', state: 'CREATED' }))[0]!.userTaskKey;
  return { a, b, draft: created.json().id, countyTask };
}
