import { Kind, type TSchema } from '@sinclair/typebox';
import { isIsoDate } from '../calendar/iso-date.ts';
import { schemaProblems, type SchemaProblem } from '../calendar/schema-problems.ts';
import type { CampaignRuleSet, Stage } from './rule-set.ts';
import { CampaignRuleSetSchema } from './rule-set-schema.ts';

/** Where the published schema lives, relative to the repository root. */
export const publishedRuleSetSchemaPath = 'docs/rule-set.schema.json';

/** A rule-set document that cannot be used; `problems` name each field at fault by its JSON Pointer. */
export class RuleSetDocumentError extends Error {
  override readonly name = 'RuleSetDocumentError';
  constructor(readonly problems: readonly SchemaProblem[]) {
    super(`规则集有误 / the rule set is wrong: ` + problems.map((p) => `${p.path} ${p.zh} / ${p.en}`).join('; '));
  }
}

/**
 * A rule set read from a document the office wrote (rules/YYYY.json): checked against the schema
 * and against what the schema cannot say (the sales year, repeated flags and codes, real dates
 * in order). Every problem is reported at once, so one round of corrections is enough.
 * @throws {RuleSetDocumentError} naming each bad field.
 */
export function parseRuleSetDocument(value: unknown): CampaignRuleSet {
  const problems = problemsIn(CampaignRuleSetSchema, value, '');
  if (problems.length > 0) throw new RuleSetDocumentError(problems);
  const set = value as CampaignRuleSet;
  const more = meaningProblems(set);
  if (more.length > 0) throw new RuleSetDocumentError(more);
  return set;
}

/** The rule set's JSON Schema as published in docs/, generated from the TypeBox schema. */
export function renderRuleSetJsonSchema(): string {
  const published = { $schema: 'http://json-schema.org/draft-07/schema#', ...CampaignRuleSetSchema };
  return `${JSON.stringify(published, null, 2)}\n`;
}

// TypeBox reports a union that fails as one error at the union's path ("no branch fits"), which
// would leave the office guessing which field of a figure is wrong. Figures are told apart by
// `known`, so the walk picks the branch the document meant and reports inside it.
function problemsIn(schema: TSchema, value: unknown, at: string): SchemaProblem[] {
  const kind = schema[Kind] as string;
  if (kind === 'Object' && isRecord(value)) {
    const properties = schema['properties'] as Record<string, TSchema>;
    const required = new Set((schema['required'] as string[] | undefined) ?? []);
    const found: SchemaProblem[] = [];
    for (const [key, inner] of Object.entries(properties)) {
      if (value[key] === undefined) {
        if (required.has(key)) found.push({ path: `${at}/${key}`, zh: '缺少必填字段', en: 'required field is missing' });
      } else {
        found.push(...problemsIn(inner, value[key], `${at}/${key}`));
      }
    }
    for (const key of Object.keys(value)) {
      if (!(key in properties)) found.push({ path: `${at}/${key}`, zh: '不允许的字段', en: 'field not allowed here' });
    }
    return found;
  }
  if (kind === 'Array' && Array.isArray(value)) {
    return value.flatMap((item, index) => problemsIn(schema['items'] as TSchema, item, `${at}/${index}`));
  }
  if (kind === 'Union' && isRecord(value)) {
    const branch = (schema['anyOf'] as TSchema[]).find((option) => {
      const discriminator = (option['properties'] as Record<string, TSchema> | undefined)?.['known'];
      return discriminator !== undefined && discriminator['const'] === value['known'];
    });
    if (branch) return problemsIn(branch, value, at);
    if ('known' in value || (schema['anyOf'] as TSchema[]).some((option) => option[Kind] === 'Object')) {
      return [{ path: `${at}/known`, zh: '应为 true（已知，给出 value 和 basis）或 false（未见，给出 note）', en: 'must be true (known: give value and basis) or false (not seen: give note)' }];
    }
  }
  return schemaProblems(schema, value).map((problem) => ({ ...problem, path: problem.path === '/' ? at || '/' : `${at}${problem.path}` }));
}

// Closing dates in the order the stages run; a notice may leave any of them out.
const stageOrder: readonly Stage[] = [
  'declarationOpens',
  'declarationCloses',
  'countyCheckDue',
  'citySubmissionDue',
  'expertComparisonDue',
  'standardEvaluationDue',
  'certificationDue',
];

function meaningProblems(set: CampaignRuleSet): SchemaProblem[] {
  const found: SchemaProblem[] = [];
  if (set.salesReferenceYear !== set.campaignYear - 1) {
    found.push({
      path: '/salesReferenceYear',
      zh: `应为申报年度的上一年 ${set.campaignYear - 1}`,
      en: `must be the year before the campaign, ${set.campaignYear - 1}`,
    });
  }
  const flags = new Set<string>();
  set.preferences.forEach((rule, index) => {
    if (flags.has(rule.flag)) found.push({ path: `/preferences/${index}/flag`, zh: `重复的优先条件 ${rule.flag}`, en: `repeats the preference ${rule.flag}` });
    flags.add(rule.flag);
  });
  if (set.focusIndustries.known) {
    const codes = new Set<string>();
    set.focusIndustries.value.forEach((list, index) => {
      if (codes.has(list.code)) found.push({ path: `/focusIndustries/value/${index}/code`, zh: `重复的代码 ${list.code}`, en: `repeats the code ${list.code}` });
      codes.add(list.code);
    });
  }
  const dates: [string, string | undefined][] = [
    ['/notice/value/issuedOn', set.notice.known ? set.notice.value.issuedOn : undefined],
    ...stageOrder.map((stage): [string, string | undefined] => [`/stageDeadlines/${stage}`, set.stageDeadlines[stage]]),
  ];
  for (const [path, date] of dates) {
    if (date !== undefined && !isIsoDate(date)) found.push({ path, zh: '不是有效的日期', en: 'is not a real date' });
  }
  let previous: [Stage, string] | undefined;
  for (const stage of stageOrder) {
    const date = set.stageDeadlines[stage];
    if (date === undefined || !isIsoDate(date)) continue;
    if (previous && date < previous[1]) {
      found.push({ path: `/stageDeadlines/${stage}`, zh: `不得早于 ${previous[0]}（${previous[1]}）`, en: `must not be before ${previous[0]} (${previous[1]})` });
    }
    previous = [stage, date];
  }
  return found;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
