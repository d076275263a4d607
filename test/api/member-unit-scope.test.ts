import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eligibleFacts } from '../../bin/demo/facts.ts';
import type { CampaignTimetable } from '../../domain/campaign/timetable.ts';
import { memberUnitOpinions } from '../../platform/db/cycle/comprehensive-review.ts';
import { certifyAll, declare, expertReview, recommend } from '../cycle/scenario-steps.ts';
import { memberUnits, smallDirectory } from '../cycle/directory.fixture.ts';
import { createApiHarness, E2, type ApiHarness } from './api-harness.ts';
import { multipart, pdf } from './multipart.ts';
import { signIn, type SignedIn } from './sign-in.ts';

/**
 * A member unit's user acts for his own unit (its id in the directory is his scope): he takes
 * that unit's opinion task in the comprehensive review and no other unit's, and the supplementary
 * drafts are his unit's. Before, any member unit's user could read and answer any unit's request.
 */
let t: ApiHarness;
const [unitA, unitB] = memberUnits;
let a: SignedIn;
let b: SignedIn;

interface TaskRow {
  key: string;
  elementId: string;
  memberUnit?: { id: string; name: string };
}

const inbox = async (user: SignedIn) => (await t.app.inject({ method: 'GET', url: '/tasks', headers: user.headers })).json() as TaskRow[];
const opinionTasks = async (user: SignedIn) => (await inbox(user)).filter((x) => x.elementId === 'giveMemberOpinion');

let timetable: CampaignTimetable;
beforeEach(async () => {
  t = await createApiHarness();
  timetable = await t.c.driver.openCampaign(2023);
  a = await t.as('member_unit', unitA.id);
  b = await t.as('member_unit', unitB.id);
}, 120_000);
afterEach(() => t.close());

