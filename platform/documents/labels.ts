import { countyByDivisionCode } from '../../domain/directory/divisions.ts';

/** How the office's documents name a category (类别). */
export const categoryZh = { AGRICULTURE: '农业', MANUFACTURING: '制造业', SERVICE: '服务业' } as const;

/** 所在地: the city and county as a reader writes them (南京市玄武区), or the code when it is not a Jiangsu division. */
export function placeZh(countyCode: string): string {
  const found = countyByDivisionCode(countyCode);
  return found ? `${found.city.zh}${found.county.zh}` : countyCode;
}

/** A Beijing calendar date `YYYY-MM-DD` as a Chinese document writes it: 2023年7月5日. */
export function dateZh(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return `${year}年${month}月${day}日`;
}
