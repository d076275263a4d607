import type { Figure } from '../campaign/rule-set.ts';
import type { Reason, RuleOutcome, TableId } from './verdict.ts';

type Extras = Omit<Reason, 'rule' | 'row' | 'outcome' | 'zh' | 'en'>;

/** A reason whose text starts by naming its rule and row, as people cite them: "D4 第5行 / D4 row 5". */
export function reason(rule: TableId, row: number | null, outcome: RuleOutcome, zh: string, en: string, extras: Extras = {}): Reason {
  const zhHead = row === null ? rule : `${rule} 第${row}行`;
  const enHead = row === null ? rule : `${rule} row ${row}`;
  return { rule, row, outcome, ...extras, zh: `${zhHead}：${zh}`, en: `${enHead}: ${en}` };
}

/**
 * The REFER a rule gives when the campaign's rule set lacks the figure it needs: the rule
 * refuses to judge rather than borrow another year's figure, and a person decides.
 */
export function missingFigure(rule: TableId, row: number | null, name: string, figure: Figure<unknown>, year: number): Reason {
  const note = figure.known ? { zh: '', en: '' } : figure.note;
  return reason(
    rule,
    row,
    'REFER',
    `${year} 年度规则集没有“${name}”（${note.zh}），本条不自动判断，交人工审核`,
    `the ${year} rule set has no ${name} (${note.en}); this rule is not judged automatically and goes to a person`,
    { missingFigure: name },
  );
}

/** 200000000 → "200,000,000 元" / "200,000,000 yuan". */
export function yuanText(value: number): { zh: string; en: string } {
  const digits = value.toLocaleString('en-US');
  return { zh: `${digits} 元`, en: `${digits} yuan` };
}

/** 100000 → "100,000": counts and areas, the same in both languages. */
export function numberText(value: number): string {
  return value.toLocaleString('en-US');
}
