import { withCheckCharacters } from '../../domain/directory/credit-code.ts';
import type { CampaignRuleSet } from '../../domain/campaign/rule-set.ts';
import { mulberry32, seedFor, shuffled } from '../../domain/panels/seeded-random.ts';
import { demoCities, type DemoCity } from './cities.ts';
import type { CertificationBodySeed, EnterpriseSeed, ExpertSeed, MemberUnitSeed } from './directory.ts';
import { carriedOverFacts, eligibleFacts, ineligibleFactsFor, type Category } from './facts.ts';

/**
 * The generated province of `jingpin demo`: enterprises over the 13 cities with realistic names
 * and products, what each will meet in the cycle (ineligible, not recommended, carried over from
 * last year, …), experts with a few declared ties, the alliance's certification bodies, and last
 * year's key-cultivation list. The same seed always gives the same province.
 */

export type Channel = 'COUNTY' | 'MEMBER_UNIT' | 'CARRY_OVER';

export interface DemoEnterprise extends EnterpriseSeed {
  readonly category: Category;
  readonly productName: string;
  readonly channel: Channel;
  /** For a member unit's supplementary recommendation: which unit (its id in {@link demoMemberUnits}). */
  readonly memberUnit?: string;
  /** The facts declared this year (a carry-over: the corrected facts the enterprise supplies). */
  readonly facts: Record<string, unknown>;
  /** How good the product is, from 0 to 1; the experts' marks follow it. */
  readonly merit: number;
  /** Which of the declaration window's submission days the enterprise declares on (0-based). */
  readonly submissionDay: number;
  readonly plan: {
    /** Fails a hard rule: the county finds it ineligible. */
    readonly ineligible: boolean;
    /** Passes the county, but the city does not put it forward. */
    readonly notRecommended: boolean;
  };
}

/** Last year's declaration of an enterprise, for the seeded 2022 key-cultivation list. */
export interface PreviousDeclaration {
  readonly number: string;
  readonly enterpriseId: string;
  readonly productName: string;
  readonly category: Category;
  readonly facts: Record<string, unknown>;
  readonly outcome: 'ANNOUNCED' | 'NOT_CERTIFIED' | 'STANDARD_NOT_ADVANCED' | 'NOT_SELECTED';
  readonly selected: boolean;
  readonly rank: number;
  readonly score: number;
}

export interface DemoPopulation {
  readonly seed: number;
  readonly campaignYear: number;
  /** The enterprises that declare this year, one product each (the carried-over ones by carry-over). */
  readonly enterprises: readonly DemoEnterprise[];
  /** Enterprises of last year's list that do not declare this year (certified, or not selected). */
  readonly previousOnly: readonly EnterpriseSeed[];
  readonly previousYear: readonly PreviousDeclaration[];
  readonly experts: readonly ExpertSeed[];
  readonly certificationBodies: readonly CertificationBodySeed[];
}

/** A keyed, seeded random source: the same seed and key always give the same stream. */
export type Random = (key: string) => () => number;

export function seededRandom(seed: number): Random {
  return (key) => mulberry32(seedFor(seed, key));
}

/** `count` items drawn without replacement, reproducibly for the seed and key. */
export function pick<T>(random: Random, key: string, items: readonly T[], count: number): T[] {
  return shuffled(items, random(key)).slice(0, Math.max(0, Math.min(count, items.length)));
}

/** "A few" of `n`: about `share` of them, at least one once there are enough to spare one. */
export function few(n: number, share: number, atLeastFrom = 5): number {
  return n < atLeastFrom ? 0 : Math.max(1, Math.round(n * share));
}

// Share of the declarations by city, roughly as the 2024 list (Suzhou about a fifth).
const cityWeights: Record<string, number> = {
  '320100': 10, '320200': 10, '320300': 6, '320400': 8, '320500': 20, '320600': 8, '320700': 4,
  '320800': 4, '320900': 6, '321000': 6, '321100': 5, '321200': 6, '321300': 4,
};

interface Industry {
  readonly word: string;
  readonly products: readonly string[];
  readonly goods?: 'CONSUMER_GOODS' | 'PRODUCER_GOODS';
}

