import { Type, type Static, type TLiteral, type TSchema, type TUnion } from '@sinclair/typebox';
import { DeclaredComparisonTableSchema } from '../standards/declared-table.ts';

/**
 * The facts of one declaration that eligibility judges: ONE schema, from which the input type
 * derives and docs/eligibility-input.schema.json is generated (`npm run docs:schema`).
 * Facts are optional where a declaration may still lack them: a missing fact makes its rule
 * MISSING_EVIDENCE (the verdict INCOMPLETE), not an input error. Each field's `x-rules` names the
 * rules D1–D8 (docs/eligibility.md) that read it, so an input error can say which rule it breaks.
 */

/** The rules a field feeds; `CAMPAIGN` is the choice of rule set itself. */
export type RuleId = 'CAMPAIGN' | 'D1' | 'D2' | 'D3' | 'D4' | 'D5' | 'D6' | 'D7' | 'D8';

function usedBy(...rules: RuleId[]): { 'x-rules': RuleId[] } {
  return { 'x-rules': rules };
}

type Literals<T extends readonly string[]> = { -readonly [K in keyof T]: TLiteral<T[K]> };

// Keeps each value's literal type, so the static type is 'A' | 'B', not string.
function oneOf<const T extends readonly string[]>(values: T, options: Record<string, unknown>): TUnion<Literals<T>> {
  return Type.Union(
    values.map((value) => Type.Literal(value)),
    options,
  ) as unknown as TUnion<Literals<T>>;
}

const isoDate = (description: string, rules: RuleId[]) =>
  Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description, ...usedBy(...rules) });
const yuan = (description: string, rules: RuleId[]) => Type.Integer({ minimum: 0, description, ...usedBy(...rules) });
const fact = (description: string, rules: RuleId[]) => Type.Boolean({ description, ...usedBy(...rules) });

export const categories = ['AGRICULTURE', 'MANUFACTURING', 'SERVICE'] as const;
export const entityTypes = [
  'AGRI_LEADING_ENTERPRISE',
  'FARMER_COOPERATIVE',
  'INDUSTRY_LEADER',
  'LITTLE_GIANT',
  'SINGLE_CHAMPION',
  'SERVICE_ENTERPRISE',
  'REGIONAL_COMPREHENSIVE_SERVICE_INSTITUTION',
  'OTHER',
] as const;
export const evidenceKinds = [
  'ATTACHMENT_1_DECLARATION_FORM',
  'ATTACHMENT_2_STANDARDS_TABLE_WITH_COMPARISON',
  'ATTACHMENT_3_COMMITMENT_LETTER',
  'ENTERPRISE_STANDARD_DISCLOSURE',
  'BUSINESS_LICENCE',
  'TRADEMARK_REGISTRATION',
  'GEOGRAPHICAL_INDICATION_PROOF',
  'LITTLE_GIANT_RECOGNITION',
  'LEADING_TECHNOLOGY_PROOF',
  'SINGLE_CHAMPION_RECOGNITION',
  'MARKET_SHARE_PROOF',
  'SERVICE_MARKET_RANKING_PROOF',
  'PROVINCIAL_PROFIT_TAX_RANKING_PROOF',
  'STANDARD_DRAFTING_PROOF',
  'STANDARDISATION_PILOT_DESIGNATION',
  'AGRI_EXTENSION_DESIGNATION',
  'TIME_HONOURED_CERTIFICATE',
  'PRIOR_YEAR_RECORD',
  'INDUSTRY_CLASSIFICATION',
  'AUDITED_FINANCIAL_REPORT',
  'FINANCIAL_STATEMENTS',
] as const;

export type EvidenceKind = (typeof evidenceKinds)[number];

/**
 * Kinds filed once per year, each file with the year it reports on (`reportYear`): D7 row 5 asks
 * for the audited report of each year D4 and D5 use, so a file proves one year, not all.
 */
