import { describe, expect, it } from 'vitest';
import { jiangsuCities as source } from '../../domain/directory/divisions.ts';
// The pages' own module, plain JavaScript the browser loads as it is.
import { cityName, jiangsuCities } from '../../web/cities.js';

describe('the cities the pages go through', () => {
  it('are the directory\'s 13 districted cities, with their names', () => {
    expect(jiangsuCities).toEqual(source.map((c) => [c.code, c.zh, c.en]));
    expect(cityName('320100')).toEqual(['南京市', 'Nanjing']);
    expect(cityName('329900')).toEqual(['329900', '329900']);
  });
});
