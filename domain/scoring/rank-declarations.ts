import { ISO_DATE_TIME_WITH_OFFSET } from '../deadlines/beijing-time.ts';
import type { Category } from './category.ts';
import { DEFAULT_CRITERION_WEIGHTS, type CriterionWeights } from './criteria.ts';
import { declarationMean, type DeclarationMean, type ExactMean } from './declaration-mean.ts';
import type { ExpertScore, RankingDeclaration } from './score-input.ts';
import { assertWeights } from './score-units.ts';
import { InvalidScoring } from './scoring-errors.ts';

/** What put a declaration below the one ranked directly above it. */
export type RankSeparator = 'MEAN' | 'STANDARDS' | 'SUBMISSION' | 'NUMBER';

/** A ranked declaration. */
export interface RankedDeclaration extends DeclarationMean {
  readonly category: Category;
  readonly submittedAt: string;
  /** 1-based, unique: ties are always broken. */
  readonly overallRank: number;
  /** 1-based rank within its category. */
  readonly categoryRank: number;
  /** Why it ranks below the declaration just above it overall; absent for the first. */
  readonly separatedBy?: RankSeparator;
}

/** The input of rankDeclarations. */
export interface RankingInput {
  readonly declarations: readonly RankingDeclaration[];
  readonly sheets: readonly ExpertScore[];
  /** Weights per category from the campaign rule set; missing categories use DEFAULT_CRITERION_WEIGHTS. */
  readonly weights?: Readonly<Partial<Record<Category, CriterionWeights>>>;
}

/**
 * Ranks declarations by mean score, highest first. Ties go to the higher standards mean, then to
 * the earlier submission, then (only if submitted at the same instant) to the smaller declaration
 * number, so the order never depends on input order. Every declaration needs at least one sheet,
 * every sheet a known declaration, and an expert scores a declaration once.
 */
export function rankDeclarations(input: RankingInput): RankedDeclaration[] {
  const sheetsByNumber = groupSheets(input);
  const rows = input.declarations.map((declaration) => {
    assertSubmittedAt(declaration);
    const weights = input.weights?.[declaration.category] ?? DEFAULT_CRITERION_WEIGHTS[declaration.category];
    assertWeights(weights, declaration.category);
    const sheets = sheetsByNumber.get(declaration.number) ?? [];
    if (sheets.length === 0) {
      throw new InvalidScoring(`申报 ${declaration.number} 没有专家评分`, `declaration ${declaration.number} has no expert scores`);
    }
    const mean = declarationMean(declaration.number, sheets, weights);
    return { ...mean, category: declaration.category, submittedAt: declaration.submittedAt };
  });
  rows.sort((a, b) => compareRanking(a, b).order);
  const categoryCounts = new Map<Category, number>();
  return rows.map((row, index) => {
    const categoryRank = (categoryCounts.get(row.category) ?? 0) + 1;
    categoryCounts.set(row.category, categoryRank);
    const above = rows[index - 1];
    const separatedBy = above ? compareRanking(above, row).by : undefined;
    return { ...row, overallRank: index + 1, categoryRank, ...(separatedBy ? { separatedBy } : {}) };
  });
}

/** What the ranking compares: a mean and the submission time. */
export type Rankable = DeclarationMean & { readonly submittedAt: string };

/**
 * The ranking order of two declarations (negative when `a` comes first) and the rule that
 * decided it: mean, then standards mean, then submission time, then declaration number.
 */
export function compareRanking(a: Rankable, b: Rankable): { order: number; by: RankSeparator } {
  const byMean = compareMeans(b.exact, a.exact);
  if (byMean !== 0) return { order: byMean, by: 'MEAN' };
  const byStandards = compareMeans(b.exactStandards, a.exactStandards);
  if (byStandards !== 0) return { order: byStandards, by: 'STANDARDS' };
  const bySubmission = Date.parse(a.submittedAt) - Date.parse(b.submittedAt);
  if (bySubmission !== 0) return { order: bySubmission, by: 'SUBMISSION' };
  return { order: a.declarationNumber < b.declarationNumber ? -1 : a.declarationNumber > b.declarationNumber ? 1 : 0, by: 'NUMBER' };
}

/** Compares two exact means without division (all integers, far below 2^53). */
function compareMeans(a: ExactMean, b: ExactMean): number {
  return Math.sign(a.total * b.count - b.total * a.count);
}

function groupSheets(input: RankingInput): Map<string, ExpertScore[]> {
  const groups = new Map<string, ExpertScore[]>();
  for (const declaration of input.declarations) {
    if (groups.has(declaration.number)) {
      throw new InvalidScoring(`申报编号重复：${declaration.number}`, `duplicate declaration number: ${declaration.number}`);
    }
    groups.set(declaration.number, []);
  }
  for (const sheet of input.sheets) {
    const group = groups.get(sheet.declarationNumber);
    if (!group) {
      throw new InvalidScoring(
        `评分表对应的申报 ${sheet.declarationNumber} 不在排名范围内`,
        `a score sheet names declaration ${sheet.declarationNumber}, which is not being ranked`,
      );
    }
    if (group.some((s) => s.expertId === sheet.expertId)) {
      throw new InvalidScoring(
        `专家 ${sheet.expertId} 对申报 ${sheet.declarationNumber} 重复评分`,
        `expert ${sheet.expertId} scored declaration ${sheet.declarationNumber} twice`,
      );
    }
    group.push(sheet);
  }
  return groups;
}

const WITH_OFFSET = new RegExp(ISO_DATE_TIME_WITH_OFFSET);

function assertSubmittedAt(declaration: RankingDeclaration): void {
  // Without an offset Date.parse would read the machine's local zone; such a time is refused.
  if (!WITH_OFFSET.test(declaration.submittedAt) || Number.isNaN(Date.parse(declaration.submittedAt))) {
    throw new InvalidScoring(
      `申报 ${declaration.number} 的提交时间无效：${declaration.submittedAt}`,
      `declaration ${declaration.number} has an invalid submission time: ${declaration.submittedAt}`,
    );
  }
}
