import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanRecords, recordCreditRecords } from '../../platform/credit/credit-records.ts';
import { memberUnitOpinions, reviewCandidates } from '../../platform/db/cycle/comprehensive-review.ts';
import { NO_REPLY_OPINION } from '../../workers/tasks/record-member-opinion.ts';
import { createCycleHarness, type CycleHarness } from './cycle-harness.ts';
import { memberUnits, smallDirectory } from './directory.fixture.ts';
import { auditOf, campaignCase, caseOf, certifyAll, declare, decideProposedList, expertReview, recommend } from './scenario-steps.ts';

/**
 * Issue 12 item 3. The notice: the provincial office carries out a comprehensive review, credit
 * consultation, solicits the member units' opinions, forms its comprehensive evaluation opinion
 * and determines the proposed list for publicity. Before: no credit record counted as clean, no
 * opinion was asked, and whatever waited when the certification period ended was publicised.
 */
describe('the comprehensive review', () => {
  let c: CycleHarness;
  const directory = smallDirectory();
  const [withRecords, alsoWithRecords, withNothing] = [directory.enterprises[0]!, directory.enterprises[2]!, directory.enterprises[4]!];
  beforeEach(async () => {
    c = await createCycleHarness({ directory, creditOnFile: false });
    // The office has entered clean records for two enterprises; of the third it has nothing.
    await recordCreditRecords(c.h.db.pool, cleanRecords([withRecords.id, alsoWithRecords.id], c.h.clock.now()), { actor: 'office-credit', at: c.h.clock.now() });
  });
  afterEach(() => c.close());

  async function certified(): Promise<{ numbers: string[]; timetable: Awaited<ReturnType<typeof c.driver.openCampaign>> }> {
    const { driver } = c;
    const timetable = await driver.openCampaign(2023);
    const numbers = [await declare(driver, withRecords, 2023, 1), await declare(driver, alsoWithRecords, 2023, 2), await declare(driver, withNothing, 2023, 3)];
    await recommend(driver, numbers);
    await expertReview(driver, timetable);
    await certifyAll(driver, numbers);
    return { numbers, timetable };
  }

  it('no credit record is NOT_CONSULTED and goes to a person, never through as clean; each consultation names its adapter and sources', async () => {
    const db = c.h.db.pool;
    const { numbers } = await certified();
    const [first, , third] = numbers as [string, string, string];

    const { rows } = await db.query('SELECT declaration_number AS n, result, adapter, jsonb_array_length(findings) AS sources FROM credit_checks ORDER BY 1');
    expect(rows).toEqual([
      { n: numbers[0], result: 'CLEAN', adapter: 'credit-records', sources: 2 },
      { n: numbers[1], result: 'CLEAN', adapter: 'credit-records', sources: 2 },
      { n: third, result: 'NOT_CONSULTED', adapter: 'credit-records', sources: 0 },
    ]);
    expect((await caseOf(c, first)).activeElementIds).toEqual(['awaitReview']);
    expect((await caseOf(c, third)).activeElementIds).toEqual(['decideCredit']);
    const { rows: audit } = await db.query(`SELECT detail FROM audit_log WHERE action = 'credit.consulted' AND subject_id = $1`, [first]);
    expect(audit[0].detail).toMatchObject({ result: 'CLEAN', adapter: 'credit-records', sources: [{ source: expect.stringContaining('信用中国'), result: 'CLEAN' }, { result: 'CLEAN' }] });

    // The office looks the enterprise up itself and clears it, saying so.
    await c.driver.completeAll('decideCredit', () => ({ creditCleared: true, creditReason: '经人工查询信用中国，无不良记录 / looked up in Credit China by hand: nothing adverse' }), 'office-2');
    expect((await caseOf(c, third)).activeElementIds).toEqual(['awaitReview']);
    expect(await auditOf(db, third, ['credit.cleared'])).toEqual([{ actor: 'office-2', role: 'provincial_office', action: 'credit.cleared', reason: expect.stringContaining('人工查询') }]);
  }, 90_000);

  it('asks every member unit in parallel until its deadline; a unit silent by then is recorded as no reply; only the proposed list is publicised', async () => {
    const { driver } = c;
    const db = c.h.db.pool;
    const { numbers, timetable } = await certified();
    const [first, second, third] = numbers as [string, string, string];
    await driver.completeAll('decideCredit', () => ({ creditCleared: true, creditReason: '人工查询无不良记录 / nothing adverse by hand' }), 'office-2');

    await driver.advanceTo(timetable.certificationDeadline);
    // Nothing is publicised yet: every member unit has its own task, in its own group (its people
    // alone take it), due the same day.
    expect((await campaignCase(c)).activeElementIds).not.toContain('publicityOver');
    const asked = await driver.tasks('giveMemberOpinion');
    const unitOf = async (key: string) => ((await driver.engine.getUserTaskVariables(key)) as { memberUnit: { id: string } }).memberUnit.id;
    const groups = await Promise.all(asked.map(async (t) => [await unitOf(t.userTaskKey), t.candidateGroups]));
    expect(groups.sort()).toEqual(memberUnits.map((u) => [u.id, [`member-unit-${u.id}`]]).sort());
    expect(asked.every((t) => t.dueDate === asked[0]!.dueDate)).toBe(true);
    expect((await reviewCandidates(db, 2023)).map((r) => [r.declarationNumber, r.creditResult, r.creditDecision])).toEqual([
      [first, 'CLEAN', null],
      [second, 'CLEAN', null],
      [third, 'NOT_CONSULTED', 'CLEARED'],
    ]);

    // One unit objects to the third; the other lets its deadline pass.
    const [objecting, silent] = memberUnits;
    await driver.completeAll('giveMemberOpinion', async (task) => {
      const { memberUnit } = (await driver.engine.getUserTaskVariables(task.userTaskKey)) as { memberUnit: { id: string } };
      return memberUnit.id === objecting.id ? { memberAgrees: false, memberOpinion: `${third} 近期有质量抽检不合格 / failed a recent quality spot check` } : null;
    }, 'gxt-user');
    expect(await driver.tasks('decideProposedList')).toEqual([]);
    await driver.advanceTo(new Date(new Date(asked[0]!.dueDate!).getTime() + 60_000));
    expect(await driver.tasks('giveMemberOpinion')).toEqual([]);
    expect((await memberUnitOpinions(db, 2023)).map((o) => [o.memberUnitId, o.status, o.givenBy])).toEqual([
      [objecting.id, 'OBJECTED', 'gxt-user'],
      [silent.id, 'NO_REPLY', 'jingpin'],
    ]);
    expect((await memberUnitOpinions(db, 2023))[1]!.opinion).toBe(NO_REPLY_OPINION);

    // The office weighs it and leaves the third off the proposed list.
    expect(await decideProposedList(driver, [third])).toBe(1);
    expect(await driver.declaration(third)).toEqual({ stage: 'CLOSED', outcome: 'NOT_PROPOSED' });
    const campaign = await campaignCase(c);
    expect(campaign.activeElementIds).toContain('publicityOver');
    for (const n of [first, second]) expect(await driver.declaration(n)).toEqual({ stage: 'PUBLICITY', outcome: null });
    const { rows: started } = await db.query(`SELECT detail FROM audit_log WHERE action = 'publicity.started'`);
    expect(started[0].detail.declarations).toEqual([first, second]);
    const { rows: decided } = await db.query(`SELECT actor, reason, detail, at FROM audit_log WHERE action = 'review.decided'`);
    expect(decided).toEqual([
      {
        actor: 'office-1',
        reason: '部分企业暂不列入 / some are left off for now',
        detail: {
          evaluationOpinion: expect.stringContaining('综合评审'),
          proposed: [first, second],
          leftOff: [third],
          memberOpinions: [{ memberUnitId: objecting.id, status: 'OBJECTED' }, { memberUnitId: silent.id, status: 'NO_REPLY' }],
        },
        at: c.h.clock.now(),
      },
    ]);
    expect((await db.query('SELECT decided_by, evaluation_opinion IS NOT NULL AS has_opinion FROM comprehensive_reviews')).rows).toEqual([{ decided_by: 'office-1', has_opinion: true }]);
    expect(await c.h.engine.searchIncidents({ state: 'ACTIVE' })).toEqual([]);
  }, 90_000);

  it('a decision that does not name every candidate once is not applied: an incident names what is wrong', async () => {
    const { driver } = c;
    const db = c.h.db.pool;
    const { numbers, timetable } = await certified();
    await driver.completeAll('decideCredit', () => ({ creditCleared: true, creditReason: '人工查询无不良记录 / nothing adverse by hand' }), 'office-2');
    await driver.advanceTo(timetable.certificationDeadline);
    await driver.completeAll('giveMemberOpinion', () => ({ memberAgrees: true, memberOpinion: '同意 / agree' }));
    await driver.completeAll('decideProposedList', () => ({
      proposedList: [{ declarationNumber: numbers[0], proposed: true }],
      evaluationOpinion: '同意 / agreed',
      proposedListReason: '同意 / agreed',
    }));
    const incidents = await c.h.engine.searchIncidents({ state: 'ACTIVE' });
    expect(incidents).toHaveLength(1);
    expect(incidents[0]!.errorMessage).toContain(numbers[1]);
    expect(incidents[0]!.errorMessage).toContain(numbers[2]);
    expect((await db.query('SELECT count(*)::int AS n FROM comprehensive_review_candidates WHERE proposed IS NOT NULL')).rows).toEqual([{ n: 0 }]);
  }, 90_000);
});
