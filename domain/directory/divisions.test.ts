import { describe, expect, it } from 'vitest';
import { cityByDivisionCode, countyByDivisionCode, divisionsSource, isJiangsuDivision, jiangsuCities } from './divisions.ts';

describe("Jiangsu's administrative divisions (GB/T 2260)", () => {
  it('lists the 13 districted cities and their 95 county-level divisions (55 districts, 21 county-level cities, 19 counties), each inside its city', () => {
    expect(jiangsuCities.map((c) => c.code)).toEqual(['320100', '320200', '320300', '320400', '320500', '320600', '320700', '320800', '320900', '321000', '321100', '321200', '321300']);
    const counties = jiangsuCities.flatMap((c) => c.counties.map((k) => ({ ...k, city: c.code })));
    expect(counties).toHaveLength(95);
    expect(new Set(counties.map((k) => k.code)).size).toBe(95);
    for (const k of counties) expect(k.code.slice(0, 4), k.zh).toBe(k.city.slice(0, 4));
    expect(counties.filter((k) => k.zh.endsWith('区'))).toHaveLength(55);
    expect(counties.filter((k) => k.zh.endsWith('市'))).toHaveLength(21);
    expect(counties.filter((k) => k.zh.endsWith('县'))).toHaveLength(19);
    expect(divisionsSource).toContain('民政部');
  });

  it('finds current codes and refuses abolished or unknown ones', () => {
    expect(countyByDivisionCode('320614')).toMatchObject({ county: { zh: '海门区' }, city: { zh: '南通市' } });
    expect(cityByDivisionCode('320581')).toBeUndefined();
    expect(isJiangsuDivision('320581')).toBe(true);
    // 崇安区 (Wuxi) and 白下区 (Nanjing) were merged away in 2015 and 2013.
    expect(isJiangsuDivision('320202')).toBe(false);
    expect(isJiangsuDivision('320103')).toBe(false);
    expect(isJiangsuDivision('330100')).toBe(false);
  });
});