export const yearlyEvidenceKinds = ['AUDITED_FINANCIAL_REPORT', 'FINANCIAL_STATEMENTS'] as const satisfies readonly EvidenceKind[];
export type YearlyEvidenceKind = (typeof yearlyEvidenceKinds)[number];
export const isYearlyEvidenceKind = (kind: string): kind is YearlyEvidenceKind => (yearlyEvidenceKinds as readonly string[]).includes(kind);

const AgricultureFacts = Type.Object(
  {
    subIndustry: oneOf(['PLANTING', 'FORESTRY', 'LIVESTOCK', 'FISHERY', 'FACTORY_AGRICULTURE'], {
      description: '农业细分行业 / agricultural sub-industry',
      ...usedBy('D3'),
    }),
    contiguousAreaMu: Type.Optional(
      Type.Number({ minimum: 0, description: '集中连片种植（林）面积，亩 / contiguous planted area, mu', ...usedBy('D3') }),
    ),
    largeLivestockHeadPerYear: Type.Optional(
      Type.Integer({ minimum: 0, description: '大牲畜年出栏，头 / large livestock sold per year, head', ...usedBy('D3') }),
    ),
    pigSheepHeadPerYear: Type.Optional(
      Type.Integer({ minimum: 0, description: '猪、羊年出栏，头 / pigs and sheep sold per year, head', ...usedBy('D3') }),
    ),
    poultryPerYear: Type.Optional(
      Type.Integer({ minimum: 0, description: '家禽年出栏，羽 / poultry sold per year, birds', ...usedBy('D3') }),
    ),
    aquacultureWaterMu: Type.Optional(
      Type.Number({ minimum: 0, description: '养殖水面，亩 / aquaculture water area, mu', ...usedBy('D3') }),
    ),
    factoryOutputTonnesPerYear: Type.Optional(
      Type.Number({ minimum: 0, description: '工厂化生产年产量，吨 / factory production per year, tonnes', ...usedBy('D3') }),
    ),
    isGeographicalIndication: Type.Optional(
      fact('申报产品是地理标志产品，主张降低销售额门槛 / the product is a geographical indication, claiming the lowered sales threshold', ['D4']),
    ),
    provincialStandardisationPilot: Type.Optional(
      fact('省级及以上标准化试点示范单位 / provincial-or-above standardisation pilot', ['D6']),
    ),
    technologyExtensionUnit: Type.Optional(fact('农业技术推广单位 / technology-extension unit', ['D6'])),
  },
  { additionalProperties: false, description: '农业申报的事实（仅农业）/ facts of an agricultural declaration (agriculture only)', ...usedBy('D3') },
);

const ManufacturingFacts = Type.Object(
  {
    productClass: oneOf(['CONSUMER_GOODS', 'PRODUCER_GOODS'], {
      description: '消费品或生产资料 / consumer goods or producer goods',
      ...usedBy('D4'),
    }),
    registeredInJiangsu: Type.Optional(fact('在江苏省内注册 / registered in Jiangsu', ['D2'])),
    hasFixedProductionSite: Type.Optional(fact('有固定生产场所 / has a fixed production site', ['D2'])),
    massProductionStart: Type.Optional(isoDate('申报产品批量生产的开始日期 / date mass production of the declared product began', ['D2'])),
    internationalLeadingTechOrProcess: Type.Optional(
      fact('技术或工艺国际领先（专精特新“小巨人”降低门槛）/ internationally leading technology or process (little-giant lowered threshold)', ['D4']),
    ),
    goodChainExtension: Type.Optional(
      fact('产业链延伸好（专精特新“小巨人”降低门槛）/ good extension along the industrial chain (little-giant lowered threshold)', ['D4']),
    ),
    nationalTopMarketShareInSubsector: Type.Optional(
      fact('细分领域市场占有率全国领先（单项冠军降低门槛）/ nationally leading market share in its sub-sector (single-champion lowered threshold)', ['D4']),
    ),
    profitAndTaxYuan: Type.Optional(
      Type.Array(
        Type.Object(
          {
            year: Type.Integer({ description: '年度 / year', ...usedBy('D5') }),
            yuan: Type.Integer({ description: '利税，元（可为负）/ profit and tax, yuan (may be negative)', ...usedBy('D5') }),
          },
          { additionalProperties: false },
        ),
        { description: '经审计的利税，R-2 至 R 年 / audited profit and tax, years R-2 to R', ...usedBy('D5') },
      ),
    ),
    standardsDrafted: Type.Optional(
      Type.Array(
        Type.Object(
          {
            level: oneOf(['INTERNATIONAL', 'NATIONAL', 'INDUSTRY'], { description: '标准层级 / level of the standard', ...usedBy('D6') }),
            role: oneOf(['LEAD', 'PARTICIPANT'], { description: '主导或参与 / led or took part', ...usedBy('D6') }),
            code: Type.Optional(Type.String({ minLength: 1, description: '标准号 / standard number', ...usedBy('D6') })),
          },
          { additionalProperties: false },
        ),
        { description: '主导或参与制定的标准 / standards the enterprise led or took part in drafting', ...usedBy('D6') },
      ),
    ),
  },
  { additionalProperties: false, description: '制造业申报的事实（仅制造业）/ facts of a manufacturing declaration (manufacturing only)', ...usedBy('D2', 'D4', 'D5') },
);

