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

  it('names the variables the process prepares for a form: its dynamic lists and what its texts show, not its plain fields', () => {
    expect(forms.get('decideProposedList')!.prepared).toEqual(['proposedList']);
    expect(forms.get('decideKeyList')!.prepared).toEqual(['keyList']);
    expect(forms.get('giveMemberOpinion')!.prepared).toEqual(['memberUnit']);
    expect(forms.get('evaluateStandard')!.prepared).toEqual(['standardProposal', 'standardProposalSummary']);
    expect(forms.get('countyCheck')!.prepared).toEqual([]);
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

  it('checks the institute’s three judgements, each with its reason (standard evaluation)', () => {
    const form = forms.get('evaluateStandard')!;
    const judged = {
      legitimacy: 'LEGITIMATE',
      legitimacyReason: '已自我声明',
      compliance: 'COMPLIANT',
      complianceReason: '不低于强制国标',
      advancement: 'ADVANCED',
      advancementReason: '优于国标',
    };
    expect(form.check(judged).error).toBeUndefined();
    const issues = (data: unknown) => [...(form.check(data).error ?? [])].map((i) => `${i.instancePath} ${i.keyword}`);
    expect(issues({ ...judged, compliance: 'MOSTLY' })).toContain('/compliance anyOf');
    expect(issues({ ...judged, advancementReason: '  ' })).toEqual(['/advancementReason pattern']);
    const { legitimacyReason: _, ...unreasoned } = judged;
    expect(issues(unreasoned)).toEqual([' required']);
    // The old form's typed-in table is gone: the enterprise files it with its declaration.
    expect(issues({ ...judged, indicators: [] })).toContain(' additionalProperties');
  });

  it('checks a dynamic list with numbers (expert scoring)', () => {
    const form = forms.get('scoreDeclarations')!;
    const row = { declarationNumber: 'JP-2023-320100-0001', STANDARDS: 20, QUALITY: 20, TECHNOLOGY: 20, MARKET_BRAND: 20 };
    expect(form.check({ scores: [row] }).error).toBeUndefined();
    const bad = [...(form.check({ scores: [{ ...row, QUALITY: 'high' }] }).error ?? [])];
    expect(bad.map((i) => i.instancePath)).toContain('/scores/0/QUALITY');
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
