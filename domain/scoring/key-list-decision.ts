/** What is wrong with an office's key-cultivation decision, Chinese first; `index` is the row's in the decision. */
export interface KeyListProblem {
  readonly declarationNumber: string;
  readonly index: number | null;
  readonly rule: 'ranked' | 'uniqueItems' | 'missing';
  readonly zh: string;
  readonly en: string;
}

/**
 * The office decides on every ranked declaration, once: a decision naming a declaration that was
 * not ranked, naming one twice, or leaving one out is not a decision on the proposal. The list's
 * size is whatever the office ticks; nothing here counts it.
 */
export function keyListProblems(ranked: readonly string[], decided: readonly string[]): KeyListProblem[] {
  const problems: KeyListProblem[] = [];
  decided.forEach((number, index) => {
    if (!ranked.includes(number)) {
      problems.push({ declarationNumber: number, index, rule: 'ranked', zh: `${number} 不在排名建议中`, en: `${number} is not in the ranked proposal` });
    } else if (decided.indexOf(number) !== index) {
      problems.push({ declarationNumber: number, index, rule: 'uniqueItems', zh: `${number} 重复`, en: `${number} appears twice` });
    }
  });
  for (const number of ranked.filter((n) => !decided.includes(n))) {
    problems.push({ declarationNumber: number, index: null, rule: 'missing', zh: `缺少对 ${number} 的决定`, en: `no decision on ${number}` });
  }
  return problems;
}
