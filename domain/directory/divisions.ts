import data from './jiangsu-divisions.json' with { type: 'json' };

/**
 * Jiangsu's administrative divisions (GB/T 2260): the 13 districted cities (设区市) and their 95
 * districts, counties and county-level cities, from jiangsu-divisions.json (its `source` says
 * where the codes come from). A code not listed there is refused wherever the directory takes one.
 */
export interface County {
  readonly code: string;
  readonly zh: string;
}

export interface City {
  readonly code: string;
  readonly zh: string;
  readonly en: string;
  readonly counties: readonly County[];
}

export const divisionsSource: string = data.source;
export const jiangsuCities: readonly City[] = data.cities;

const cityByCode = new Map(jiangsuCities.map((city) => [city.code, city]));
const countyByCode = new Map(jiangsuCities.flatMap((city) => city.counties.map((county) => [county.code, { county, city }] as const)));

/** The districted city of a code, or undefined when the code is not one of the 13. */
export function cityByDivisionCode(code: string): City | undefined {
  return cityByCode.get(code);
}

/** A county-level division and its city, or undefined when the code is not one of Jiangsu's. */
export function countyByDivisionCode(code: string): { readonly county: County; readonly city: City } | undefined {
  return countyByCode.get(code);
}

/** A city or county-level code of Jiangsu: where an expert or an office may be placed. */
export function isJiangsuDivision(code: string): boolean {
  return cityByCode.has(code) || countyByCode.has(code);
}
