import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eligibleFacts } from '../../bin/demo/facts.ts';
import { auditOf } from '../cycle/scenario-steps.ts';
import { createApiHarness, E1, type ApiHarness } from './api-harness.ts';
import { uploadDraftMaterials } from './draft-materials.ts';
import { multipart, pdf } from './multipart.ts';
import type { SignedIn } from './sign-in.ts';

let t: ApiHarness;
beforeEach(async () => {
  t = await createApiHarness();
});
afterEach(() => t.close());

interface TaskView {
  key: string;
  elementId: string;
  businessKey: string | null;
  dueDate: string | null;
  workingDaysLeft: number | null;
}

async function inbox(user: SignedIn): Promise<TaskView[]> {
  const response = await t.app.inject({ method: 'GET', url: '/tasks', headers: user.headers });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

describe('the correction loop', () => {
  it('shows the reasons and the deadline, lets the enterprise change only what they name, and re-checks the new facts', async () => {
    const province = await t.as('provincial_office');
    expect((await t.app.inject({ method: 'POST', url: '/campaigns', headers: province.headers, payload: { year: 2023 } })).statusCode).toBe(202);
    await t.settle();

    // Submitted without the commitment letter, without its standard and with the audited report of
    // one year of three: incomplete (D7).
    const complete = eligibleFacts('MANUFACTURING', 2023, 1) as {
      evidence: string[];
      financialReports: unknown;
      implementationStandard?: unknown;
      sales: { year: number; declaredProductYuan: number };
    };
    const { implementationStandard: _standard, ...withoutStandard } = complete;
    const facts = { ...withoutStandard, evidence: complete.evidence.filter((e) => e !== 'ATTACHMENT_3_COMMITMENT_LETTER'), financialReports: { auditedYears: [2022] } };
    const enterprise = await t.as('enterprise', E1);
    const draft = await t.app.inject({ method: 'POST', url: '/declarations', headers: enterprise.headers, payload: { campaignYear: 2023, productName: '补正产品', category: 'MANUFACTURING', facts } });
    expect(draft.statusCode, draft.body).toBe(201);
    // The materials it has go with the draft: one file for each kind it lists (the letter is not
    // among them) and the audited report of 2022.
    await uploadDraftMaterials(t, enterprise, draft.json().id, facts);
    const submitted = await t.app.inject({ method: 'POST', url: `/declarations/drafts/${draft.json().id}/submit`, headers: enterprise.headers });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const n = submitted.json().number as string;
    await t.settle();

    // The correction task and the correction view show the reasons in Chinese, what may change, and the deadline.
    const task = (await inbox(enterprise)).find((x) => x.elementId === 'correctMaterials' && x.businessKey === n);
    expect(task).toBeDefined();
    expect(task!.workingDaysLeft).toBe(5);
    const opened = await t.app.inject({ method: 'GET', url: `/tasks/${task!.key}`, headers: enterprise.headers });
    expect(opened.statusCode, opened.body).toBe(200);
    const correction = opened.json().correction;
    expect(correction.editableFacts).toEqual(['evidence', 'implementationStandard']);
    expect(correction.missingEvidence).toEqual(['ATTACHMENT_3_COMMITMENT_LETTER', 'AUDITED_FINANCIAL_REPORT']);
    expect(correction.reasons.map((r: { zh: string }) => r.zh)).toEqual([
      expect.stringMatching(/^D7 第3行：缺少附件3 申报承诺书/),
      expect.stringMatching(/^D7 第4行：未明示执行标准/),
      expect.stringMatching(/^D7 第5行：缺少 2020、2021 年的经审计财务报告/),
    ]);
    const view = await t.app.inject({ method: 'GET', url: `/declarations/${n}/correction`, headers: enterprise.headers });
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json()).toMatchObject({ number: n, stage: 'CORRECTION', editableFacts: ['evidence', 'implementationStandard'], dueDate: task!.dueDate, workingDaysLeft: 5, overdue: false });
    expect(view.json().dueDate).toMatch(/\+08:00$/);

    // A field the reasons do not name is refused, naming it; nothing is written.
    const refused = await t.app.inject({
      method: 'PATCH',
      url: `/declarations/${n}/facts`,
      headers: enterprise.headers,
      payload: { facts: { sales: { ...complete.sales, declaredProductYuan: 900_000_000 }, evidence: complete.evidence } },
    });
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.json().errors).toEqual([expect.objectContaining({ in: 'body', field: '/facts/sales', rule: 'correction' })]);
    const badShape = await t.app.inject({ method: 'PATCH', url: `/declarations/${n}/facts`, headers: enterprise.headers, payload: { facts: { implementationStandard: { code: 5, kind: 'NATIONAL' } } } });
    expect(badShape.statusCode, badShape.body).toBe(400);
    expect(badShape.json().errors[0].field).toBe('/facts/implementationStandard/code');
    expect((await t.c.h.db.pool.query('SELECT facts FROM declarations WHERE number = $1', [n])).rows[0].facts).toEqual(facts);

    // Only the materials the reasons ask for may be uploaded meanwhile.
    const upload = (kind: string, reportYear?: number) => {
      const year = reportYear === undefined ? [] : [{ name: 'reportYear', value: String(reportYear) }];
      const form = multipart([{ name: 'kind', value: kind }, ...year, { name: 'file', filename: `${kind}.pdf`, contentType: 'application/pdf', data: pdf(kind) }]);
      return t.app.inject({ method: 'POST', url: `/declarations/${n}/attachments`, payload: form.payload, headers: { ...enterprise.headers, ...form.headers } });
    };
    const unnamed = await upload('BUSINESS_LICENCE');
    expect(unnamed.statusCode, unnamed.body).toBe(400);
    expect(unnamed.json().errors).toEqual([expect.objectContaining({ field: '/kind', rule: 'correction' })]);
    expect((await upload('ATTACHMENT_3_COMMITMENT_LETTER')).statusCode).toBe(201);
    for (const year of [2020, 2021]) expect((await upload('AUDITED_FINANCIAL_REPORT', year)).statusCode).toBe(201);

    // Someone else's declaration and another role are refused.
    const county = await t.as('county_office', '320102');
    expect((await t.app.inject({ method: 'PATCH', url: `/declarations/${n}/facts`, headers: county.headers, payload: { facts: { evidence: [] } } })).statusCode).toBe(403);

    // The named facts change (the evidence list is accepted but the files are what count); completing
    // the task re-checks the declaration with the letter and the two reports now on file, and the
    // case moves on to the county. The years the enterprise once typed stay as they were: the files count.
    const corrected = await t.app.inject({
      method: 'PATCH',
      url: `/declarations/${n}/facts`,
      headers: enterprise.headers,
      payload: { facts: { evidence: complete.evidence, implementationStandard: complete.implementationStandard } },
    });
    expect(corrected.statusCode, corrected.body).toBe(200);
    const correctedFacts = { ...complete, financialReports: { auditedYears: [2022] } };
    expect(corrected.json().facts).toEqual(correctedFacts);
    const done = await t.app.inject({ method: 'POST', url: `/tasks/${task!.key}/complete`, headers: enterprise.headers, payload: { correctionNote: '补交承诺书和两年审计报告 / added the letter and two audited years' } });
    expect(done.statusCode, done.body).toBe(200);
    await t.settle();

    const after = await t.app.inject({ method: 'GET', url: `/declarations/${n}`, headers: county.headers });
    expect(after.statusCode, after.body).toBe(200);
    // Eligible (a person still reviews the items the rules refer), with no material missing any more.
    expect(after.json()).toMatchObject({ stage: 'COUNTY_CHECK', outcome: null, eligibility: { outcome: 'ELIGIBLE_PENDING_REVIEW' }, facts: correctedFacts });
    expect(after.json().eligibility.reasons.filter((r: { outcome: string }) => r.outcome === 'MISSING_EVIDENCE' || r.outcome === 'FAIL')).toEqual([]);
    expect((await inbox(county)).map((x) => [x.elementId, x.businessKey])).toContainEqual(['countyCheck', n]);
    expect(await auditOf(t.c.h.db.pool, n, ['eligibility.incomplete', 'declaration.corrected', 'eligibility.eligible_pending_review'])).toEqual([
      { actor: 'jingpin', role: 'system', action: 'eligibility.incomplete', reason: null },
      { actor: enterprise.username, role: 'enterprise', action: 'declaration.corrected', reason: null },
      { actor: 'jingpin', role: 'system', action: 'eligibility.eligible_pending_review', reason: null },
    ]);
    // Once the case has moved on, the facts are closed again.
    expect((await t.app.inject({ method: 'PATCH', url: `/declarations/${n}/facts`, headers: enterprise.headers, payload: { facts: { evidence: [] } } })).statusCode).toBe(409);
  });
});
