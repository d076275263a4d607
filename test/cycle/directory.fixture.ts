import type { DirectorySeed, EnterpriseSeed } from '../../bin/demo/directory.ts';

/** An enterprise of a city, with a unified social credit code made from its city and number. */
export function enterprise(cityCode: string, n: number): EnterpriseSeed {
  return {
    id: `91${cityCode}MA${String(n).padStart(8, '0')}`,
    name: `企业${cityCode}-${n}`,
    cityCode,
    countyCode: `${cityCode.slice(0, 4)}0${(n % 9) + 1}`,
  };
}

/** Six enterprises in three cities, ten manufacturing experts spread over other cities, three bodies. */
export function smallDirectory(): DirectorySeed {
  const enterprises = ['320100', '320200', '320500'].flatMap((city) => [enterprise(city, 1), enterprise(city, 2)]);
  const expertCities = ['320300', '320400', '320600', '320700', '320800', '320900', '321000', '321100', '321200', '321300'];
  return {
    enterprises,
    experts: expertCities.map((city, i) => ({
      id: `EXP-${String(i + 1).padStart(3, '0')}`,
      name: `专家${i + 1}`,
      cityCode: city,
      employerId: `UNIV-${city}`,
      categories: ['MANUFACTURING', 'AGRICULTURE', 'SERVICE'] as const,
    })),
    certificationBodies: [
      { id: 'CB-A', name: '认证机构甲 / Body A' },
      { id: 'CB-B', name: '认证机构乙 / Body B' },
      { id: 'CB-C', name: '认证机构丙 / Body C' },
    ],
  };
}
