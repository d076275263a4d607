import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eligibleFacts } from '../../bin/demo/facts.ts';
import { auditOf } from '../cycle/scenario-steps.ts';
import { createApiHarness, E1, E2, type ApiHarness } from './api-harness.ts';
import { uploadDraftMaterials } from './draft-materials.ts';
import { multipart, pdf } from './multipart.ts';
import type { SignedIn } from './sign-in.ts';

/**
 * The materials check (D7) judges the files attached, not the list the enterprise types in:
 * a declaration that claims its materials but has no files is incomplete, naming each missing
 * kind; the files uploaded with the draft (or during the correction) are what make it complete;
 * a file of a refused type never counts.
 */
let t: ApiHarness;
let enterprise: SignedIn;
const facts = eligibleFacts('MANUFACTURING', 2023, 1) as Record<string, unknown> & { evidence: string[]; financialReports: { auditedYears: number[] } };
const LETTER = 'ATTACHMENT_3_COMMITMENT_LETTER';
const REPORT = 'AUDITED_FINANCIAL_REPORT';

beforeAll(async () => {
  t = await createApiHarness();
  const province = await t.as('provincial_office');
  expect((await t.app.inject({ method: 'POST', url: '/campaigns', headers: province.headers, payload: { year: 2023 } })).statusCode).toBe(202);
  await t.settle();
  enterprise = await t.as('enterprise', E1);
}, 120_000);
afterAll(() => t.close());

async function draft(productName: string): Promise<number> {
  const created = await t.app.inject({ method: 'POST', url: '/declarations', headers: enterprise.headers, payload: { campaignYear: 2023, productName, category: 'MANUFACTURING', facts } });
  expect(created.statusCode, created.body).toBe(201);
  return created.json().id;
}

async function submit(id: number): Promise<string> {
  const submitted = await t.app.inject({ method: 'POST', url: `/declarations/drafts/${id}/submit`, headers: enterprise.headers });
  expect(submitted.statusCode, submitted.body).toBe(201);
  await t.settle();
  return submitted.json().number;
}

function uploadTo(url: string, user: SignedIn, kind: string, file: { name: string; type: string; data: Buffer }, reportYear?: string) {
  const year = reportYear === undefined ? [] : [{ name: 'reportYear', value: reportYear }];
  const form = multipart([{ name: 'kind', value: kind }, ...year, { name: 'file', filename: file.name, contentType: file.type, data: file.data }]);
  return t.app.inject({ method: 'POST', url, payload: form.payload, headers: { ...user.headers, ...form.headers } });
}

async function declaration(number: string) {
  const response = await t.app.inject({ method: 'GET', url: `/declarations/${number}`, headers: enterprise.headers });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { stage: string; eligibility: { outcome: string; reasons: Array<{ outcome: string; zh: string; missingYears?: number[] }> } };
}

const missingReasons = (d: Awaited<ReturnType<typeof declaration>>) => d.eligibility.reasons.filter((r) => r.outcome === 'MISSING_EVIDENCE').map((r) => r.zh);

/** The kinds the correction asks for, as the enterprise's correction view shows them. */
async function missingOf(number: string): Promise<string[]> {
  const view = await t.app.inject({ method: 'GET', url: `/declarations/${number}/correction`, headers: enterprise.headers });
  expect(view.statusCode, view.body).toBe(200);
  return (view.json().missingEvidence as string[]).sort();
}

