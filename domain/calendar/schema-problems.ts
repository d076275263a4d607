import type { TSchema } from '@sinclair/typebox';
import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors';
import { Value } from '@sinclair/typebox/value';

/** One place where a value breaks its schema: a JSON Pointer and the rule, Chinese then English. */
export interface SchemaProblem {
  /** JSON Pointer into the value, e.g. `/days/3/date`; `/` for the whole value. */
  readonly path: string;
  readonly zh: string;
  readonly en: string;
}

/**
 * Every schema violation in `value`, one per path (the first TypeBox reports), worded for the
 * person who wrote the file. TypeBox's own messages are English only, so the common kinds are
 * restated here in both languages.
 */
export function schemaProblems(schema: TSchema, value: unknown): SchemaProblem[] {
  const seen = new Map<string, SchemaProblem>();
  for (const error of Value.Errors(schema, value)) {
    const path = error.path === '' ? '/' : error.path;
    if (!seen.has(path)) seen.set(path, { path, ...describe(error) });
  }
  return [...seen.values()];
}

function describe(error: ValueError): { zh: string; en: string } {
  const schema = error.schema as Record<string, unknown>;
  switch (error.type) {
    case ValueErrorType.ObjectRequiredProperty:
      return { zh: '缺少必填字段', en: 'required field is missing' };
    case ValueErrorType.ObjectAdditionalProperties:
      return { zh: '不允许的字段', en: 'field not allowed here' };
    case ValueErrorType.Integer:
      return { zh: '应为整数', en: 'must be a whole number' };
    case ValueErrorType.Number:
      return { zh: '应为数字', en: 'must be a number' };
    case ValueErrorType.IntegerMinimum:
    case ValueErrorType.NumberMinimum:
      return { zh: `不得小于 ${String(schema['minimum'])}`, en: `must be at least ${String(schema['minimum'])}` };
    case ValueErrorType.IntegerMaximum:
    case ValueErrorType.NumberMaximum:
      return { zh: `不得大于 ${String(schema['maximum'])}`, en: `must be at most ${String(schema['maximum'])}` };
    case ValueErrorType.Boolean:
      return { zh: '应为 true 或 false', en: 'must be true or false' };
    case ValueErrorType.String:
      return { zh: '应为字符串', en: 'must be a string' };
    case ValueErrorType.StringMinLength:
      return { zh: '不得为空', en: 'must not be empty' };
    case ValueErrorType.StringPattern:
      return { zh: `格式不符（${String(schema['pattern'])}）`, en: `does not match the format ${String(schema['pattern'])}` };
    case ValueErrorType.Array:
      return { zh: '应为数组', en: 'must be an array' };
    case ValueErrorType.ArrayUniqueItems:
      return { zh: '不得有重复项', en: 'must not repeat an item' };
    case ValueErrorType.Object:
      return { zh: '应为对象', en: 'must be an object' };
    case ValueErrorType.Literal:
    case ValueErrorType.Union: {
      const choices = literalChoices(schema);
      if (choices.length > 0) return { zh: `应为以下之一：${choices.join('、')}`, en: `must be one of ${choices.join(', ')}` };
      return { zh: '值不符合允许的形式', en: error.message };
    }
    default:
      return { zh: '值不符合要求', en: error.message };
  }
}

function literalChoices(schema: Record<string, unknown>): string[] {
  if ('const' in schema) return [JSON.stringify(schema['const'])];
  const options = schema['anyOf'];
  if (!Array.isArray(options)) return [];
  return options.flatMap((option: Record<string, unknown>) => ('const' in option ? [String(option['const'])] : []));
}
