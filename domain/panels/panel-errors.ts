import type { ExclusionCode } from './conflicts.ts';

/** One declaration for which too few experts are free of conflicts. */
export interface PanelShortfall {
  readonly declarationNumber: string;
  readonly required: number;
  readonly eligible: number;
  readonly poolSize: number;
  /** How many experts each reason excluded; one expert may count under several reasons. */
  readonly excludedBy: Readonly<Partial<Record<ExclusionCode, number>>>;
}

const REASON_NAMES: Readonly<Record<ExclusionCode, { zh: string; en: string }>> = {
  SAME_CITY: { zh: '同城', en: 'same city' },
  OWN_EMPLOYER: { zh: '工作单位', en: 'own employer' },
  DECLARED_TIE: { zh: '申报的利害关系', en: 'declared tie' },
  OUTSIDE_EXPERTISE: { zh: '专业不符', en: 'outside expertise' },
};

/**
 * No conflict-free panel of the requested size exists for one or more declarations. Nothing is
 * drawn for any of them: a partial draw would be re-run later with a different pool, and the
 * first result would then be a draw nobody can rely on.
 */
export class PanelNotPossible extends Error {
  override readonly name = 'PanelNotPossible';
  constructor(readonly shortfalls: readonly PanelShortfall[]) {
    super(shortfalls.map(describe).join('\n'));
  }
}

function describe(s: PanelShortfall): string {
  const reasons = Object.entries(s.excludedBy) as [ExclusionCode, number][];
  const zh = reasons.map(([code, n]) => `${REASON_NAMES[code].zh} ${n}`).join('、');
  const en = reasons.map(([code, n]) => `${REASON_NAMES[code].en} ${n}`).join(', ');
  return (
    `申报 ${s.declarationNumber} 无法组成 ${s.required} 人的无利益冲突专家组：专家库 ${s.poolSize} 人中只有 ${s.eligible} 人符合` +
    `${zh ? `（回避：${zh}）` : ''} / declaration ${s.declarationNumber}: no conflict-free panel of ${s.required}, ` +
    `only ${s.eligible} of ${s.poolSize} experts are eligible${en ? ` (excluded: ${en})` : ''}`
  );
}

/** The draw request itself is wrong (a size, a seed or a duplicate), whatever the pool holds. */
export class InvalidPanelRequest extends RangeError {
  override readonly name = 'InvalidPanelRequest';
  constructor(zh: string, en: string) {
    super(`${zh} / ${en}`);
  }
}
