import { Type, type Static } from '@sinclair/typebox';
import { CategorySchema } from '../scoring/category.ts';

const Identifier = Type.String({ minLength: 1, pattern: '\\S' });

/**
 * A six-digit administrative division code (GB/T 2260), city or county level: 320500 Suzhou,
 * 320581 Changshu (a county-level city of Suzhou).
 */
const DivisionCode = Type.String({ pattern: '^\\d{6}$', description: 'GB/T 2260 行政区划代码 / administrative division code' });

/** How an expert is tied to an enterprise: consults for it, certifies it, or is related to it (kin or other interest). */
export const TieKindSchema = Type.Union([Type.Literal('CONSULTS'), Type.Literal('CERTIFIES'), Type.Literal('RELATED')]);

/** A tie an expert declares in the conflict-of-interest (回避) declaration. */
export const ExpertTieSchema = Type.Object({ enterpriseId: Identifier, kind: TieKindSchema });

/** A declaration awaiting expert comparison. */
export const PanelDeclarationSchema = Type.Object({
  number: Identifier,
  /** The enterprise's identifier, in the same scheme as experts' employer and ties (e.g. its unified social credit code). */
  enterpriseId: Identifier,
  enterpriseCityCode: DivisionCode,
  category: CategorySchema,
});

/** An expert in the provincial pool. */
export const PanelExpertSchema = Type.Object({
  id: Identifier,
  name: Identifier,
  cityCode: DivisionCode,
  /** The employer's identifier, compared with declarations' enterpriseId. */
  employerId: Identifier,
  ties: Type.Array(ExpertTieSchema),
  categories: Type.Array(CategorySchema, { minItems: 1 }),
});

/** A request to draw one panel per declaration. */
export const PanelRequestSchema = Type.Object({
  declarations: Type.Array(PanelDeclarationSchema),
  experts: Type.Array(PanelExpertSchema),
  panelSize: Type.Integer({ minimum: 1 }),
  /** Substitutes drawn after the panel, in call-up order; default 2. */
  substituteCount: Type.Optional(Type.Integer({ minimum: 0 })),
  /** The recorded seed of the draw, an unsigned 32-bit integer. */
  seed: Type.Integer({ minimum: 0, maximum: 4_294_967_295 }),
});

/** A tie kind. */
export type TieKind = Static<typeof TieKindSchema>;
/** A declared tie. */
export type ExpertTie = Static<typeof ExpertTieSchema>;
/** A declaration to be reviewed. */
export type PanelDeclaration = Static<typeof PanelDeclarationSchema>;
/** An expert of the pool. */
export type PanelExpert = Static<typeof PanelExpertSchema>;
/** The input of drawPanels. */
export type PanelRequest = Static<typeof PanelRequestSchema>;
