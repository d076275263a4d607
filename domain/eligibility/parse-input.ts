import { isIsoDate } from '../calendar/iso-date.ts';
import { schemaProblems } from '../calendar/schema-problems.ts';
import type { CampaignRuleSet } from '../campaign/rule-set.ts';
import { EligibilityInputSchema, rulesAt, type EligibilityInput, type RuleId } from './input-schema.ts';

/** One field of the input that cannot be judged as given. */
export interface InputProblem {
  /** JSON Pointer to the field, e.g. `/sales/declaredProductYuan`. */
  readonly path: string;
  /** The rules that read the field. */
  readonly rules: readonly RuleId[];
  readonly zh: string;
  readonly en: string;
}

/** The input breaks its schema or contradicts itself; nothing was judged. */
export class EligibilityInputError extends Error {
  override readonly name = 'EligibilityInputError';
  constructor(readonly problems: readonly InputProblem[]) {
    super(
      '申报数据有误 / the declaration data is wrong: ' +
        problems.map((p) => `${p.path} [${p.rules.join(', ') || '-'}] ${p.zh} / ${p.en}`).join('; '),
    );
  }
}

/**
 * Checks `value` against the input schema, then against what the schema cannot say: dates that
 * exist, the group of facts that belongs to the category, the campaign's sales year.
 * @throws {EligibilityInputError} naming every field at fault and the rules that read it.
 */
export function parseEligibilityInput(value: unknown, ruleSet: CampaignRuleSet): EligibilityInput {
  const shape = schemaProblems(EligibilityInputSchema, value);
  if (shape.length > 0) {
    throw new EligibilityInputError(shape.map((problem) => ({ ...problem, rules: rulesAt(problem.path) })));
  }
  const input = value as EligibilityInput;
  const problems = consistencyProblems(input, ruleSet);
  if (problems.length > 0) throw new EligibilityInputError(problems);
  return input;
}

function consistencyProblems(input: EligibilityInput, ruleSet: CampaignRuleSet): InputProblem[] {
  const problems: InputProblem[] = [];
  const problem = (path: string, zh: string, en: string) => problems.push({ path, rules: rulesAt(path), zh, en });
  const year = ruleSet.campaignYear;
  const r = ruleSet.salesReferenceYear;

  if (input.campaignYear !== undefined && input.campaignYear !== year) {
    problem(
      '/campaignYear',
      `申报属于 ${input.campaignYear} 年度，不能用 ${year} 年度规则判断`,
      `the declaration belongs to the ${input.campaignYear} campaign and cannot be judged by the ${year} rules`,
    );
  }
  for (const path of ['/establishedDate', '/manufacturing/massProductionStart'] as const) {
    const date = path === '/establishedDate' ? input.establishedDate : input.manufacturing?.massProductionStart;
    if (date !== undefined && !isIsoDate(date)) problem(path, `${date} 不是有效日期`, `${date} is not a real date`);
  }
  if (input.entityType === 'LITTLE_GIANT' && input.littleGiantLevel === undefined) {
    problem('/littleGiantLevel', '“小巨人”必须注明认定级别', 'a little giant must state the level of its recognition');
  }
  if (input.entityType !== 'LITTLE_GIANT' && input.littleGiantLevel !== undefined) {
    problem('/littleGiantLevel', '只有 LITTLE_GIANT 才有认定级别', 'only a LITTLE_GIANT has a recognition level');
  }
  const groups = [
    ['agriculture', 'AGRICULTURE', '农业'],
    ['manufacturing', 'MANUFACTURING', '制造业'],
  ] as const;
  for (const [field, category, zhName] of groups) {
    if (input.category === category && input[field] === undefined) {
      problem(`/${field}`, `${zhName}申报必须填写此项`, `required for a ${category} declaration`);
    }
    if (input.category !== category && input[field] !== undefined) {
      problem(`/${field}`, `只适用于${zhName}申报`, `applies to ${category} declarations only`);
    }
  }
  if (input.sales !== undefined && input.sales.year !== r) {
    problem('/sales/year', `${year} 年度判断 ${r} 年的销售额，而不是 ${input.sales.year} 年`, `the ${year} campaign judges sales of ${r}, not ${input.sales.year}`);
  }
  const seen = new Set<number>();
  input.manufacturing?.profitAndTaxYuan?.forEach((entry, index) => {
    if (seen.has(entry.year)) problem(`/manufacturing/profitAndTaxYuan/${index}/year`, `${entry.year} 年重复`, `${entry.year} is given twice`);
    seen.add(entry.year);
  });
  return problems;
}
