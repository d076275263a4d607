import type { DeclaredComparisonTable } from '../../domain/standards/declared-table.ts';

type Category = 'AGRICULTURE' | 'MANUFACTURING' | 'SERVICE';

/**
 * The key performance comparison table (Att. 2) a generated enterprise files with its
 * declaration (facts.standardComparison): indicators of the product's category against national,
 * industry or international standards. An advanced standard beats each reference; one that is
 * not falls short on its first indicator. A few declare an indicator no standard sets (首创
 * "first"), which the automatic comparison flags.
 */
interface Indicator {
  readonly name: string;
  readonly unit: string;
  readonly direction: 'HIGHER_BETTER' | 'LOWER_BETTER';
  readonly reference: { readonly level: 'national' | 'industry' | 'international'; readonly code: string; readonly value: number };
}

const indicators: Record<Category, readonly Indicator[]> = {
  MANUFACTURING: [
    { name: '抗拉强度 / tensile strength', unit: 'MPa', direction: 'HIGHER_BETTER', reference: { level: 'national', code: 'GB/T 228.1-2021', value: 520 } },
    { name: '定位精度 / positioning accuracy', unit: 'mm', direction: 'LOWER_BETTER', reference: { level: 'national', code: 'GB/T 17421.2-2016', value: 0.01 } },
    { name: '平均无故障工作时间 / mean time between failures', unit: 'h', direction: 'HIGHER_BETTER', reference: { level: 'industry', code: 'JB/T 13566-2018', value: 2000 } },
    { name: '能效比 / energy efficiency ratio', unit: 'W/W', direction: 'HIGHER_BETTER', reference: { level: 'national', code: 'GB 21455-2019', value: 5 } },
    { name: '绝缘电阻 / insulation resistance', unit: 'MΩ·km', direction: 'HIGHER_BETTER', reference: { level: 'international', code: 'IEC 60502-2:2014', value: 3670 } },
  ],
  AGRICULTURE: [
    { name: '农药残留（毒死蜱）/ pesticide residue (chlorpyrifos)', unit: 'mg/kg', direction: 'LOWER_BETTER', reference: { level: 'national', code: 'GB 2763-2021', value: 0.5 } },
    { name: '垩白度 / chalkiness', unit: '%', direction: 'LOWER_BETTER', reference: { level: 'national', code: 'GB/T 17891-2017', value: 5 } },
    { name: '水浸出物 / water extract', unit: '%', direction: 'HIGHER_BETTER', reference: { level: 'national', code: 'GB/T 14456.1-2017', value: 34 } },
  ],
  SERVICE: [
    { name: '顾客满意度 / customer satisfaction', unit: '分 / points', direction: 'HIGHER_BETTER', reference: { level: 'industry', code: 'SB/T 10401-2006', value: 85 } },
    { name: '准时交付率 / on-time delivery rate', unit: '%', direction: 'HIGHER_BETTER', reference: { level: 'national', code: 'GB/T 28577-2021', value: 95 } },
    { name: '投诉处理时限 / complaint handling time', unit: 'h', direction: 'LOWER_BETTER', reference: { level: 'industry', code: 'SB/T 11071-2013', value: 48 } },
  ],
};

/** Indicators no standard sets yet; an enterprise declaring one is "first" on it. */
const novel: readonly Omit<Indicator, 'reference'>[] = [
  { name: '产品碳足迹 / product carbon footprint', unit: 'kgCO2e', direction: 'LOWER_BETTER' },
  { name: '可追溯信息覆盖率 / traceability coverage', unit: '%', direction: 'HIGHER_BETTER' },
  { name: '数字化服务响应时间 / digital service response time', unit: 'min', direction: 'LOWER_BETTER' },
];

const round = (value: number) => Math.round(value * 10_000) / 10_000;

/**
 * The table of one declaration. `r` in [0, 1) picks the indicators, the margin and the standard's
 * number; `advanced` says whether the enterprise standard beats its references.
 */
export function demoComparisonTable(options: { category: Category; campaignYear: number; r: number; advanced: boolean }): DeclaredComparisonTable {
  const { category, r, advanced } = options;
  const pool = indicators[category];
  const first = pool[Math.floor(r * pool.length)]!;
  const second = pool[(Math.floor(r * pool.length) + 1) % pool.length]!;
  const margin = 1.05 + ((r * 97) % 1) * 0.1;
  const valueOf = (i: Indicator, better: boolean) => {
    const factor = better ? margin : 0.9;
    return round(i.direction === 'HIGHER_BETTER' ? i.reference.value * factor : i.reference.value / factor);
  };
  const level = { national: 'NATIONAL', industry: 'INDUSTRY', international: 'INTERNATIONAL' } as const;
  const row = (i: Indicator, better: boolean): DeclaredComparisonTable['indicators'][number] => ({
    name: i.name,
    unit: i.unit,
    direction: i.direction,
    enterpriseValue: valueOf(i, better),
    references: [{ level: level[i.reference.level], standardCode: i.reference.code, value: i.reference.value }],
  });
  const rows = [row(first, advanced), row(second, true)];
  // About one in six declares an indicator no standard sets yet.
  if (r * 6 < 1) {
    const n = novel[Math.floor(r * 6 * novel.length)]!;
    rows.push({ name: n.name, unit: n.unit, direction: n.direction, enterpriseValue: n.direction === 'HIGHER_BETTER' ? 98 : 12, references: [] });
  }
  const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
  const code = Array.from({ length: 3 }, (_, k) => letters[Math.floor(((r * 1000 * (k + 1)) % 1) * letters.length)]).join('');
  return { enterpriseStandardCode: `Q/JS ${code} ${String(Math.floor(r * 1000)).padStart(3, '0')}-${options.campaignYear}`, indicators: rows };
}