const industries: Record<Category, readonly Industry[]> = {
  MANUFACTURING: [
    { word: '精密机械', products: ['高精度数控车床', '精密滚珠丝杠副'], goods: 'PRODUCER_GOODS' },
    { word: '电子科技', products: ['车规级功率半导体模块', '高频多层印制电路板'], goods: 'PRODUCER_GOODS' },
    { word: '新材料', products: ['高性能碳纤维复合材料', '特种工程塑料粒子'], goods: 'PRODUCER_GOODS' },
    { word: '纺织', products: ['高支精梳棉纱', '功能性涤纶面料'], goods: 'CONSUMER_GOODS' },
    { word: '丝绸', products: ['桑蚕丝绸面料', '真丝家纺四件套'], goods: 'CONSUMER_GOODS' },
    { word: '智能装备', products: ['工业机器人精密减速器', '智能仓储输送系统'], goods: 'PRODUCER_GOODS' },
    { word: '电缆', products: ['超高压交联聚乙烯绝缘电缆', '海底光电复合缆'], goods: 'PRODUCER_GOODS' },
    { word: '医疗器械', products: ['一次性使用输液器', '医用电子内窥镜'], goods: 'CONSUMER_GOODS' },
    { word: '光伏科技', products: ['高效单晶硅光伏组件', '光伏并网逆变器'], goods: 'PRODUCER_GOODS' },
    { word: '重工机械', products: ['全地面起重机', '中型液压挖掘机'], goods: 'PRODUCER_GOODS' },
    { word: '食品', products: ['低温巴氏杀菌乳', '酱卤肉制品'], goods: 'CONSUMER_GOODS' },
    { word: '酒业', products: ['绵柔型白酒', '手工黄酒'], goods: 'CONSUMER_GOODS' },
    { word: '电器', products: ['变频空调压缩机', '智能电饭煲'], goods: 'CONSUMER_GOODS' },
    { word: '化纤', products: ['差别化涤纶长丝', '再生纤维素纤维'], goods: 'PRODUCER_GOODS' },
    { word: '汽车部件', products: ['新能源汽车电驱动总成', '汽车制动卡钳'], goods: 'PRODUCER_GOODS' },
    { word: '药业', products: ['注射用头孢类抗生素', '体外诊断试剂盒'], goods: 'CONSUMER_GOODS' },
  ],
  AGRICULTURE: [
    { word: '农业发展', products: ['优质粳稻大米', '富硒大米'] },
    { word: '茶业', products: ['炒青绿茶', '手工白茶'] },
    { word: '果业', products: ['水蜜桃', '翠冠梨'] },
    { word: '生态农业', products: ['有机蔬菜', '设施草莓'] },
    { word: '苗木', products: ['绿化苗木', '盆景花卉'] },
    { word: '中药材', products: ['道地银杏叶', '白芍饮片原料'] },
  ],
  SERVICE: [
    { word: '物流', products: ['冷链物流服务', '城市共同配送服务'] },
    { word: '文化旅游', products: ['古镇文化旅游服务', '乡村旅游服务'] },
    { word: '检测技术', products: ['产品检验检测服务', '计量校准服务'] },
    { word: '信息技术', products: ['工业互联网平台服务', '软件运维服务'] },
    { word: '养老服务', products: ['社区居家养老服务'] },
    { word: '酒店管理', products: ['精品酒店住宿服务'] },
    { word: '餐饮管理', products: ['淮扬菜餐饮服务'] },
  ],
};

// Characters that brand names are made of; two of them make a brand such as 鑫晟 or 嘉润.
const brandCharacters = [...'恒华鑫宏达金盛新泰康正德永丰凯博安明信中润通嘉瑞源祥隆兴昌辰誉创沃晟'];
const surnames = [...'王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎'];
const givenNames = ['建国', '志强', '秀英', '晓明', '海燕', '文静', '立新', '国平', '丽华', '振宇', '敏', '伟', '静怡', '俊杰', '红梅', '新民', '雪松', '婷', '学军', '永红', '慧', '德华', '春燕', '家骏'];

