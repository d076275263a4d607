import { Type, type Static } from '@sinclair/typebox';

const Identifier = Type.String({ minLength: 1, pattern: '\\S' });

/**
 * Where a reference value comes from: a national standard (GB, GB/T), an industry standard
 * (行业标准: HB, JB, QB, …) or an international standard (ISO, IEC, …). Local (DB) and group
 * (T/) standards are not references of the comparison table (DOMAIN §4 Att. 2) [ASSUMED].
 */
export const ReferenceLevelSchema = Type.Union([Type.Literal('NATIONAL'), Type.Literal('INDUSTRY'), Type.Literal('INTERNATIONAL')]);

/** A reference limit: the value a GB / industry / international standard requires. */
export const LimitReferenceSchema = Type.Object({ level: ReferenceLevelSchema, standardCode: Identifier, value: Type.Number() });

/** A reference band: the values a standard allows, both bounds inclusive. */
export const RangeReferenceSchema = Type.Object({ level: ReferenceLevelSchema, standardCode: Identifier, min: Type.Number(), max: Type.Number() });

/**
 * An indicator with one limit: the enterprise standard's requirement (not a measured value),
 * higher-better (e.g. tensile strength ≥ 520 MPa) or lower-better (e.g. lead ≤ 0.1 mg/kg).
 * All values of a row are in its `unit` [ASSUMED: the institute converts before entry].
 */
export const LimitIndicatorSchema = Type.Object({
  /** A stable key for the indicator, the same across declarations (for the ONLY flag), e.g. "tensile-strength". */
  key: Identifier,
  name: Identifier,
  unit: Type.String(),
  direction: Type.Union([Type.Literal('HIGHER_BETTER'), Type.Literal('LOWER_BETTER')]),
  enterpriseValue: Type.Number(),
  references: Type.Array(LimitReferenceSchema),
});

/** An indicator that must stay in a band (e.g. pH 6.5–7.5): a narrower band is stricter. */
export const RangeIndicatorSchema = Type.Object({
  key: Identifier,
  name: Identifier,
  unit: Type.String(),
  direction: Type.Literal('RANGE'),
  enterpriseMin: Type.Number(),
  enterpriseMax: Type.Number(),
  references: Type.Array(RangeReferenceSchema),
});

/** The main key performance comparison table (主要关键性能指标对比表) of one declaration (Att. 2). */
export const ComparisonTableSchema = Type.Object({
  declarationNumber: Identifier,
  enterpriseId: Identifier,
  /** The enterprise standard's number, e.g. "Q/320500 ABC 001-2026". */
  enterpriseStandardCode: Identifier,
  indicators: Type.Array(Type.Union([LimitIndicatorSchema, RangeIndicatorSchema]), { minItems: 1 }),
});

/** Which indicators another declaration of the campaign's comparison set declares. */
export const ComparisonSetEntrySchema = Type.Object({
  declarationNumber: Identifier,
  enterpriseId: Identifier,
  indicatorKeys: Type.Array(Type.String()),
});

/** A reference level. */
export type ReferenceLevel = Static<typeof ReferenceLevelSchema>;
/** A reference limit. */
export type LimitReference = Static<typeof LimitReferenceSchema>;
/** A reference band. */
export type RangeReference = Static<typeof RangeReferenceSchema>;
/** A higher- or lower-better indicator. */
export type LimitIndicator = Static<typeof LimitIndicatorSchema>;
/** A band indicator. */
export type RangeIndicator = Static<typeof RangeIndicatorSchema>;
/** Any indicator row. */
export type Indicator = LimitIndicator | RangeIndicator;
/** A comparison table. */
export type ComparisonTable = Static<typeof ComparisonTableSchema>;
/** An entry of the comparison set. */
export type ComparisonSetEntry = Static<typeof ComparisonSetEntrySchema>;
