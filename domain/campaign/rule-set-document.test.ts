import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { draftRuleSet } from './draft-rule-set.ts';
import { ruleSetFor } from './fixtures/rule-sets.ts';
import { parseRuleSetDocument, publishedRuleSetSchemaPath, renderRuleSetJsonSchema, RuleSetDocumentError } from './rule-set-document.ts';
import { ruleSetChanges } from './rule-set-changes.ts';

// A document as a test edits it: any field, any depth.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- free-form JSON edited in place
type Json = Record<string, any>;

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function problemsOf(document: unknown) {
  try {
    parseRuleSetDocument(document);
  } catch (error) {
    if (error instanceof RuleSetDocumentError) return error.problems;
    throw error;
  }
  throw new Error('the document was accepted');
}

describe(publishedRuleSetSchemaPath, () => {
  it('is what the TypeBox schema generates (run `npm run docs:schema` after changing the schema)', () => {
    expect(readFileSync(new URL(`../../${publishedRuleSetSchemaPath}`, import.meta.url), 'utf8')).toBe(renderRuleSetJsonSchema());
  });
});

describe('parseRuleSetDocument', () => {
  it('accepts a packaged set as it is', () => {
    expect(parseRuleSetDocument(copy(ruleSetFor(2023)))).toEqual(ruleSetFor(2023));
  });

  it('names every bad field of a malformed document by its JSON path and the rule it breaks, Chinese first', () => {
    const document = copy(ruleSetFor(2023)) as unknown as Json;
    document['version'] = 0;
    document['sales'].consumerGoodsMinYuan.value = '2亿';
    document['sales'].producerGoodsMinYuan = { known: 'yes' };
    document['minOperatingYears'] = { known: true, value: 3 };
    document['publicityWorkingDays'].value = 2.5;
    document['preferences'][1].flag = 'PRIORITY_FRIENDS';
    document['stageWorkingDays'].certification = 0;
    document['focusIndustries'].value[0].name = { zh: '“531”产业链' };
    document['notice'].value.issuedOn = '2023/03/20';
    document['threshold'] = 1;
    delete document['agriScale'];
    expect(problemsOf(document)).toEqual([
      { path: '/version', zh: '不得小于 1', en: 'must be at least 1' },
      { path: '/notice/value/issuedOn', zh: expect.stringContaining('格式不符'), en: expect.stringContaining('does not match the format') },
      { path: '/minOperatingYears/basis', zh: '缺少必填字段', en: 'required field is missing' },
      { path: '/sales/consumerGoodsMinYuan/value', zh: '应为整数', en: 'must be a whole number' },
      { path: '/sales/producerGoodsMinYuan/known', zh: expect.stringContaining('应为 true'), en: expect.stringContaining('must be true') },
      { path: '/agriScale', zh: '缺少必填字段', en: 'required field is missing' },
      { path: '/preferences/1/flag', zh: expect.stringContaining('应为以下之一'), en: expect.stringContaining('must be one of') },
      { path: '/focusIndustries/value/0/name/en', zh: '缺少必填字段', en: 'required field is missing' },
      { path: '/publicityWorkingDays/value', zh: '应为整数', en: 'must be a whole number' },
      { path: '/stageWorkingDays/certification', zh: '不得小于 1', en: 'must be at least 1' },
      { path: '/threshold', zh: '不允许的字段', en: 'field not allowed here' },
    ]);
  });

  it('checks what the schema cannot: the sales year, repeated flags and codes, real dates in order', () => {
    const document = copy(ruleSetFor(2023)) as unknown as Json;
    document['salesReferenceYear'] = 2023;
    document['preferences'].push({ flag: 'CARRY_OVER', basis: 'SEED' });
    document['focusIndustries'].value.push({ code: '531', name: { zh: '重复', en: 'again' } });
    document['stageDeadlines'] = { citySubmissionDue: '2023-06-30', expertComparisonDue: '2023-06-01', certificationDue: '2023-02-30' };
    expect(problemsOf(document).map((p) => p.path)).toEqual([
      '/salesReferenceYear',
      '/preferences/5/flag',
      '/focusIndustries/value/2/code',
      '/stageDeadlines/certificationDue',
      '/stageDeadlines/expertComparisonDue',
    ]);
  });

  it('refuses something that is not a rule set at all', () => {
    expect(problemsOf([1, 2])).toEqual([{ path: '/', zh: '应为对象', en: 'must be an object' }]);
  });
});

describe('draftRuleSet and ruleSetChanges', () => {
  it('drafts 2027 from 2024 with the year reset, and lists only what the office changed', () => {
    const draft = draftRuleSet(ruleSetFor(2024), 2027);
    expect(draft).toMatchObject({ campaignYear: 2027, version: 1, salesReferenceYear: 2026, notice: { known: false }, stageDeadlines: {} });
    expect(parseRuleSetDocument(copy(draft))).toEqual(draft);
    const edited = { ...draft, publicityWorkingDays: { known: true, value: 7, basis: 'FOUND' } as const };
    expect(ruleSetChanges(ruleSetFor(2024), edited)).toEqual([
      { path: '/notice/known', before: true, after: false },
      { path: '/notice/note/zh', before: undefined, after: '2027 年度通知尚未填写' },
      { path: '/notice/note/en', before: undefined, after: 'the 2027 notice is not filled in yet' },
      { path: '/publicityWorkingDays/value', before: 5, after: 7 },
      { path: '/publicityWorkingDays/basis', before: 'ASSUMED', after: 'FOUND' },
      { path: '/notice/value/reference', before: '苏质委办〔2024〕2号', after: undefined },
      { path: '/notice/basis', before: 'FOUND', after: undefined },
    ]);
  });
});