export const memberUnits: Record<Category, readonly string[]> = {
  MANUFACTURING: ['省工业和信息化厅 / Provincial Department of Industry and Information Technology', '省工商联 / Provincial Federation of Industry and Commerce'],
  AGRICULTURE: ['省农业农村厅 / Provincial Department of Agriculture and Rural Affairs'],
  SERVICE: ['省商务厅 / Provincial Department of Commerce', '省文化和旅游厅 / Provincial Department of Culture and Tourism'],
};

/** The member units as directory records, asked for their opinion in the comprehensive review. */
export const demoMemberUnits: readonly MemberUnitSeed[] = [...new Set(Object.values(memberUnits).flat())].map((name, i) => ({ id: `MU-${String(i + 1).padStart(2, '0')}`, name }));

/** The directory id of the member unit of this name. */
function memberUnitId(name: string): string {
  return demoMemberUnits.find((unit) => unit.name === name)!.id;
}

/** The alliance's certification bodies (fictitious, for the demo). */
export const demoCertificationBodies: readonly CertificationBodySeed[] = [
  { id: 'CB01', name: '江苏精诚质量认证有限公司 / Jingcheng Quality Certification' },
  { id: 'CB02', name: '苏标检验认证集团有限公司 / Subiao Inspection and Certification Group' },
  { id: 'CB03', name: '金陵标准认证中心有限公司 / Jinling Standards Certification Centre' },
  { id: 'CB04', name: '太湖质量认证有限公司 / Taihu Quality Certification' },
  { id: 'CB05', name: '江淮检测认证有限公司 / Jianghuai Testing and Certification' },
];

// The characters of a unified social credit code (GB 32100-2015).
const usccCharacters = '0123456789ABCDEFGHJKLMNPQRTUWXY';

function randomCode(next: () => number, length: number, alphabet = usccCharacters): string {
  return Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]!).join('');
}

function weightedCity(next: () => number): DemoCity {
  const total = Object.values(cityWeights).reduce((a, b) => a + b, 0);
  let r = next() * total;
  for (const city of demoCities) {
    r -= cityWeights[city.code]!;
    if (r < 0) return city;
  }
  return demoCities[demoCities.length - 1]!;
}

function category(next: () => number): Category {
  const r = next();
  return r < 0.7 ? 'MANUFACTURING' : r < 0.85 ? 'AGRICULTURE' : 'SERVICE';
}

function of<T>(items: readonly T[], next: () => number): T {
  return items[Math.floor(next() * items.length)]!;
}

/** The thresholds of the campaign's rule set that generated ineligible facts fall short of (the 2023 figures where it has none). */
function thresholdsOf(ruleSet: CampaignRuleSet | undefined) {
  const sales = ruleSet?.sales;
  return {
    agriLeadingMinYuan: sales?.agriLeadingMinYuan.known ? sales.agriLeadingMinYuan.value : 50_000_000,
    consumerGoodsMinYuan: sales?.consumerGoodsMinYuan.known ? sales.consumerGoodsMinYuan.value : 200_000_000,
  };
}

interface Identity {
  readonly seed: EnterpriseSeed;
  readonly category: Category;
  readonly brand: string;
  readonly industry: Industry;
}

/** Generates an enterprise with a name and code not used before in this province. */
function newIdentity(next: () => number, city: DemoCity, cat: Category, names: Set<string>, ids: Set<string>): Identity {
  for (;;) {
    const brand = of(brandCharacters, next) + of(brandCharacters, next);
    const industry = of(industries[cat], next);
    const r = next();
    const suffix = r < 0.6 ? '有限公司' : r < 0.9 ? '股份有限公司' : '集团有限公司';
    const name = `${next() < 0.2 ? '江苏' : city.short}${brand}${industry.word}${suffix}`;
    if (brand[0] === brand[1] || names.has(name)) continue;
    const county = of(city.counties, next);
    // As many draws as before (the seed's province stays the same); both check characters computed.
    const id = withCheckCharacters(`91${county.code}MA${randomCode(next, 7).slice(0, 6)}`);
    if (ids.has(id)) continue;
    names.add(name);
    ids.add(id);
    return { seed: { id, name, cityCode: city.code, countyCode: county.code }, category: cat, brand, industry };
  }
}

