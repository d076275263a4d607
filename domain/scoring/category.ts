import { Type, type Static } from '@sinclair/typebox';

/**
 * The three declaration categories of the notice (DOMAIN §6.2). Panels use it for the experts'
 * fields of expertise, scoring for weights, quotas and per-category ranking.
 */
export const CategorySchema = Type.Union([Type.Literal('AGRICULTURE'), Type.Literal('MANUFACTURING'), Type.Literal('SERVICE')], {
  description: '申报类别：农业、制造业、服务业 / declaration category: agriculture, manufacturing, service',
});

/** A declaration category. */
export type Category = Static<typeof CategorySchema>;

/** Every category, in the notice's order. */
export const CATEGORIES: readonly Category[] = ['AGRICULTURE', 'MANUFACTURING', 'SERVICE'];

/** How messages name each category: Chinese first. */
export const CATEGORY_NAMES: Readonly<Record<Category, { readonly zh: string; readonly en: string }>> = {
  AGRICULTURE: { zh: '农业', en: 'agriculture' },
  MANUFACTURING: { zh: '制造业', en: 'manufacturing' },
  SERVICE: { zh: '服务业', en: 'service' },
};
