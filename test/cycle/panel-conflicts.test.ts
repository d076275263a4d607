import { afterEach, describe, expect, it } from 'vitest';
import { seedDirectory } from '../../bin/demo/directory.ts';
import { createCycleHarness, type CycleHarness } from './cycle-harness.ts';
import { conflictedDirectory, conflictedEnterprise, conflictedExperts, enterprise, smallDirectory } from './directory.fixture.ts';
import { campaignCase, declare, recommend } from './scenario-steps.ts';

const conflicted = conflictedExperts.map((x) => x.id);

describe('an expert panel where every conflicted expert is excluded', () => {
  let c: CycleHarness;
  afterEach(() => c.close());

  /** A Suzhou declaration (the conflicted enterprise's) and a Nanjing one, both recommended; the city submissions close. */
  async function toPanels(freeExperts: number) {
    c = await createCycleHarness({ directory: conflictedDirectory(freeExperts) });
    const timetable = await c.driver.openCampaign(2023);
    const suzhou = await declare(c.driver, conflictedEnterprise, 2023, 1);
    const nanjing = await declare(c.driver, enterprise('320100', 1), 2023, 2);
    await recommend(c.driver, [suzhou, nanjing]);
    await c.driver.advanceTo(timetable.citySubmissionDeadline);
    return { suzhou, nanjing };
  }

  async function panelOf(number: string) {
    const { rows } = await c.h.db.pool.query<{ expert_id: string; role: string }>('SELECT expert_id, role FROM panel_assignments WHERE declaration_number = $1 ORDER BY role, expert_id', [number]);
    return rows;
  }

  it('keeps experts of the same city, the enterprise employee and the declared consultant off its panel, with the reasons on record', async () => {
    const { suzhou, nanjing } = await toPanels(10);

    const panel = await panelOf(suzhou);
    expect(panel.filter((p) => p.role === 'MEMBER')).toHaveLength(5);
    expect(panel.filter((p) => p.role === 'SUBSTITUTE')).toHaveLength(2);
    for (const id of conflicted) expect(panel.map((p) => p.expert_id)).not.toContain(id);

    const { rows: exclusions } = await c.h.db.pool.query<{ expert_id: string; reasons: { code: string; zh: string; en: string }[] }>(
      'SELECT expert_id, reasons FROM panel_exclusions WHERE declaration_number = $1 ORDER BY expert_id',
      [suzhou],
    );
    expect(exclusions.map((e) => [e.expert_id, e.reasons.map((r) => r.code)])).toEqual([
      ['EXP-SZ-1', ['SAME_CITY']],
      ['EXP-SZ-2', ['SAME_CITY', 'OWN_EMPLOYER']],
      ['EXP-XZ-1', ['DECLARED_TIE']],
    ]);
    for (const reason of exclusions.flatMap((e) => e.reasons)) {
      expect(reason.zh).toMatch(/应回避$/);
      expect(reason.en).toMatch(/the expert must abstain$/);
    }
    expect(exclusions[2]!.reasons[0]!.en).toContain('consults for the enterprise');
    // Nobody is conflicted with the Nanjing enterprise: its panel may draw on all 13.
    expect((await c.h.db.pool.query('SELECT * FROM panel_exclusions WHERE declaration_number = $1', [nanjing])).rows).toEqual([]);

    // The scoring tasks follow the panels: no conflicted expert is asked to score the Suzhou declaration.
    const assignments = (await campaignCase(c)).variables.expertAssignments as { expertId: string; declarationNumbers: string[] }[];
    for (const a of assignments.filter((x) => conflicted.includes(x.expertId))) expect(a.declarationNumbers).not.toContain(suzhou);
    const members = panel.filter((p) => p.role === 'MEMBER').map((p) => p.expert_id);
    expect(assignments.filter((a) => a.declarationNumbers.includes(suzhou)).map((a) => a.expertId).sort()).toEqual(members);
    const tasks = await c.driver.tasks('scoreDeclarations');
    expect(tasks.map((t) => t.assignee).sort()).toEqual(assignments.map((a) => a.expertId).sort());
  });

  it('raises an incident naming the declaration when too few conflict-free experts remain, and draws once experts are added', async () => {
    // Four free experts and the three conflicted: seven for Nanjing, only four for Suzhou.
    const { suzhou, nanjing } = await toPanels(4);

    const campaign = await campaignCase(c);
    expect([...campaign.activeElementIds].sort()).toEqual(['allianceReport', 'formPanels']);
    const incidents = await c.h.engine.searchIncidents({ processInstanceKey: campaign.processInstanceKey, state: 'ACTIVE' });
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ elementId: 'formPanels' });
    const message = incidents[0]!.errorMessage;
    expect(message).toContain(`申报 ${suzhou} 无法组成 5 人的无利益冲突专家组`);
    expect(message).toContain(`declaration ${suzhou}: no conflict-free panel of 5, only 4 of 7 experts are eligible`);
    expect(message).toMatch(/same city 2, own employer 1, declared tie 1/);
    expect(message).not.toContain(nanjing);
    // Nothing is drawn for anyone until every panel can be.
    expect((await c.h.db.pool.query('SELECT * FROM panel_assignments')).rows).toEqual([]);
    expect(await c.driver.tasks('scoreDeclarations')).toEqual([]);

    await seedDirectory(c.h.db.pool, { ...smallDirectory(), experts: smallDirectory().experts.slice(4, 5) });
    await c.h.engine.resolveIncident(incidents[0]!.incidentKey);
    await c.driver.settle();

    expect(await c.h.engine.searchIncidents({ state: 'ACTIVE' })).toEqual([]);
    const panel = await panelOf(suzhou);
    expect(panel.map((p) => p.expert_id).sort()).toEqual(['EXP-001', 'EXP-002', 'EXP-003', 'EXP-004', 'EXP-005']);
    expect(panel.every((p) => p.role === 'MEMBER')).toBe(true);
    expect((await campaignCase(c)).activeElementIds).toContain('scoreDeclarations');
  });
});