function factsFor(identity: Identity, campaignYear: number, n: number, ineligible: boolean, ruleSet: CampaignRuleSet | undefined): Record<string, unknown> {
  const facts = ineligible ? ineligibleFactsFor(identity.category, campaignYear, n, thresholdsOf(ruleSet)) : eligibleFacts(identity.category, campaignYear, n);
  if (identity.category !== 'MANUFACTURING' || !identity.industry.goods) return facts;
  return { ...facts, manufacturing: { ...(facts.manufacturing as object), productClass: identity.industry.goods } };
}

/**
 * The province for `count` declaring enterprises. About 4 % each are carried over from last
 * year's key-cultivation list, recommended by a member unit, ineligible, or not recommended by
 * their city; the rest declare through their county. Every city has an enterprise once there
 * are 13 or more.
 */
export function generatePopulation(options: { enterprises: number; seed: number; campaignYear?: number; submissionDays?: number; ruleSet?: CampaignRuleSet }): DemoPopulation {
  const { enterprises: count, seed } = options;
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`企业数必须是正整数 / the number of enterprises must be a whole number ≥ 1, got ${count}`);
  const campaignYear = options.campaignYear ?? 2023;
  const submissionDays = options.submissionDays ?? 4;
  const random = seededRandom(seed);
  const next = random('enterprises');
  const names = new Set<string>();
  const ids = new Set<string>();

  const identities: Identity[] = [];
  for (let i = 0; i < count; i++) {
    const city = i < demoCities.length && count >= demoCities.length ? demoCities[i]! : weightedCity(next);
    identities.push(newIdentity(next, city, category(next), names, ids));
  }

  // Roles go to enterprises in a shuffled order, so no city is favoured.
  const order = shuffled([...identities.keys()], random('roles'));
  const carryOver = few(count, 0.04, 10);
  const memberUnit = few(count, 0.04, 10);
  const ineligible = few(count, 0.04);
  const notRecommended = few(count, 0.04);
  const roleOf = new Map<number, 'CARRY_OVER' | 'MEMBER_UNIT' | 'INELIGIBLE' | 'NOT_RECOMMENDED'>();
  let at = 0;
  for (const [role, n] of [['CARRY_OVER', carryOver], ['MEMBER_UNIT', memberUnit], ['INELIGIBLE', ineligible], ['NOT_RECOMMENDED', notRecommended]] as const) {
    for (let k = 0; k < n && at < order.length; k++) roleOf.set(order[at++]!, role);
  }

  const merit = random('merit');
  const days = random('submission-days');
  const products = random('products');
  const enterprises: DemoEnterprise[] = identities.map((identity, i) => {
    const role = roleOf.get(i);
    const channel: Channel = role === 'CARRY_OVER' ? 'CARRY_OVER' : role === 'MEMBER_UNIT' ? 'MEMBER_UNIT' : 'COUNTY';
    return {
      ...identity.seed,
      category: identity.category,
      productName: `${identity.brand}牌${of(identity.industry.products, products)}`,
      channel,
      ...(channel === 'MEMBER_UNIT' ? { memberUnit: memberUnitId(of(memberUnits[identity.category], products)) } : {}),
      facts: channel === 'CARRY_OVER' ? carriedOverFacts(identity.category, campaignYear, i + 1) : factsFor(identity, campaignYear, i + 1, role === 'INELIGIBLE', options.ruleSet),
      merit: merit(),
      submissionDay: Math.floor(days() * submissionDays),
      plan: { ineligible: role === 'INELIGIBLE', notRecommended: role === 'NOT_RECOMMENDED' },
    };
  });
  const carried = enterprises.filter((e) => e.channel === 'CARRY_OVER');

  const { previousOnly, previousYear } = previousKeyList(random, campaignYear - 1, carried, carried.length > 0 ? 3 : 0, names, ids);
  return {
    seed,
    campaignYear,
    enterprises,
    previousOnly,
    previousYear,
    experts: generateExperts(random, enterprises, count),
    certificationBodies: demoCertificationBodies,
  };
}

/**
 * Last year's key-cultivation list: the carried-over enterprises (on the list, not certified),
 * and a few that do not declare again (two certified, one not selected), so the carry-over has
 * something to leave out.
 */