describe('member units act for their own unit', () => {
  it("a unit's opinion task is its own: another unit's user neither lists, opens, claims nor completes it; its own user answers it", async () => {
    const { driver } = t.c;
    const n = await declare(driver, smallDirectory().enterprises[0]!, 2023, 1);
    await recommend(driver, [n]);
    await expertReview(driver, timetable);
    await certifyAll(driver, [n]);
    await driver.advanceTo(timetable.certificationDeadline);

    // Each user's inbox holds his unit's request only, named after it.
    expect((await opinionTasks(a)).map((x) => x.memberUnit)).toEqual([{ id: unitA.id, name: unitA.name }]);
    expect((await opinionTasks(b)).map((x) => x.memberUnit)).toEqual([{ id: unitB.id, name: unitB.name }]);
    const taskOfB = (await opinionTasks(b))[0]!.key;

    // Unit A's user reaches unit B's task by no route: 404, as for a task that does not exist.
    const answer = { memberAgrees: false, memberOpinion: '冒名答复 / answered in another unit\'s name' };
    for (const [method, url, payload] of [
      ['GET', `/tasks/${taskOfB}`, undefined],
      ['POST', `/tasks/${taskOfB}/claim`, undefined],
      ['POST', `/tasks/${taskOfB}/unclaim`, undefined],
      ['POST', `/tasks/${taskOfB}/complete`, answer],
    ] as const) {
      const response = await t.app.inject({ method, url, headers: a.headers, ...(payload ? { payload } : {}) });
      expect(response.statusCode, `${method} ${url}`).toBe(404);
      expect(response.body).not.toContain(unitB.name);
    }
    expect((await t.c.h.engine.getUserTask(taskOfB)).state).toBe('CREATED');

    // Unit B's user answers it; it is recorded as unit B's, by him.
    const done = await t.app.inject({ method: 'POST', url: `/tasks/${taskOfB}/complete`, headers: b.headers, payload: { memberAgrees: true, memberOpinion: '同意 / agree' } });
    expect(done.statusCode, done.body).toBe(200);
    await t.settle();
    expect(await opinionTasks(b)).toEqual([]);
    // Unit A's own request is still waiting for unit A.
    expect((await opinionTasks(a)).map((x) => x.memberUnit?.id)).toEqual([unitA.id]);
    expect((await memberUnitOpinions(t.c.h.db.pool, 2023)).map((o) => [o.memberUnitId, o.status, o.givenBy])).toEqual([[unitB.id, 'AGREED', b.username]]);
  }, 120_000);

  it("in a campaign opened before migration 0029, whose model gave every unit's task one group, each unit still reaches only its own", async () => {
    const { driver } = t.c;
    const n = await declare(driver, smallDirectory().enterprises[0]!, 2023, 1);
    await recommend(driver, [n]);
    await expertReview(driver, timetable);
    await certifyAll(driver, [n]);
    await driver.advanceTo(timetable.certificationDeadline);
    // As the earlier model made them: every unit's opinion task in the one group `member-unit`.
    await t.c.h.db.pool.query(`UPDATE engine_user_tasks SET candidate_groups = '{member-unit}' WHERE element_id = 'giveMemberOpinion'`);

    expect((await opinionTasks(a)).map((x) => x.memberUnit?.id)).toEqual([unitA.id]);
    const [taskOfB] = await opinionTasks(b);
    expect(taskOfB?.memberUnit?.id).toBe(unitB.id);
    expect((await t.app.inject({ method: 'GET', url: `/tasks/${taskOfB!.key}`, headers: a.headers })).statusCode).toBe(404);
    const foreign = await t.app.inject({ method: 'POST', url: `/tasks/${taskOfB!.key}/complete`, headers: a.headers, payload: { memberAgrees: true, memberOpinion: '同意 / agree' } });
    expect(foreign.statusCode).toBe(404);
    const own = await t.app.inject({ method: 'POST', url: `/tasks/${taskOfB!.key}/complete`, headers: b.headers, payload: { memberAgrees: true, memberOpinion: '同意 / agree' } });
    expect(own.statusCode, own.body).toBe(200);
  }, 120_000);

  it("a supplementary draft is its unit's: recorded with the unit, seen by the unit's other users, not by another unit", async () => {
    const payload = { campaignYear: 2023, enterpriseId: E2, productName: '补充推荐 / supplementary', category: 'MANUFACTURING', facts: eligibleFacts('MANUFACTURING', 2023, 4) };
    const made = await t.app.inject({ method: 'POST', url: '/declarations', headers: a.headers, payload });
    expect(made.statusCode, made.body).toBe(201);
    const draft = made.json() as { id: number; channel: string; memberUnit: string };
    expect(draft).toMatchObject({ channel: 'MEMBER_UNIT', memberUnit: unitA.id });

    const colleague = await signIn(t.app, t.c.h.db.pool, 'member_unit', unitA.id, 'member-unit-a-colleague');
    const listed = (user: SignedIn) => t.app.inject({ method: 'GET', url: '/declarations/drafts', headers: user.headers }).then((r) => (r.json() as { id: number }[]).map((d) => d.id));
    expect(await listed(a)).toContain(draft.id);
    expect(await listed(colleague)).toContain(draft.id);
    expect(await listed(b)).not.toContain(draft.id);

    const upload = multipart([{ name: 'kind', value: 'BUSINESS_LICENCE' }, { name: 'file', filename: '营业执照.pdf', contentType: 'application/pdf', data: pdf('licence') }]);
    for (const [method, url, body] of [
      ['GET', `/declarations/drafts/${draft.id}`, {}],
      ['PATCH', `/declarations/drafts/${draft.id}`, { payload: { productName: '改名 / renamed' } }],
      ['GET', `/declarations/drafts/${draft.id}/attachments`, {}],
      ['POST', `/declarations/drafts/${draft.id}/attachments`, { payload: upload.payload, headers: upload.headers }],
      ['POST', `/declarations/drafts/${draft.id}/submit`, {}],
    ] as const) {
      const headers = { ...b.headers, ...('headers' in body ? body.headers : {}) };
      const response = await t.app.inject({ method, url, headers, ...('payload' in body ? { payload: body.payload } : {}) });
      expect(response.statusCode, `${method} ${url} by unit B`).toBe(404);
    }
    const { rows } = await t.c.h.db.pool.query('SELECT member_unit, product_name, status FROM declaration_drafts WHERE id = $1', [draft.id]);
    expect(rows).toEqual([{ member_unit: unitA.id, product_name: payload.productName, status: 'DRAFT' }]);

    // The colleague submits it: the declaration names the unit that recommended it.
    const submitted = await t.app.inject({ method: 'POST', url: `/declarations/drafts/${draft.id}/submit`, headers: colleague.headers });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const declared = await t.c.h.db.pool.query('SELECT channel, member_unit FROM declarations WHERE number = $1', [submitted.json().number]);
    expect(declared.rows).toEqual([{ channel: 'MEMBER_UNIT', member_unit: unitA.id }]);
  }, 120_000);

  it('a draft made before member units had a unit follows its maker to the unit the office gives him', async () => {
    // Before migration 0029 a member-unit draft named the user who made it, in both columns.
    const maker = await signIn(t.app, t.c.h.db.pool, 'member_unit', unitB.id, 'member-unit-early');
    const { rows } = await t.c.h.db.pool.query<{ id: number }>(
      `INSERT INTO declaration_drafts (campaign_year, enterprise_id, product_name, category, channel, member_unit, facts, status, created_by, created_at, updated_at)
       VALUES (2023, $1, '早期草稿 / early draft', 'MANUFACTURING', 'MEMBER_UNIT', $2, '{}', 'DRAFT', $2, now(), now()) RETURNING id::int`,
      [E2, maker.username],
    );
    const early = rows[0]!.id;
    expect((await t.app.inject({ method: 'GET', url: `/declarations/drafts/${early}`, headers: maker.headers })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/declarations/drafts/${early}`, headers: b.headers })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/declarations/drafts/${early}`, headers: a.headers })).statusCode).toBe(404);
  });
});
