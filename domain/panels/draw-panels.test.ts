import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { drawPanels } from './draw-panels.ts';
import { PanelRequestSchema, type PanelDeclaration, type PanelExpert, type PanelRequest } from './panel-input.ts';
import { InvalidPanelRequest, PanelNotPossible } from './panel-errors.ts';

const suzhou: PanelDeclaration = { number: 'JP-2026-001', enterpriseId: 'ENT-SZ', enterpriseCityCode: '320500', category: 'MANUFACTURING' };
const nanjing: PanelDeclaration = { number: 'JP-2026-002', enterpriseId: 'ENT-NJ', enterpriseCityCode: '320100', category: 'MANUFACTURING' };

function expert(id: string, cityCode: string, overrides: Partial<PanelExpert> = {}): PanelExpert {
  return { id, name: `专家${id}`, cityCode, employerId: `EMP-${id}`, ties: [], categories: ['MANUFACTURING'], ...overrides };
}

// Ten experts; for the Suzhou declaration four are conflicted, one for each reason.
const pool: PanelExpert[] = [
  expert('E01', '320100'),
  expert('E02', '320200'),
  expert('E03', '320300'),
  expert('E04', '320400'),
  expert('E05', '320500'),
  expert('E06', '320600', { employerId: 'ENT-SZ' }),
  expert('E07', '320700', { ties: [{ enterpriseId: 'ENT-SZ', kind: 'CERTIFIES' }] }),
  expert('E08', '320800', { categories: ['AGRICULTURE'] }),
  expert('E09', '320900'),
  expert('E10', '321000'),
];

const request = (overrides: Partial<PanelRequest> = {}): PanelRequest => ({
  declarations: [suzhou, nanjing],
  experts: pool,
  panelSize: 5,
  seed: 20260601,
  ...overrides,
});

describe('drawing expert panels', () => {
  it('excludes every conflicted expert, with reasons, and never seats one', () => {
    const [draw] = drawPanels(request()).draws;
    expect(draw?.exclusions.map((e) => [e.expertId, e.reasons.map((r) => r.code)])).toEqual([
      ['E05', ['SAME_CITY']],
      ['E06', ['OWN_EMPLOYER']],
      ['E07', ['DECLARED_TIE']],
      ['E08', ['OUTSIDE_EXPERTISE']],
    ]);
    const seated = [...(draw?.panel ?? []), ...(draw?.substitutes ?? [])].map((e) => e.id);
    // Six eligible: five seats, and the pool runs out after one of the two default substitutes.
    expect(draw?.panel).toHaveLength(5);
    expect(draw?.substitutes).toHaveLength(1);
    expect(new Set(seated).size).toBe(6);
    expect(seated.filter((id) => ['E05', 'E06', 'E07', 'E08'].includes(id))).toEqual([]);
    expect(draw?.eligibleCount).toBe(6);
  });

  it('replays the same draw from the same seed whatever the input order', () => {
    const first = drawPanels(request());
    const reordered = drawPanels(request({ experts: [...pool].reverse(), declarations: [nanjing, suzhou] }));
    expect(reordered.draws.find((d) => d.declarationNumber === suzhou.number)).toEqual(first.draws[0]);
    expect(reordered.draws.map((d) => d.declarationNumber)).toEqual([nanjing.number, suzhou.number]);
  });

  it('keeps a declaration’s panel when others are added', () => {
    const alone = drawPanels(request({ declarations: [suzhou] })).draws[0];
    expect(drawPanels(request()).draws[0]).toEqual(alone);
  });

  it('draws differently under other seeds', () => {
    const panels = new Set<string>();
    for (let seed = 0; seed < 20; seed += 1) {
      panels.add(drawPanels(request({ seed, declarations: [nanjing] })).draws[0]!.panel.map((e) => e.id).join());
    }
    expect(panels.size).toBeGreaterThan(1);
  });

  it('succeeds with exactly as many eligible experts as seats, leaving no substitutes', () => {
    const [draw] = drawPanels(request({ declarations: [suzhou], panelSize: 6 })).draws;
    expect(draw?.panel).toHaveLength(6);
    expect(draw?.substitutes).toEqual([]);
  });

  it('takes the substitute count, down to none', () => {
    expect(drawPanels(request({ substituteCount: 0 })).draws[0]?.substitutes).toEqual([]);
    expect(drawPanels(request({ substituteCount: 1 })).draws[0]?.substitutes).toHaveLength(1);
  });

  it('refuses an impossible panel, naming the declaration, the eligible count and the reasons', () => {
    let error: unknown;
    try {
      drawPanels(request({ panelSize: 7 }));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PanelNotPossible);
    const refusal = error as PanelNotPossible;
    expect(refusal.shortfalls).toEqual([
      {
        declarationNumber: 'JP-2026-001',
        required: 7,
        eligible: 6,
        poolSize: 10,
        excludedBy: { SAME_CITY: 1, OWN_EMPLOYER: 1, DECLARED_TIE: 1, OUTSIDE_EXPERTISE: 1 },
      },
    ]);
    expect(refusal.message).toContain('申报 JP-2026-001 无法组成 7 人的无利益冲突专家组：专家库 10 人中只有 6 人符合');
    expect(refusal.message).toContain('declaration JP-2026-001: no conflict-free panel of 7, only 6 of 10 experts are eligible');
  });

  it('names every short declaration at once', () => {
    expect(() => drawPanels(request({ panelSize: 10 }))).toThrow(/JP-2026-001[\s\S]*JP-2026-002/);
  });

  it('refuses any declaration when the pool is empty', () => {
    expect(() => drawPanels(request({ experts: [] }))).toThrow(/专家库 0 人中只有 0 人符合/);
  });

  it('returns no draws for no declarations', () => {
    expect(drawPanels(request({ declarations: [] })).draws).toEqual([]);
  });

  it('refuses a bad size, seed or duplicate', () => {
    expect(() => drawPanels(request({ panelSize: 0 }))).toThrow(InvalidPanelRequest);
    expect(() => drawPanels(request({ substituteCount: -1 }))).toThrow(InvalidPanelRequest);
    expect(() => drawPanels(request({ seed: 2 ** 32 }))).toThrow(InvalidPanelRequest);
    expect(() => drawPanels(request({ experts: [...pool, expert('E01', '321300')] }))).toThrow(/专家编号重复：E01/);
    expect(() => drawPanels(request({ declarations: [suzhou, suzhou] }))).toThrow(/申报编号重复：JP-2026-001/);
  });
});

describe('the panel request schema', () => {
  it('accepts a well-formed request and refuses a bad city code or an expert without expertise', () => {
    expect(Value.Check(PanelRequestSchema, request())).toBe(true);
    expect(Value.Check(PanelRequestSchema, request({ declarations: [{ ...suzhou, enterpriseCityCode: '3205' }] }))).toBe(false);
    expect(Value.Check(PanelRequestSchema, request({ experts: [expert('E1', '320100', { categories: [] })] }))).toBe(false);
  });
});
