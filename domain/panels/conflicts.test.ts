import { describe, expect, it } from 'vitest';
import { cityOf, exclusionReasons } from './conflicts.ts';
import type { PanelDeclaration, PanelExpert } from './panel-input.ts';

const declaration: PanelDeclaration = {
  number: 'JP-2026-001',
  enterpriseId: '91320500MA0000015D',
  enterpriseCityCode: '320581',
  category: 'MANUFACTURING',
};

function expert(overrides: Partial<PanelExpert> = {}): PanelExpert {
  return { id: 'E1', name: '王工', cityCode: '320100', employerId: 'NJU', ties: [], categories: ['MANUFACTURING'], ...overrides };
}

const codes = (e: PanelExpert) => exclusionReasons(e, declaration).map((r) => r.code);

describe('conflict-of-interest rules', () => {
  it('admit an expert of another city, employer and no ties', () => {
    expect(exclusionReasons(expert(), declaration)).toEqual([]);
  });

  it('treat a county-level code as its districted city', () => {
    expect(cityOf('320581')).toBe('320500');
    expect(codes(expert({ cityCode: '320500' }))).toEqual(['SAME_CITY']);
    expect(codes(expert({ cityCode: '320506' }))).toEqual(['SAME_CITY']);
    expect(codes(expert({ cityCode: '320600' }))).toEqual([]);
  });

  it('exclude the enterprise’s own employee', () => {
    expect(codes(expert({ employerId: declaration.enterpriseId }))).toEqual(['OWN_EMPLOYER']);
  });

  it('exclude every declared tie to that enterprise, and only to it', () => {
    const tied = expert({
      ties: [
        { enterpriseId: declaration.enterpriseId, kind: 'CONSULTS' },
        { enterpriseId: declaration.enterpriseId, kind: 'RELATED' },
        { enterpriseId: 'OTHER', kind: 'CERTIFIES' },
      ],
    });
    const reasons = exclusionReasons(tied, declaration);
    expect(reasons.map((r) => r.code)).toEqual(['DECLARED_TIE', 'DECLARED_TIE']);
    expect(reasons[0]?.zh).toContain('咨询');
    expect(reasons[1]?.en).toContain('related');
  });

  it('exclude an expert outside the declaration’s category, naming both', () => {
    const [reason] = exclusionReasons(expert({ categories: ['AGRICULTURE', 'SERVICE'] }), declaration);
    expect(reason).toEqual({
      code: 'OUTSIDE_EXPERTISE',
      zh: '专家的专业领域（农业、服务业）不含制造业',
      en: "the expert's fields (agriculture, service) do not include manufacturing",
    });
  });

  it('list every reason that applies, Chinese first', () => {
    const reasons = exclusionReasons(expert({ cityCode: '320500', employerId: declaration.enterpriseId, categories: ['SERVICE'] }), declaration);
    expect(reasons.map((r) => r.code)).toEqual(['SAME_CITY', 'OWN_EMPLOYER', 'OUTSIDE_EXPERTISE']);
    expect(reasons[0]?.zh).toBe('专家与申报企业同属设区市 320500，应回避');
  });
});
