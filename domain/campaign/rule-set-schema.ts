import { Type, type TSchema } from '@sinclair/typebox';

// The one definition of a campaign rule set: the TypeScript type (rule-set.ts), the checks on a
// file the office writes (rule-set-document.ts) and docs/rule-set.schema.json all come from here.

const IsoDateSchema = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: '日期 YYYY-MM-DD / date YYYY-MM-DD' });

export const TextSchema = Type.Object(
  { zh: Type.String({ minLength: 1 }), en: Type.String({ minLength: 1 }) },
  { additionalProperties: false, description: '中文在前，英文在后 / Chinese first, English second' },
);

export const BasisSchema = Type.Union([Type.Literal('SEED'), Type.Literal('FOUND'), Type.Literal('ASSUMED')], {
  description: '出处：SEED 2023 年通知；FOUND 其他公开文件；ASSUMED 我们的假定 / where a figure comes from: the 2023 notice, another public document, or assumed',
});

/**
 * A figure of a rule set: known, with its value and where it comes from, or not seen in any
 * document, with a note saying which. The rules refuse to judge against an unseen figure.
 */
export function FigureSchema<T extends TSchema>(value: T) {
  return Type.Union([
    Type.Object({ known: Type.Literal(true), value, basis: BasisSchema }, { additionalProperties: false }),
    Type.Object({ known: Type.Literal(false), note: TextSchema }, { additionalProperties: false }),
  ]);
}

export const PriorityFlagSchema = Type.Union([
  Type.Literal('PRIORITY_STANDARDS'),
  Type.Literal('PRIORITY_STD_PILOT'),
  Type.Literal('PRIORITY_AGRI_EXTENSION'),
  Type.Literal('PRIORITY_TIME_HONOURED'),
  Type.Literal('CARRY_OVER'),
  Type.Literal('PRIORITY_FOCUS_INDUSTRY'),
]);

export const FocusIndustryListSchema = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 20, description: '申报数据 focusIndustryLists 中使用的代码，如 531 / the code a declaration names, e.g. 531' }),
    name: TextSchema,
  },
  { additionalProperties: false },
);

export const SalesBasisSchema = Type.Union([Type.Literal('DECLARED_PRODUCT'), Type.Literal('ENTERPRISE')]);

export const CategorySchema = Type.Union([Type.Literal('AGRICULTURE'), Type.Literal('MANUFACTURING'), Type.Literal('SERVICE')]);

/**
 * A condition of the notice no figure decides (e.g. agriculture's "good agricultural
 * infrastructure, technology extension and comprehensive service capabilities"): every
 * declaration of its categories gets a REFER reason (D8 row 3) naming it, and a person judges it.
 */
export const PersonJudgedConditionSchema = Type.Object(
  {
    code: Type.String({ pattern: '^[A-Z][A-Z0-9_]{1,39}$', description: '条件代码，如 AGRI_CAPABILITIES / the condition\'s code' }),
    categories: Type.Array(CategorySchema, { minItems: 1, uniqueItems: true, description: '适用的申报类别 / the categories it applies to' }),
    text: TextSchema,
    basis: BasisSchema,
  },
  { additionalProperties: false, description: 'D8 第3行：须人工判断的条件 / D8 row 3: a condition a person judges' },
);

/** What the rules ask as evidence beyond the notice's materials, and what a preference without its proof does. */
export const EvidenceRulesSchema = Type.Object(
  {
    serviceRankingProof: Type.Boolean({
      description: 'D7 第7行：服务业是否须附市场排名证明（2023 年通知未要求）/ D7 row 7: whether a service declaration must attach a market ranking proof (the 2023 notice asks none)',
    }),
    unprovenPreference: Type.Union([Type.Literal('DROP_PREFERENCE'), Type.Literal('INCOMPLETE')], {
      description:
        'D6：主张优先条件却未附证明时，DROP_PREFERENCE 不计该优先（申报不受影响），INCOMPLETE 作材料不全 / D6: a preference claimed without its proof is dropped (DROP_PREFERENCE, the declaration is unaffected) or makes the declaration incomplete (INCOMPLETE)',
    }),
    basis: BasisSchema,
  },
  { additionalProperties: false, description: '缺省：不要求服务业排名证明，未附证明的优先条件不计 / when absent: no service ranking proof, an unproven preference is dropped' },
);

const Yuan = (description: string) => Type.Integer({ minimum: 0, description: `${description}（元，≥）/ integer yuan, read as ≥` });
const Count = Type.Integer({ minimum: 0 });
const WorkingDays = (description: string) => Type.Integer({ minimum: 1, maximum: 250, description: `${description}（工作日）/ working days` });

