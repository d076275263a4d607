import type { CycleDriver } from '../../bin/demo/cycle-driver.ts';
import { eligibleFacts } from '../../bin/demo/facts.ts';
import type { EnterpriseSeed } from '../../bin/demo/directory.ts';
import type { UserTask } from '../../platform/engine/port.ts';

/** Steps the cycle tests share, each what one role does. */
export async function declare(driver: CycleDriver, e: EnterpriseSeed, year = 2023, seed = 1, channel: 'COUNTY' | 'MEMBER_UNIT' = 'COUNTY'): Promise<string> {
  const { number } = await driver.submit({
    campaignYear: year,
    enterpriseId: e.id,
    productName: `产品 ${e.name}`,
    category: 'MANUFACTURING',
    channel,
    ...(channel === 'MEMBER_UNIT' ? { memberUnit: '省工信厅 / provincial industry department' } : {}),
    facts: eligibleFacts('MANUFACTURING', year, seed),
    submittedBy: e.id,
  });
  return number;
}

const of = (numbers: readonly string[]) => (task: UserTask) => numbers.includes(task.businessKey ?? '');

/** County and city both recommend (or the city does not, for `notRecommended`). */
export async function recommend(driver: CycleDriver, numbers: readonly string[], notRecommended: readonly string[] = []): Promise<void> {
  await driver.completeAll('countyCheck', (t) => (of(numbers)(t) ? { recommended: true, reason: '材料齐全 / complete' } : null));
  await driver.completeAll('cityReview', (t) =>
    of(numbers)(t) ? { recommended: !notRecommended.includes(t.businessKey!), reason: notRecommended.includes(t.businessKey!) ? '名额有限 / quota' : '推荐 / recommended' } : null,
  );
}

/** A comparison table whose single indicator beats (or not) the national standard. */
export function comparisonTable(advanced: boolean) {
  return {
    enterpriseStandardCode: 'Q/320100 ABC 001-2023',
    indicators: [
      { name: '抗拉强度 / tensile strength', unit: 'MPa', direction: 'HIGHER_BETTER', enterpriseValue: advanced ? 560 : 480, nationalStandard: 'GB/T 700-2006', nationalValue: 520 },
    ],
    evaluationNote: advanced ? '优于国标 / stricter than GB' : '低于国标 / below GB',
  };
}
