/** What is wrong with the office's proposed list, Chinese first; `index` is the row's in the decision. */
export interface ProposedListProblem {
  readonly declarationNumber: string;
  readonly index: number | null;
  readonly rule: 'candidate' | 'uniqueItems' | 'missing';
  readonly zh: string;
  readonly en: string;
}

/**
 * The office decides on every candidate of the comprehensive review, once: a decision naming a
 * declaration that is not a candidate, naming one twice, or leaving one out is not a decision on
 * the review. How many it proposes is the office's; nothing here counts them.
 */
export function proposedListProblems(candidates: readonly string[], decided: readonly string[]): ProposedListProblem[] {
  const problems: ProposedListProblem[] = [];
  decided.forEach((number, index) => {
    if (!candidates.includes(number)) {
      problems.push({ declarationNumber: number, index, rule: 'candidate', zh: `${number} 不在综合评审范围内`, en: `${number} is not under the comprehensive review` });
    } else if (decided.indexOf(number) !== index) {
      problems.push({ declarationNumber: number, index, rule: 'uniqueItems', zh: `${number} 重复`, en: `${number} appears twice` });
    }
  });
  for (const number of candidates.filter((n) => !decided.includes(n))) {
    problems.push({ declarationNumber: number, index: null, rule: 'missing', zh: `缺少对 ${number} 的决定`, en: `no decision on ${number}` });
  }
  return problems;
}