/** The stages whose closing date a notice may set. */
export const StageDeadlinesSchema = Type.Object(
  {
    declarationOpens: Type.Optional(IsoDateSchema),
    declarationCloses: Type.Optional(IsoDateSchema),
    countyCheckDue: Type.Optional(IsoDateSchema),
    citySubmissionDue: Type.Optional(IsoDateSchema),
    expertComparisonDue: Type.Optional(IsoDateSchema),
    standardEvaluationDue: Type.Optional(IsoDateSchema),
    certificationDue: Type.Optional(IsoDateSchema),
  },
  { additionalProperties: false, description: '通知规定的各阶段截止日；未知的不写 / closing dates the notice sets; leave out what is not known' },
);

/** How long each stage runs when the office plans a campaign (`jingpin campaign plan`). */
export const StageWorkingDaysSchema = Type.Object(
  {
    citySubmission: WorkingDays('通知发布至设区市报送截止 / from the notice to the city submission deadline'),
    expertComparison: WorkingDays('设区市报送截止至专家比对完成 / from the city submission to the end of the expert panels'),
    certification: WorkingDays('专家比对完成至认证完成 / from the panels to the end of certification'),
    basis: BasisSchema,
  },
  { additionalProperties: false },
);

export const CampaignRuleSetSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String({ description: '编辑器用的 JSON Schema 位置 / where an editor finds this schema' })),
    campaignYear: Type.Integer({ minimum: 2018, maximum: 2100, description: '申报年度 / campaign year' }),
    version: Type.Integer({ minimum: 1, description: '版本：更正一个数值即为新版本 / version: a correction is a new version' }),
    notice: FigureSchema(
      Type.Object({ reference: Type.String({ minLength: 1, description: '通知文号，如 苏质委办〔2023〕1号 / notice reference' }), issuedOn: Type.Optional(IsoDateSchema) }, { additionalProperties: false }),
    ),
    salesReferenceYear: Type.Integer({ minimum: 2017, maximum: 2099, description: '销售额所属年度，即申报年度的上一年 / the year whose sales are judged: the campaign year minus one' }),
    minOperatingYears: FigureSchema(Type.Integer({ minimum: 0, maximum: 50, description: 'D2：农业、服务业正常经营年限 / D2: years of normal operation' })),
    mfgMinProductionYears: FigureSchema(Type.Integer({ minimum: 0, maximum: 50, description: 'D2：制造业量产年限 / D2: years of mass production' })),
    sales: Type.Object(
      {
        agriLeadingMinYuan: FigureSchema(Yuan('D4：农业龙头企业销售额 / D4: agricultural leading enterprise sales')),
        cooperativeMinYuan: FigureSchema(Yuan('D4：农民合作社销售额 / D4: farmers’ cooperative sales')),
        consumerGoodsMinYuan: FigureSchema(Yuan('D4：消费品销售额 / D4: consumer-goods sales')),
        producerGoodsMinYuan: FigureSchema(Yuan('D4：生产资料销售额 / D4: producer-goods sales')),
        manufacturingBasis: FigureSchema(SalesBasisSchema),
        loweredFloorYuan: Type.Object(
          {
            geographicalIndication: Type.Optional(Yuan('地理标志产品降低门槛的下限 / floor of the geographical-indication route')),
            littleGiant: Type.Optional(Yuan('专精特新“小巨人”降低门槛的下限 / floor of the little-giant route')),
            singleChampion: Type.Optional(Yuan('单项冠军降低门槛的下限 / floor of the single-champion route')),
          },
          { additionalProperties: false },
        ),
      },
      { additionalProperties: false },
    ),
    agriScale: FigureSchema(
      Type.Object(
        {
          contiguousAreaMu: Count,
          largeLivestockHeadPerYear: Count,
          pigSheepHeadPerYear: Count,
          poultryPerYear: Count,
          aquacultureWaterMu: Count,
          factoryOutputTonnesPerYear: Count,
        },
        { additionalProperties: false, description: 'D3：农业规模，均为 ≥ / D3: agricultural scale, each read as ≥' },
      ),
    ),
    generalConditionsBasis: BasisSchema,
    preferences: Type.Array(Type.Object({ flag: PriorityFlagSchema, basis: BasisSchema }, { additionalProperties: false }), {
      description: 'D6：本年度适用的优先条件 / D6: the preference rules this campaign has',
    }),
    focusIndustries: FigureSchema(Type.Array(FocusIndustryListSchema)),
    personJudged: Type.Optional(Type.Array(PersonJudgedConditionSchema, { description: 'D8 第3行：须人工判断的条件；缺省为无 / D8 row 3: conditions a person judges; none when absent' })),
    evidenceRules: Type.Optional(EvidenceRulesSchema),
    publicityWorkingDays: FigureSchema(WorkingDays('公示期 / publicity')),
    correctionWorkingDays: FigureSchema(WorkingDays('补正期限 / time to correct incomplete materials')),
    stageDeadlines: StageDeadlinesSchema,
    stageWorkingDays: StageWorkingDaysSchema,
  },
  { additionalProperties: false, title: '江苏精品年度规则集 / Jiangsu Quality campaign rule set' },
);
