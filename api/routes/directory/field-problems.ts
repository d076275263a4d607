import type { FieldProblem } from '../../../domain/directory/records.ts';
import { invalidFields, type ProblemError } from '../../problem.ts';

/** The directory's field problems as a 400 answer, each field named as a JSON pointer into the body. */
export function invalidRecord(problems: readonly FieldProblem[]): ProblemError {
  return invalidFields(
    'body',
    problems.map((p) => ({ field: p.field === '/' ? '' : `/${p.field}`, rule: p.rule, message: `${p.zh} / ${p.en}` })),
  );
}
