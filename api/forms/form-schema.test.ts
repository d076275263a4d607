import path from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formSchema, UnsupportedFormComponent } from './form-schema.ts';
import { loadTaskForms } from './task-forms.ts';

const MODELS = path.join(import.meta.dirname, '..', '..', 'bpmn');

describe('loadTaskForms', () => {
  const forms = loadTaskForms(MODELS);

  it('finds the form of every user task in the models', () => {
    const userTasks = ['declaration.bpmn', 'annual-campaign.bpmn', 'certificate.bpmn']
      .flatMap((file) => [...readFileSync(path.join(MODELS, file), 'utf8').matchAll(/<bpmn:userTask\s+id="([^"]+)"/g)].map((m) => m[1]));
    expect([...forms.keys()].sort()).toEqual(userTasks.sort());
  });

  it('checks a county check as its form says: checkbox always, reason 2 to 2000 characters', () => {
    const form = forms.get('countyCheck')!;
    expect(form.check({ recommended: false, reason: '材料齐全' }).error).toBeUndefined();
    const issues = (data: unknown) => [...(form.check(data).error ?? [])].map((i) => `${i.instancePath} ${i.keyword}`);
    expect(issues({ reason: '材料齐全' })).toEqual([' required']);
    expect(issues({ recommended: true, reason: 'x' })).toEqual(['/reason minLength']);
    expect(issues({ recommended: true, reason: 'x'.repeat(2001) })).toEqual(['/reason maxLength']);
    expect(issues({ recommended: true, reason: 'ok ok', extra: 1 })).toContain(' additionalProperties');
  });

  it('checks a dynamic list with selects and numbers (standard evaluation)', () => {
    const form = forms.get('evaluateStandard')!;
    const row = { name: '强度', direction: 'HIGHER_BETTER', enterpriseValue: 560 };
    expect(form.check({ enterpriseStandardCode: 'Q/1', indicators: [row], evaluationNote: '优于国标' }).error).toBeUndefined();
    const bad = [...(form.check({ enterpriseStandardCode: 'Q/1', indicators: [{ ...row, direction: 'SIDEWAYS', enterpriseValue: 'high' }], evaluationNote: '优于国标' }).error ?? [])];
    expect(bad.map((i) => i.instancePath)).toEqual(expect.arrayContaining(['/indicators/0/direction', '/indicators/0/enterpriseValue']));
    expect([...(form.check({ enterpriseStandardCode: 'Q/1', indicators: [], evaluationNote: '优于国标' }).error ?? [])].map((i) => i.keyword)).toEqual(['minItems']);
  });

  it('keeps the pattern and the number range of the form', () => {
    expect(forms.get('chooseBody')!.check({ certificationBodyId: 'CB A!' }).error).toBeDefined();
    expect(forms.get('scoreDeclarations')!.check({ scores: [{ declarationNumber: 'JP-1', STANDARDS: 101, QUALITY: 1, TECHNOLOGY: 1, MARKET_BRAND: 1 }] }).error).toBeDefined();
  });
});

describe('formSchema', () => {
  it('refuses a component it cannot check, so a new kind of field fails at start', () => {
    expect(() => formSchema({ id: 'f', components: [{ type: 'datetime', key: 'when' }] })).toThrow(UnsupportedFormComponent);
    expect(() => formSchema({ id: 'f', components: [{ type: 'select', key: 's', valuesKey: 'x' } as never] })).toThrow(/static values/);
  });
});
