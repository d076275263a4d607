import { exclusionReasons, type ExclusionCode, type ExclusionReason } from './conflicts.ts';
import type { PanelDeclaration, PanelExpert, PanelRequest } from './panel-input.ts';
import { InvalidPanelRequest, PanelNotPossible, type PanelShortfall } from './panel-errors.ts';
import { mulberry32, seedFor, shuffled } from './seeded-random.ts';

/** Two substitutes per panel unless the request says otherwise [ASSUMED]. */
export const DEFAULT_SUBSTITUTE_COUNT = 2;

/** An expert kept off one declaration's panel, with every reason. */
export interface ExpertExclusion {
  readonly expertId: string;
  readonly expertName: string;
  readonly reasons: readonly ExclusionReason[];
}

/** The draw for one declaration. */
export interface PanelDraw {
  readonly declarationNumber: string;
  /** The panel, in the order drawn. */
  readonly panel: readonly PanelExpert[];
  /** Called up in this order when a panel member withdraws; fewer than asked if the pool runs out. */
  readonly substitutes: readonly PanelExpert[];
  /** Every excluded expert, by expert id. */
  readonly exclusions: readonly ExpertExclusion[];
  readonly eligibleCount: number;
}

/** The draws, in the order of the request's declarations, with what is needed to replay them. */
export interface PanelDrawResult {
  readonly seed: number;
  readonly panelSize: number;
  readonly draws: readonly PanelDraw[];
}

/**
 * Draws a conflict-free expert panel and its substitutes for every declaration. An expert never
 * reviews an enterprise of his own city, his employer, or one he declares a tie to (DOMAIN §11
 * q7), nor a category outside his expertise. The draw is random but replayable: the same seed,
 * declarations and pool give the same panels whatever their input order. Each declaration is
 * drawn independently, so one expert may sit on several panels [ASSUMED: no workload cap].
 * Throws PanelNotPossible, naming every declaration short of eligible experts.
 */
export function drawPanels(request: PanelRequest): PanelDrawResult {
  const substituteCount = request.substituteCount ?? DEFAULT_SUBSTITUTE_COUNT;
  assertRequest(request, substituteCount);
  // A canonical pool order, so the shuffle does not depend on how the caller listed experts.
  const pool = [...request.experts].sort((a, b) => compareText(a.id, b.id));
  const draws: PanelDraw[] = [];
  const shortfalls: PanelShortfall[] = [];
  for (const declaration of request.declarations) {
    const { eligible, exclusions } = screen(pool, declaration);
    if (eligible.length < request.panelSize) {
      shortfalls.push(shortfall(declaration, request.panelSize, eligible.length, pool.length, exclusions));
      continue;
    }
    const order = shuffled(eligible, mulberry32(seedFor(request.seed, declaration.number)));
    draws.push({
      declarationNumber: declaration.number,
      panel: order.slice(0, request.panelSize),
      substitutes: order.slice(request.panelSize, request.panelSize + substituteCount),
      exclusions,
      eligibleCount: eligible.length,
    });
  }
  if (shortfalls.length > 0) throw new PanelNotPossible(shortfalls);
  return { seed: request.seed, panelSize: request.panelSize, draws };
}

function screen(pool: readonly PanelExpert[], declaration: PanelDeclaration) {
  const eligible: PanelExpert[] = [];
  const exclusions: ExpertExclusion[] = [];
  for (const expert of pool) {
    const reasons = exclusionReasons(expert, declaration);
    if (reasons.length === 0) eligible.push(expert);
    else exclusions.push({ expertId: expert.id, expertName: expert.name, reasons });
  }
  return { eligible, exclusions };
}

function shortfall(
  declaration: PanelDeclaration,
  required: number,
  eligible: number,
  poolSize: number,
  exclusions: readonly ExpertExclusion[],
): PanelShortfall {
  const excludedBy: Partial<Record<ExclusionCode, number>> = {};
  for (const exclusion of exclusions) {
    for (const code of new Set(exclusion.reasons.map((r) => r.code))) excludedBy[code] = (excludedBy[code] ?? 0) + 1;
  }
  return { declarationNumber: declaration.number, required, eligible, poolSize, excludedBy };
}

function assertRequest(request: PanelRequest, substituteCount: number): void {
  if (!Number.isInteger(request.panelSize) || request.panelSize < 1) {
    throw new InvalidPanelRequest(
      `专家组人数必须是正整数：${request.panelSize}`,
      `the panel size must be a positive whole number: ${request.panelSize}`,
    );
  }
  if (!Number.isInteger(substituteCount) || substituteCount < 0) {
    throw new InvalidPanelRequest(
      `候补人数必须是非负整数：${substituteCount}`,
      `the substitute count must be a whole number ≥ 0: ${substituteCount}`,
    );
  }
  if (!Number.isInteger(request.seed) || request.seed < 0 || request.seed > 0xffffffff) {
    throw new InvalidPanelRequest(
      `随机种子必须是 0 到 4294967295 的整数：${request.seed}`,
      `the seed must be a whole number from 0 to 4294967295: ${request.seed}`,
    );
  }
  const expertId = firstDuplicate(request.experts.map((e) => e.id));
  if (expertId !== undefined) throw new InvalidPanelRequest(`专家编号重复：${expertId}`, `duplicate expert id: ${expertId}`);
  const number = firstDuplicate(request.declarations.map((d) => d.number));
  if (number !== undefined) throw new InvalidPanelRequest(`申报编号重复：${number}`, `duplicate declaration number: ${number}`);
}

function firstDuplicate(values: readonly string[]): string | undefined {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) return value;
    seen.add(value);
  }
  return undefined;
}

/** Code-unit order, not locale order: the same on every machine and Node version. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