function previousKeyList(random: Random, year: number, carried: readonly DemoEnterprise[], others: number, names: Set<string>, ids: Set<string>) {
  const next = random('previous-year');
  const previousOnly: EnterpriseSeed[] = [];
  const previousYear: PreviousDeclaration[] = [];
  const perCity = new Map<string, number>();
  const numberFor = (cityCode: string) => {
    const n = (perCity.get(cityCode) ?? 0) + 1;
    perCity.set(cityCode, n);
    return `JP-${year}-${cityCode}-${String(n).padStart(4, '0')}`;
  };
  let rank = 0;
  for (const [i, e] of carried.entries()) {
    previousYear.push({
      number: numberFor(e.cityCode),
      enterpriseId: e.id,
      productName: e.productName,
      category: e.category,
      facts: eligibleFacts(e.category, year, 200 + i),
      outcome: i % 2 === 0 ? 'NOT_CERTIFIED' : 'STANDARD_NOT_ADVANCED',
      selected: true,
      rank: ++rank,
      score: 90 - rank,
    });
  }
  for (let k = 0; k < others; k++) {
    const identity = newIdentity(next, weightedCity(next), 'MANUFACTURING', names, ids);
    previousOnly.push(identity.seed);
    const selected = k < others - 1;
    previousYear.push({
      number: numberFor(identity.seed.cityCode),
      enterpriseId: identity.seed.id,
      productName: `${identity.brand}牌${identity.industry.products[0]}`,
      category: identity.category,
      facts: eligibleFacts(identity.category, year, 300 + k),
      outcome: selected ? 'ANNOUNCED' : 'NOT_SELECTED',
      selected,
      rank: ++rank,
      score: selected ? 90 - rank : 60,
    });
  }
  previousYear.sort((a, b) => a.rank - b.rank);
  return { previousOnly, previousYear };
}

/**
 * Three experts per city, from the city's university or institute, with one or two categories
 * each; a few declare a tie (consulting, certifying, a relative) to an enterprise of another
 * city, and one is the chief engineer of a declaring enterprise.
 */
function generateExperts(random: Random, enterprises: readonly DemoEnterprise[], count: number): ExpertSeed[] {
  const next = random('experts');
  const experts: ExpertSeed[] = [];
  const usedNames = new Set<string>();
  const personName = () => {
    for (;;) {
      const name = of(surnames, next) + of(givenNames, next);
      if (!usedNames.has(name)) {
        usedNames.add(name);
        return name;
      }
    }
  };
  for (const [c, city] of demoCities.entries()) {
    const employerId = withCheckCharacters(`12${city.code}${randomCode(next, 9, '0123456789').slice(0, 8)}`);
    const categories: Category[][] = [['MANUFACTURING'], ['MANUFACTURING', 'SERVICE'], ['AGRICULTURE', c % 2 === 0 ? 'SERVICE' : 'MANUFACTURING']];
    for (const [j, cats] of categories.entries()) {
      experts.push({ id: `EXP-${city.code}-${j + 1}`, name: `${personName()}（${city.institution}）`, cityCode: city.code, employerId, employerName: city.institution, categories: cats });
    }
  }
  const kinds = ['CONSULTS', 'CERTIFIES', 'RELATED'] as const;
  const tied = pick(random, 'ties', experts, few(count, 0.03, 1));
  for (const [k, expert] of tied.entries()) {
    const others = enterprises.filter((e) => e.cityCode !== expert.cityCode);
    const enterprise = pick(random, `tie-${expert.id}`, others, 1)[0];
    if (!enterprise) continue;
    experts[experts.indexOf(expert)] = { ...expert, ties: [{ enterpriseId: enterprise.id, kind: kinds[k % kinds.length]! }] };
  }
  const employer = count >= 10 ? pick(random, 'chief-engineer', enterprises, 1)[0] : undefined;
  if (employer) {
    experts.push({ id: `EXP-${employer.cityCode}-E`, name: `${personName()}（企业总工程师 / chief engineer）`, cityCode: employer.cityCode, employerId: employer.id, employerName: employer.name, categories: [employer.category] });
  }
  return experts;
}
