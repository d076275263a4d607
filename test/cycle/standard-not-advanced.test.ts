import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCycleHarness, type CycleHarness } from './cycle-harness.ts';
import { smallDirectory } from './directory.fixture.ts';
import { auditOf, caseOf, declare, evaluateStandards, expertReview, recommend } from './scenario-steps.ts';

describe('failed standard evaluation', () => {
  let c: CycleHarness;
  const directory = smallDirectory();
  beforeEach(async () => {
    c = await createCycleHarness({ directory });
  });
  afterEach(() => c.close());

  it('closes as STANDARD_NOT_ADVANCED when the comparison table is below the national standard', async () => {
    const { driver } = c;
    const timetable = await driver.openCampaign(2023);
    const [behind, ahead] = [await declare(driver, directory.enterprises[0]!, 2023, 1), await declare(driver, directory.enterprises[2]!, 2023, 2)];
    await recommend(driver, [behind, ahead]);
    await expertReview(driver, timetable);
    expect(await driver.declaration(behind)).toEqual({ stage: 'STANDARD_EVALUATION', outcome: null });

    expect(await evaluateStandards(driver, [behind, ahead], [behind])).toBe(2);

    expect(await driver.declaration(behind)).toEqual({ stage: 'CLOSED', outcome: 'STANDARD_NOT_ADVANCED' });
    expect(await driver.declaration(ahead)).toEqual({ stage: 'CHOOSING_CERTIFICATION_BODY', outcome: null });
    const closed = await caseOf(c, behind);
    expect(closed.state).toBe('COMPLETED');
    expect(closed.path.slice(-6)).toEqual(['keyListDecision', 'evaluateStandard', 'assessStandard', 'standardDecision', 'closeNotAdvanced', 'endNotAdvanced']);
    expect(closed.variables.standardVerdict).toBe('NOT_ADVANCED');
    expect(await driver.tasks('chooseBody')).toEqual([expect.objectContaining({ businessKey: ahead })]);

    const { rows } = await c.h.db.pool.query<{ verdict: string; evaluated_by: string; indicators: { name: string; enterpriseValue: number; references: { value: number }[]; result: unknown }[] }>(
      'SELECT verdict, evaluated_by, indicators FROM standard_evaluations WHERE declaration_number = $1',
      [behind],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ verdict: 'NOT_ADVANCED', evaluated_by: 'institute-1' });
    expect(rows[0]!.indicators).toEqual([expect.objectContaining({ enterpriseValue: 480, references: [expect.objectContaining({ level: 'NATIONAL', value: 520 })] })]);
    const { rows: other } = await c.h.db.pool.query('SELECT verdict FROM standard_evaluations WHERE declaration_number = $1', [ahead]);
    expect(other).toEqual([{ verdict: 'ADVANCED' }]);
    expect((await c.h.db.pool.query('SELECT * FROM certifications WHERE declaration_number = $1', [behind])).rows).toEqual([]);
    expect(await auditOf(c.h.db.pool, behind, ['standard.not_advanced', 'declaration.closed'])).toEqual([
      { actor: 'institute-1', role: 'standardization_institute', action: 'standard.not_advanced', reason: '低于国标 / below GB' },
      { actor: 'jingpin', role: 'system', action: 'declaration.closed', reason: null },
    ]);
  });
});
