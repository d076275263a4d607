import { Type, type Static } from '@sinclair/typebox';
import { CATEGORIES, CATEGORY_NAMES, type Category } from './category.ts';
import { CRITERION_NAMES } from './criteria.ts';
import { compareRanking, type RankedDeclaration, type RankSeparator } from './rank-declarations.ts';
import { InvalidScoring } from './scoring-errors.ts';

const Count = Type.Integer({ minimum: 0 });

/** How many enter the key-cultivation list: the top N overall, or the top N of each category (from the campaign rule set). */
export const CultivationQuotaSchema = Type.Union([
  Type.Object({ scope: Type.Literal('OVERALL'), count: Count }),
  Type.Object({
    scope: Type.Literal('PER_CATEGORY'),
    counts: Type.Object({ AGRICULTURE: Type.Optional(Count), MANUFACTURING: Type.Optional(Count), SERVICE: Type.Optional(Count) }),
  }),
]);

/** A key-cultivation quota. */
export type CultivationQuota = Static<typeof CultivationQuotaSchema>;

/** A declaration left off the list, and why, Chinese first. */
export interface NotSelected {
  readonly declaration: RankedDeclaration;
  readonly zh: string;
  readonly en: string;
}

/** The key-cultivation list (重点培育企业名单) and everyone left off it, each in ranking order. */
export interface KeyCultivationList {
  readonly selected: readonly RankedDeclaration[];
  readonly notSelected: readonly NotSelected[];
}

/**
 * Takes the top N of a ranking (rankDeclarations' output) overall or per category. The ranking
 * breaks every tie, so the cut line is always exact; a reason names the rank, the quota and the
 * last declaration selected, and the tie-break when the means were equal. A per-category quota
 * must name every category that appears in the ranking: a silent zero would drop a whole category.
 */
export function selectKeyCultivation(ranking: readonly RankedDeclaration[], quota: CultivationQuota): KeyCultivationList {
  const quotaOf = quotaLookup(ranking, quota);
  const rankOf = (d: RankedDeclaration) => (quota.scope === 'OVERALL' ? d.overallRank : d.categoryRank);
  const competes = (a: RankedDeclaration, b: RankedDeclaration) => quota.scope === 'OVERALL' || a.category === b.category;
  const selected: RankedDeclaration[] = [];
  const notSelected: NotSelected[] = [];
  // Seats are counted here rather than read from the ranks, so a filtered ranking still fills its quota.
  const ordered = [...ranking].sort((a, b) => compareRanking(a, b).order);
  for (const declaration of ordered) {
    const seatsTaken = selected.filter((d) => competes(d, declaration)).length;
    if (seatsTaken < quotaOf(declaration)) {
      selected.push(declaration);
      continue;
    }
    const lastIn = selected.findLast((d) => competes(d, declaration));
    notSelected.push({ declaration, ...reason(declaration, rankOf(declaration), quotaOf(declaration), quota.scope, lastIn) });
  }
  return { selected, notSelected };
}

function quotaLookup(ranking: readonly RankedDeclaration[], quota: CultivationQuota): (d: RankedDeclaration) => number {
  const counts: Partial<Record<Category, number>> = quota.scope === 'OVERALL' ? {} : quota.counts;
  const checked = quota.scope === 'OVERALL' ? [quota.count] : CATEGORIES.flatMap((c) => counts[c] ?? []);
  for (const count of checked) {
    if (!Number.isInteger(count) || count < 0) {
      throw new InvalidScoring(`培育名额必须是非负整数：${count}`, `a cultivation quota must be a whole number ≥ 0: ${count}`);
    }
  }
  if (quota.scope === 'OVERALL') return () => quota.count;
  for (const declaration of ranking) {
    if (counts[declaration.category] === undefined) {
      const name = CATEGORY_NAMES[declaration.category];
      throw new InvalidScoring(`分类名额缺少${name.zh}类`, `the per-category quota has no count for ${name.en}`);
    }
  }
  return (d) => counts[d.category] ?? 0;
}

const SEPARATOR_NAMES: Readonly<Record<Exclude<RankSeparator, 'MEAN'>, { zh: string; en: string }>> = {
  STANDARDS: { zh: `${CRITERION_NAMES.STANDARDS.zh}得分较低`, en: `a lower ${CRITERION_NAMES.STANDARDS.en} mean` },
  SUBMISSION: { zh: '提交时间较晚', en: 'a later submission' },
  NUMBER: { zh: '申报编号在后', en: 'a later declaration number' },
};

function reason(
  declaration: RankedDeclaration,
  rank: number,
  quota: number,
  scope: CultivationQuota['scope'],
  lastIn: RankedDeclaration | undefined,
): { zh: string; en: string } {
  const category = CATEGORY_NAMES[declaration.category];
  const where = scope === 'OVERALL' ? { zh: '总排名', en: 'overall' } : { zh: `${category.zh}类排名`, en: `in ${category.en}` };
  if (!lastIn) {
    return {
      zh: `${where.zh}第 ${rank} 名，名额为 0，无人入选（均分 ${declaration.mean}）`,
      en: `ranked ${rank} ${where.en}; the quota is 0, so none is selected (mean ${declaration.mean})`,
    };
  }
  let zh =
    `${where.zh}第 ${rank} 名，超出名额 ${quota}；均分 ${declaration.mean}，` +
    `末位入选 ${lastIn.declarationNumber} 均分 ${lastIn.mean}`;
  let en =
    `ranked ${rank} ${where.en}, beyond the quota of ${quota}; mean ${declaration.mean}, ` +
    `last selected ${lastIn.declarationNumber} at ${lastIn.mean}`;
  const tie = tieBreak(lastIn, declaration);
  if (tie) {
    zh += `；均分相同，因${SEPARATOR_NAMES[tie].zh}排在其后`;
    en += `; equal means, placed after it by ${SEPARATOR_NAMES[tie].en}`;
  }
  return { zh, en };
}

/** Which tie-break put `below` under `lastIn` when their exact means are equal; undefined if the means differ. */
function tieBreak(lastIn: RankedDeclaration, below: RankedDeclaration): Exclude<RankSeparator, 'MEAN'> | undefined {
  const { by } = compareRanking(lastIn, below);
  return by === 'MEAN' ? undefined : by;
}