describe('the materials on file', () => {
  it('a declaration that lists its materials but attaches none is incomplete, naming each missing kind', async () => {
    const number = await submit(await draft('只有清单 / a list, no files'));
    const judged = await declaration(number);
    expect(judged.stage).toBe('CORRECTION');
    expect(judged.eligibility.outcome).toBe('INCOMPLETE');
    // Every kind D7 asks for is missing, although facts.evidence lists them all, and so is the
    // audited report of each year facts.financialReports claims.
    expect(await missingOf(number)).toEqual([...facts.evidence, REPORT].sort());
    expect(missingReasons(judged)).toEqual([
      expect.stringMatching(/^D7 第1行/),
      expect.stringMatching(/^D7 第2行/),
      expect.stringMatching(/^D7 第3行/),
      expect.stringMatching(/^D7 第5行：缺少 2020、2021、2022 年的经审计财务报告/),
      expect.stringMatching(/^D7 第6行：缺少营业执照或商标注册证（BUSINESS_LICENCE、TRADEMARK_REGISTRATION）/),
    ]);
    const { rows } = await t.c.h.db.pool.query(`SELECT detail FROM audit_log WHERE subject_id = $1 AND action = 'eligibility.incomplete'`, [number]);
    expect(rows).toEqual([{ detail: expect.objectContaining({ evidenceFromFiles: [], evidenceAttested: [] }) }]);
  });

  it('the files uploaded with the draft go with the declaration in its submission, and make it complete', async () => {
    const id = await draft('材料齐全 / with its files');
    const uploaded = await uploadDraftMaterials(t, enterprise, id, facts);
    expect(uploaded).toHaveLength(facts.evidence.length + 3);
    const listed = await t.app.inject({ method: 'GET', url: `/declarations/drafts/${id}/attachments`, headers: enterprise.headers });
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json().map((a: { kind: string; reportYear: number | null; declarationNumber: string | null; draftId: number }) => [a.kind, a.reportYear, a.declarationNumber, a.draftId])).toEqual([
      ...facts.evidence.map((kind) => [kind, null, null, id]),
      ...[2020, 2021, 2022].map((year) => [REPORT, year, null, id]),
    ]);

    const number = await submit(id);
    const judged = await declaration(number);
    expect(judged).toMatchObject({ stage: 'COUNTY_CHECK', eligibility: { outcome: 'ELIGIBLE_PENDING_REVIEW' } });
    expect(missingReasons(judged)).toEqual([]);
    const onDeclaration = await t.app.inject({ method: 'GET', url: `/declarations/${number}/attachments`, headers: (await t.as('county_office', '320102')).headers });
    expect(onDeclaration.json().map((a: { id: number; declarationNumber: string; draftId: number }) => [a.id, a.declarationNumber, a.draftId])).toEqual(uploaded.map((a) => [a, number, id]));
    expect(await auditOf(t.c.h.db.pool, number, ['attachment.submitted_with_draft'])).toEqual([{ actor: enterprise.username, role: 'enterprise', action: 'attachment.submitted_with_draft', reason: null }]);

    // A submitted draft takes no more files: they go to the declaration.
    const late = await uploadTo(`/declarations/drafts/${id}/attachments`, enterprise, LETTER, { name: 'late.pdf', type: 'application/pdf', data: pdf('late') });
    expect(late.statusCode, late.body).toBe(409);
  });

  it('a file of a refused type never counts; the correction upload does, and the re-check sees it', async () => {
    const id = await draft('承诺书补正 / the letter in the correction');
    await uploadDraftMaterials(t, enterprise, id, facts, [LETTER]);
    // A text file sent as a PDF is refused by its bytes: nothing is recorded.
    const refused = await uploadTo(`/declarations/drafts/${id}/attachments`, enterprise, LETTER, { name: 'letter.pdf', type: 'application/pdf', data: Buffer.from('I promise. 我承诺。') });
    expect(refused.statusCode, refused.body).toBe(415);
    const listed = await t.app.inject({ method: 'GET', url: `/declarations/drafts/${id}/attachments`, headers: enterprise.headers });
    expect(listed.json().map((a: { kind: string }) => a.kind)).not.toContain(LETTER);

    const number = await submit(id);
    const judged = await declaration(number);
    expect(judged.eligibility.outcome).toBe('INCOMPLETE');
    expect(await missingOf(number)).toEqual([LETTER]);
    expect(missingReasons(judged)).toEqual([expect.stringMatching(/^D7 第3行：缺少附件3 申报承诺书/)]);

    // The correction asks for the letter; the enterprise uploads it and completes its task.
    const letter = await uploadTo(`/declarations/${number}/attachments`, enterprise, LETTER, { name: '承诺书.pdf', type: 'application/pdf', data: pdf('承诺书') });
    expect(letter.statusCode, letter.body).toBe(201);
    const task = (await t.app.inject({ method: 'GET', url: '/tasks', headers: enterprise.headers })).json().find((x: { elementId: string; businessKey: string }) => x.elementId === 'correctMaterials' && x.businessKey === number);
    const done = await t.app.inject({ method: 'POST', url: `/tasks/${task.key}/complete`, headers: enterprise.headers, payload: { correctionNote: '补交承诺书 / the letter is attached' } });
    expect(done.statusCode, done.body).toBe(200);
    await t.settle();
    const rechecked = await declaration(number);
    expect(rechecked).toMatchObject({ stage: 'COUNTY_CHECK', eligibility: { outcome: 'ELIGIBLE_PENDING_REVIEW' } });
    const { rows } = await t.c.h.db.pool.query(`SELECT detail FROM audit_log WHERE subject_id = $1 AND action = 'eligibility.eligible_pending_review'`, [number]);
    expect(rows).toEqual([{ detail: expect.objectContaining({ evidenceFromFiles: expect.arrayContaining([LETTER]) }) }]);
  });

  it('counts one audited report per year: a year without its file is named, and the correction upload of that year completes it', async () => {
    const id = await draft('缺一年财报 / one report short');
    await uploadDraftMaterials(t, enterprise, id, facts, [REPORT]);
    // Two reports, and a second file for one of those years: three files, two years.
    for (const year of ['2020', '2022', '2022']) {
      const report = await uploadTo(`/declarations/drafts/${id}/attachments`, enterprise, REPORT, { name: `审计报告${year}.pdf`, type: 'application/pdf', data: pdf(year) }, year);
      expect(report.statusCode, report.body).toBe(201);
      expect(report.json()).toMatchObject({ kind: REPORT, reportYear: Number(year) });
    }
    const number = await submit(id);
    const judged = await declaration(number);
    expect(judged.eligibility.outcome).toBe('INCOMPLETE');
    expect(await missingOf(number)).toEqual([REPORT]);
    expect(missingReasons(judged)).toEqual([expect.stringMatching(/^D7 第5行：缺少 2021 年的经审计财务报告/)]);
    expect(judged.eligibility.reasons.find((r) => r.outcome === 'MISSING_EVIDENCE')).toMatchObject({ missingYears: [2021] });
    const { rows: incomplete } = await t.c.h.db.pool.query(`SELECT detail FROM audit_log WHERE subject_id = $1 AND action = 'eligibility.incomplete'`, [number]);
    expect(incomplete).toEqual([{ detail: expect.objectContaining({ reportYearsOnFile: { audited: [2020, 2022], statements: [] } }) }]);

    // The enterprise's own list of years counts for nothing: only the file of 2021 does.
    const letter = await uploadTo(`/declarations/${number}/attachments`, enterprise, LETTER, { name: '承诺书.pdf', type: 'application/pdf', data: pdf('承诺书') });
    expect(letter.statusCode, 'a kind the correction does not ask for').toBe(400);
    const missing = await uploadTo(`/declarations/${number}/attachments`, enterprise, REPORT, { name: '审计报告2021.pdf', type: 'application/pdf', data: pdf('2021') }, '2021');
    expect(missing.statusCode, missing.body).toBe(201);
    const task = (await t.app.inject({ method: 'GET', url: '/tasks', headers: enterprise.headers })).json().find((x: { elementId: string; businessKey: string }) => x.elementId === 'correctMaterials' && x.businessKey === number);
    const done = await t.app.inject({ method: 'POST', url: `/tasks/${task.key}/complete`, headers: enterprise.headers, payload: { correctionNote: '补交2021年审计报告 / the 2021 report is attached' } });
    expect(done.statusCode, done.body).toBe(200);
    await t.settle();
    expect(await declaration(number)).toMatchObject({ stage: 'COUNTY_CHECK', eligibility: { outcome: 'ELIGIBLE_PENDING_REVIEW' } });
  });

  it('asks a financial report for its year, and no other kind for one, naming the field and the rule; nothing is recorded', async () => {
    const id = await draft('年度校验 / the year checked');
    const cases: Array<[string, string | undefined, string]> = [
      [REPORT, undefined, 'required'],
      ['FINANCIAL_STATEMENTS', undefined, 'required'],
      [REPORT, '22', 'range'],
      [REPORT, '1900', 'range'],
      [REPORT, '２０２２', 'range'],
      [LETTER, '2022', 'additionalProperties'],
    ];
    for (const [kind, year, rule] of cases) {
      const refused = await uploadTo(`/declarations/drafts/${id}/attachments`, enterprise, kind, { name: 'r.pdf', type: 'application/pdf', data: pdf('r') }, year);
      expect(refused.statusCode, `${kind} ${year}`).toBe(400);
      expect(refused.json().errors, `${kind} ${year}`).toEqual([expect.objectContaining({ field: '/reportYear', rule })]);
    }
    const { rows } = await t.c.h.db.pool.query('SELECT count(*)::int AS n FROM attachments WHERE draft_id = $1', [id]);
    expect(rows).toEqual([{ n: 0 }]);
  });

  it("a draft's files are its owner's: another enterprise and a member unit do not find them", async () => {
    const id = await draft('他人不可见 / not for others');
    for (const [role, scope] of [['enterprise', E2], ['member_unit', 'MU-GXT']] as const) {
      const other = await t.as(role, scope);
      const listed = await t.app.inject({ method: 'GET', url: `/declarations/drafts/${id}/attachments`, headers: other.headers });
      expect(listed.statusCode, `${role}`).toBe(404);
      const upload = await uploadTo(`/declarations/drafts/${id}/attachments`, other, LETTER, { name: 'x.pdf', type: 'application/pdf', data: pdf('x') });
      expect(upload.statusCode, `${role}`).toBe(404);
    }
    const { rows } = await t.c.h.db.pool.query('SELECT count(*)::int AS n FROM attachments WHERE draft_id = $1', [id]);
    expect(rows).toEqual([{ n: 0 }]);
  });
});
