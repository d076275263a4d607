import type { DirectorySeed, EnterpriseSeed } from '../../bin/demo/directory.ts';
import { withCheckCharacters } from '../../domain/directory/credit-code.ts';
import { cityByDivisionCode } from '../../domain/directory/divisions.ts';

/**
 * An enterprise of a city: a valid unified social credit code registered in the city (its code
 * in places 3–8, which tests read back), and the city's n-th county in the GB/T 2260 list.
 */
export function enterprise(cityCode: string, n: number): EnterpriseSeed {
  const counties = cityByDivisionCode(cityCode)?.counties ?? [];
  if (counties.length === 0) throw new Error(`not a Jiangsu city: ${cityCode}`);
  return {
    id: withCheckCharacters(`91${cityCode}MA${String(n).padStart(6, '0')}`),
    name: `企业${cityCode}-${n}`,
    cityCode,
    countyCode: counties[(n - 1) % counties.length]!.code,
  };
}

/** The employer of a city's experts: a university or institute (institution code 12…). */
export function university(cityCode: string): string {
  return withCheckCharacters(`12${cityCode}MB000001`);
}

/** Six enterprises in three cities, ten manufacturing experts spread over other cities, three bodies, two member units. */
export function smallDirectory(): DirectorySeed {
  const enterprises = ['320100', '320200', '320500'].flatMap((city) => [enterprise(city, 1), enterprise(city, 2)]);
  const expertCities = ['320300', '320400', '320600', '320700', '320800', '320900', '321000', '321100', '321200', '321300'];
  return {
    enterprises,
    experts: expertCities.map((city, i) => ({
      id: `EXP-${String(i + 1).padStart(3, '0')}`,
      name: `专家${i + 1}`,
      cityCode: city,
      employerId: university(city),
      categories: ['MANUFACTURING', 'AGRICULTURE', 'SERVICE'] as const,
    })),
    certificationBodies: [
      { id: 'CB-A', name: '认证机构甲 / Body A' },
      { id: 'CB-B', name: '认证机构乙 / Body B' },
      { id: 'CB-C', name: '认证机构丙 / Body C' },
    ],
    memberUnits,
  };
}

/** The member units asked for their opinion in the comprehensive review. */
export const memberUnits = [
  { id: 'MU-GXT', name: '省工业和信息化厅 / provincial industry and IT department' },
  { id: 'MU-SCJGJ', name: '省市场监督管理局 / provincial market regulation administration' },
] as const;

/** The enterprise whose panel the conflict scenario checks: Suzhou's first. */
export const conflictedEnterprise = enterprise('320500', 1);

/**
 * Experts with a conflict of interest with {@link conflictedEnterprise}: one of its city, one it
 * employs (in Changshu, a county-level city of Suzhou), one who consults for it from Xuzhou.
 */
export const conflictedExperts: DirectorySeed['experts'] = [
  { id: 'EXP-SZ-1', name: '苏州专家', cityCode: '320500', employerId: university('320500'), categories: ['MANUFACTURING'] },
  { id: 'EXP-SZ-2', name: '企业总工', cityCode: '320581', employerId: conflictedEnterprise.id, categories: ['MANUFACTURING'] },
  { id: 'EXP-XZ-1', name: '咨询顾问', cityCode: '320300', employerId: withCheckCharacters('91320300MC000001'), categories: ['MANUFACTURING'], ties: [{ enterpriseId: conflictedEnterprise.id, kind: 'CONSULTS' }] },
];

/**
 * The small directory plus the conflicted experts; with `freeExperts` fewer than the panel size
 * (5), too few conflict-free experts are left for the Suzhou declaration.
 */
export function conflictedDirectory(freeExperts = 10): DirectorySeed {
  const base = smallDirectory();
  return { ...base, experts: [...base.experts.slice(0, freeExperts), ...conflictedExperts] };
}
