import { Type, type Static } from '@sinclair/typebox';
import { ISO_DATE_TIME_WITH_OFFSET } from '../deadlines/beijing-time.ts';

const Identifier = Type.String({ minLength: 1, pattern: '\\S' });

/** Where a credit check was made (DOMAIN §7, likely sources [ASSUMED]). */
export const CreditSourceSchema = Type.Union([
  Type.Literal('CREDIT_CHINA'), // 信用中国
  Type.Literal('CREDIT_JIANGSU'), // 信用江苏
  Type.Literal('NECIPS'), // 国家企业信用信息公示系统
  Type.Literal('ENFORCEMENT_INFO'), // 中国执行信息公开网 (dishonest debtors)
  Type.Literal('SAMR_RECORDS'), // market-supervision spot checks and penalties
  Type.Literal('TAX_CREDIT'), // 纳税信用等级
  Type.Literal('MEMBER_DEPARTMENT'), // a member unit's opinion
  Type.Literal('OTHER'),
]);

/** What a check found: nothing, a record (失信、处罚 …), or something the enterprise must explain. */
export const CreditResultSchema = Type.Union([Type.Literal('CLEAN'), Type.Literal('HIT'), Type.Literal('NEEDS_EXPLANATION')]);

/**
 * One credit consultation record. Checks are made by hand or through an official API and
 * recorded; never scraped (DOMAIN §7). Every check carries its evidence, a clean one too: "we
 * looked and found nothing" must be provable [ASSUMED].
 */
export const CreditCheckSchema = Type.Object({
  id: Identifier,
  enterpriseId: Identifier,
  source: CreditSourceSchema,
  method: Type.Union([Type.Literal('MANUAL'), Type.Literal('API')]),
  queriedAt: Type.String({ pattern: ISO_DATE_TIME_WITH_OFFSET }),
  operator: Type.Object({ id: Identifier, name: Identifier }),
  result: CreditResultSchema,
  /** What was found, for a HIT or NEEDS_EXPLANATION. */
  finding: Type.Optional(Type.String()),
  /** Reference to the stored evidence (report, screenshot, API response). */
  evidenceRef: Identifier,
  /** The last Beijing date on which the check still counts; after it the check must be repeated. */
  expiresOn: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
});

/** A credit source. */
export type CreditSource = Static<typeof CreditSourceSchema>;
/** A check's result. */
export type CreditResult = Static<typeof CreditResultSchema>;
/** A credit consultation record. */
export type CreditCheck = Static<typeof CreditCheckSchema>;
