// Jiangsu's 13 districted cities, for pages that go through them all (the province's view of the
// cities' batches). The browser cannot read domain/directory/jiangsu-divisions.json, the source:
// test/web/cities.test.ts keeps this copy equal to it.

/** [division code, Chinese name, English name], in code order. */
export const jiangsuCities = [
  ['320100', '南京市', 'Nanjing'],
  ['320200', '无锡市', 'Wuxi'],
  ['320300', '徐州市', 'Xuzhou'],
  ['320400', '常州市', 'Changzhou'],
  ['320500', '苏州市', 'Suzhou'],
  ['320600', '南通市', 'Nantong'],
  ['320700', '连云港市', 'Lianyungang'],
  ['320800', '淮安市', 'Huai\'an'],
  ['320900', '盐城市', 'Yancheng'],
  ['321000', '扬州市', 'Yangzhou'],
  ['321100', '镇江市', 'Zhenjiang'],
  ['321200', '泰州市', 'Taizhou'],
  ['321300', '宿迁市', 'Suqian'],
];

/** The city of a division code as [zh, en]; an unknown code as itself. */
export function cityName(code) {
  const city = jiangsuCities.find(([c]) => c === code);
  return city ? [city[1], city[2]] : [code, code];
}
