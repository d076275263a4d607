import { Type, type Static } from '@sinclair/typebox';
import { ISO_DATE_TIME_WITH_OFFSET } from '../deadlines/beijing-time.ts';
import { CategorySchema } from './category.ts';
import { CriterionScoresSchema } from './criteria.ts';

const Identifier = Type.String({ minLength: 1, pattern: '\\S' });

/** One expert's score sheet for one declaration. */
export const ExpertScoreSchema = Type.Object({
  declarationNumber: Identifier,
  expertId: Identifier,
  scores: CriterionScoresSchema,
});

/** A declaration to rank: its category and when it was submitted (the last tie-break). */
export const RankingDeclarationSchema = Type.Object({
  number: Identifier,
  category: CategorySchema,
  submittedAt: Type.String({ pattern: ISO_DATE_TIME_WITH_OFFSET }),
});

/** A score sheet. */
export type ExpertScore = Static<typeof ExpertScoreSchema>;
/** A declaration to rank. */
export type RankingDeclaration = Static<typeof RankingDeclarationSchema>;