export const EligibilityInputSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String({ description: '编辑器用的模式地址，不参与判断 / schema reference for editors; not judged' })),
    campaignYear: Type.Optional(
      Type.Integer({ description: '申报年度；如给出，必须与所选规则集一致 / campaign year; if given, must match the rule set chosen', ...usedBy('CAMPAIGN') }),
    ),
    declarationId: Type.Optional(Type.String({ minLength: 1, description: '申报编号 / declaration number' })),
    category: oneOf(categories, { description: '申报类别 / category', ...usedBy('D1', 'D2', 'D3', 'D4', 'D5', 'D7') }),
    entityType: oneOf(entityTypes, { description: '申报主体类型 / type of the declaring entity', ...usedBy('D1', 'D4') }),
    littleGiantLevel: Type.Optional(
      oneOf(['MUNICIPAL', 'PROVINCIAL', 'NATIONAL'], {
        description: '专精特新“小巨人”认定级别（仅 LITTLE_GIANT）/ level of the little-giant recognition (LITTLE_GIANT only)',
        ...usedBy('D1', 'D4'),
      }),
    ),
    establishedDate: Type.Optional(isoDate('依法成立日期（农业、服务业）/ date established by law (agriculture, services)', ['D2'])),
    normalOperation: Type.Optional(fact('正常经营 / operating normally', ['D2'])),
    agriculture: Type.Optional(AgricultureFacts),
    manufacturing: Type.Optional(ManufacturingFacts),
    sales: Type.Optional(
      Type.Object(
        {
          year: Type.Integer({ description: '销售额所属年度，须为 R（申报年度的上一年）/ year of the sales, must be R (the year before the campaign)', ...usedBy('D4') }),
          declaredProductYuan: Type.Optional(yuan('申报产品的销售额，元 / sales of the declared product, yuan', ['D4'])),
          enterpriseYuan: Type.Optional(yuan('企业销售额，元 / sales of the whole enterprise, yuan', ['D4'])),
        },
        { additionalProperties: false, description: 'R 年销售额 / sales in year R', ...usedBy('D4') },
      ),
    ),
    timeHonouredBrand: Type.Optional(fact('省级及以上老字号 / provincial-or-above time-honoured brand (老字号)', ['D6'])),
    carryOver: Type.Optional(
      Type.Object(
        {
          onPreviousKeyCultivationList: fact('在上一年度重点培育名单上 / on last campaign’s key-cultivation list', ['D6']),
          certified: fact('上一年度已获认证 / certified in the last campaign', ['D6']),
          gaps: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { description: '上一年度未达到的事项 / items unmet last year', ...usedBy('D6') })),
        },
        { additionalProperties: false, ...usedBy('D6') },
      ),
    ),
    focusIndustryLists: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), {
        uniqueItems: true,
        description: '产品所属的重点产业清单代码，如 531 / codes of the focus-industry lists the product belongs to, e.g. 531',
        ...usedBy('D6'),
      }),
    ),
    implementationStandard: Type.Optional(
      Type.Object(
        {
          code: Type.String({ minLength: 1, description: '明示的执行标准号 / the stated implementation standard', ...usedBy('D7') }),
          kind: oneOf(['NATIONAL', 'INDUSTRY', 'LOCAL', 'GROUP', 'ENTERPRISE'], { description: '标准类别 / kind of standard', ...usedBy('D7') }),
        },
        { additionalProperties: false, ...usedBy('D7') },
      ),
    ),
    // Read by no eligibility rule: the standardization institute's evaluation reads it (Att. 2).
    standardComparison: Type.Optional(DeclaredComparisonTableSchema),
    generalConditions: Type.Optional(
      Type.Object(
        {
          independentLegalPerson: Type.Optional(fact('独立法人 / independent legal person', ['D8'])),
          ownValidDomesticTrademark: Type.Optional(fact('拥有有效的国内注册商标 / owns a valid domestic registered trademark', ['D8'])),
          noQualitySafetyEnvViolationsLast3Years: Type.Optional(
            fact('近三年无质量、安全、环保违法记录 / no quality, safety or environmental violations in the last 3 years', ['D8']),
          ),
        },
        { additionalProperties: false, ...usedBy('D8') },
      ),
    ),
    // Like `evidence`, kept so earlier drafts and clients stay valid: the eligibility task replaces
    // it with the years of the reports attached (AUDITED_FINANCIAL_REPORT, FINANCIAL_STATEMENTS).
    financialReports: Type.Optional(
      Type.Object(
        {
          auditedYears: Type.Array(Type.Integer(), { uniqueItems: true, description: '已提交经审计财务报告的年度 / years with an audited financial report', ...usedBy('D7') }),
          statementYears: Type.Optional(
            Type.Array(Type.Integer(), { uniqueItems: true, description: '已提交财务报表（未审计）的年度 / years with (unaudited) financial statements', ...usedBy('D7') }),
          ),
        },
        { additionalProperties: false, ...usedBy('D7') },
      ),
    ),
    evidence: Type.Optional(
      Type.Array(oneOf(evidenceKinds, {}), {
        uniqueItems: true,
        // Kept so earlier drafts and clients stay valid: the eligibility task replaces it with the
        // kinds of the files attached (platform/cycle/evidence-on-file.ts) before any rule reads it.
        description: '申报人列出的证明材料；资格审查只认已上传的文件，不认此清单 / the materials the declarant lists; the eligibility check counts the files attached, not this list',
        ...usedBy('D4', 'D6', 'D7'),
      }),
    ),
  },
  {
    additionalProperties: false,
    title: '江苏精品申报资格审查输入 / Jiangsu Quality eligibility input',
    description: '一项申报的事实，供资格规则 D1–D8 判断 / the facts of one declaration, judged by eligibility rules D1–D8',
  },
);

export type EligibilityInput = Static<typeof EligibilityInputSchema>;

/** The rules the schema node at `path` (a JSON Pointer) feeds, from the nearest annotated node. */
export function rulesAt(path: string): RuleId[] {
  let node: TSchema | undefined = EligibilityInputSchema;
  let found: RuleId[] = [];
  for (const segment of path.split('/').filter((part) => part !== '')) {
    node = child(node, segment);
    if (!node) break;
    const rules = (node as { 'x-rules'?: RuleId[] })['x-rules'];
    if (rules) found = rules;
  }
  return found;
}

function child(node: TSchema | undefined, segment: string): TSchema | undefined {
  if (!node) return undefined;
  if (node['type'] === 'array') return node['items'] as TSchema;
  const properties = node['properties'] as Record<string, TSchema> | undefined;
  return properties?.[segment];
}
