/**
 * The 13 districted cities of Jiangsu with a few of their counties, districts and
 * county-level cities (GB/T 2260 codes), and a university or institute of each city that the
 * demo's experts work for. Only what `jingpin demo` needs to generate a plausible province.
 */
export interface DemoCounty {
  readonly code: string;
  readonly zh: string;
}

export interface DemoCity {
  readonly code: string;
  readonly zh: string;
  readonly en: string;
  /** The short name used in enterprise names: 南京, 连云港. */
  readonly short: string;
  readonly counties: readonly DemoCounty[];
  /** Where the city's experts work (their employer, for the own-employer conflict rule). */
  readonly institution: string;
}

export const demoCities: readonly DemoCity[] = [
  {
    code: '320100', zh: '南京市', en: 'Nanjing', short: '南京', institution: '南京工业大学',
    counties: [{ code: '320104', zh: '秦淮区' }, { code: '320113', zh: '栖霞区' }, { code: '320115', zh: '江宁区' }, { code: '320117', zh: '溧水区' }],
  },
  {
    code: '320200', zh: '无锡市', en: 'Wuxi', short: '无锡', institution: '江南大学',
    counties: [{ code: '320206', zh: '惠山区' }, { code: '320214', zh: '新吴区' }, { code: '320281', zh: '江阴市' }, { code: '320282', zh: '宜兴市' }],
  },
  {
    code: '320300', zh: '徐州市', en: 'Xuzhou', short: '徐州', institution: '中国矿业大学',
    counties: [{ code: '320303', zh: '云龙区' }, { code: '320312', zh: '铜山区' }, { code: '320322', zh: '沛县' }, { code: '320382', zh: '邳州市' }],
  },
  {
    code: '320400', zh: '常州市', en: 'Changzhou', short: '常州', institution: '常州大学',
    counties: [{ code: '320402', zh: '天宁区' }, { code: '320411', zh: '新北区' }, { code: '320412', zh: '武进区' }, { code: '320481', zh: '溧阳市' }],
  },
  {
    code: '320500', zh: '苏州市', en: 'Suzhou', short: '苏州', institution: '苏州大学',
    counties: [{ code: '320506', zh: '吴中区' }, { code: '320509', zh: '吴江区' }, { code: '320581', zh: '常熟市' }, { code: '320582', zh: '张家港市' }, { code: '320583', zh: '昆山市' }],
  },
  {
    code: '320600', zh: '南通市', en: 'Nantong', short: '南通', institution: '南通大学',
    counties: [{ code: '320612', zh: '通州区' }, { code: '320613', zh: '崇川区' }, { code: '320681', zh: '启东市' }, { code: '320685', zh: '海安市' }],
  },
  {
    code: '320700', zh: '连云港市', en: 'Lianyungang', short: '连云港', institution: '江苏海洋大学',
    counties: [{ code: '320706', zh: '海州区' }, { code: '320707', zh: '赣榆区' }, { code: '320722', zh: '东海县' }],
  },
  {
    code: '320800', zh: '淮安市', en: "Huai'an", short: '淮安', institution: '淮阴工学院',
    counties: [{ code: '320803', zh: '淮安区' }, { code: '320812', zh: '清江浦区' }, { code: '320830', zh: '盱眙县' }],
  },
  {
    code: '320900', zh: '盐城市', en: 'Yancheng', short: '盐城', institution: '盐城工学院',
    counties: [{ code: '320902', zh: '亭湖区' }, { code: '320904', zh: '大丰区' }, { code: '320924', zh: '射阳县' }, { code: '320981', zh: '东台市' }],
  },
  {
    code: '321000', zh: '扬州市', en: 'Yangzhou', short: '扬州', institution: '扬州大学',
    counties: [{ code: '321003', zh: '邗江区' }, { code: '321012', zh: '江都区' }, { code: '321084', zh: '高邮市' }],
  },
  {
    code: '321100', zh: '镇江市', en: 'Zhenjiang', short: '镇江', institution: '江苏大学',
    counties: [{ code: '321102', zh: '京口区' }, { code: '321181', zh: '丹阳市' }, { code: '321182', zh: '扬中市' }, { code: '321183', zh: '句容市' }],
  },
  {
    code: '321200', zh: '泰州市', en: 'Taizhou', short: '泰州', institution: '泰州学院',
    counties: [{ code: '321202', zh: '海陵区' }, { code: '321204', zh: '姜堰区' }, { code: '321281', zh: '兴化市' }, { code: '321282', zh: '靖江市' }],
  },
  {
    code: '321300', zh: '宿迁市', en: 'Suqian', short: '宿迁', institution: '宿迁学院',
    counties: [{ code: '321302', zh: '宿城区' }, { code: '321322', zh: '沭阳县' }, { code: '321323', zh: '泗阳县' }],
  },
];

/** The city of a code, e.g. for a summary row. */
export function demoCity(code: string): DemoCity {
  const city = demoCities.find((c) => c.code === code);
  if (!city) throw new Error(`不是江苏省设区市代码 / not a Jiangsu city code: ${code}`);
  return city;
}
