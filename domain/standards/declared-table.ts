import { Type, type Static } from '@sinclair/typebox';
import { LimitReferenceSchema, RangeReferenceSchema, type ComparisonTable } from './comparison-table.ts';
import { normalizeIndicatorKey } from './indicator-key.ts';

const Text = (description: string) => Type.String({ minLength: 1, maxLength: 200, pattern: '\\S', description });

/** One limit row of the enterprise's table: its standard's requirement and the references it compares with. */
const DeclaredLimitRow = Type.Object(
  {
    name: Text('指标名称 / indicator'),
    unit: Type.String({ maxLength: 40, description: '单位 / unit' }),
    direction: Type.Union([Type.Literal('HIGHER_BETTER'), Type.Literal('LOWER_BETTER')], { description: '越高越好或越低越好 / higher or lower is better' }),
    enterpriseValue: Type.Number({ description: '企业标准规定值 / the enterprise standard’s requirement' }),
    references: Type.Array(LimitReferenceSchema, { maxItems: 10, description: '对比的国家、行业、国际标准 / the national, industry and international standards compared' }),
  },
  { additionalProperties: false },
);

/** One band row (e.g. pH 6.5–7.5). */
const DeclaredRangeRow = Type.Object(
  {
    name: Text('指标名称 / indicator'),
    unit: Type.String({ maxLength: 40, description: '单位 / unit' }),
    direction: Type.Literal('RANGE'),
    enterpriseMin: Type.Number({ description: '企业标准下限 / lower bound' }),
    enterpriseMax: Type.Number({ description: '企业标准上限 / upper bound' }),
    references: Type.Array(RangeReferenceSchema, { maxItems: 10 }),
  },
  { additionalProperties: false },
);

/**
 * 附件 2 主要性能指标对比表: the table the enterprise supplies with its declaration. The
 * standardization institute no longer types it in; the automatic comparison reads it as filed.
 */
export const DeclaredComparisonTableSchema = Type.Object(
  {
    enterpriseStandardCode: Text('执行的企业标准编号，如 Q/320100 ABC 001-2023 / the enterprise standard the product is made to'),
    indicators: Type.Array(Type.Union([DeclaredLimitRow, DeclaredRangeRow]), {
      minItems: 1,
      maxItems: 30,
      description: '主要性能指标 / the key performance indicators',
    }),
  },
  { additionalProperties: false, description: '附件2 主要性能指标对比表 / Attachment 2, the key performance comparison table' },
);

/** The enterprise's Attachment 2 as filed. */
export type DeclaredComparisonTable = Static<typeof DeclaredComparisonTableSchema>;

/**
 * The filed table as the advancement evaluation reads it. An indicator's key is its name in the
 * normalised form, so two enterprises naming an indicator alike declare the same one [ASSUMED].
 */
export function comparisonTableOf(declarationNumber: string, enterpriseId: string, declared: DeclaredComparisonTable): ComparisonTable {
  return {
    declarationNumber,
    enterpriseId,
    enterpriseStandardCode: declared.enterpriseStandardCode,
    indicators: declared.indicators.map((row) => ({ ...row, key: normalizeIndicatorKey(row.name) })),
  };
}
