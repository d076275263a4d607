import { expect } from 'vitest';
import { claimedFiles } from '../../bin/demo/scripted-evidence.ts';
import type { ApiHarness } from './api-harness.ts';
import { multipart, pdf } from './multipart.ts';
import type { SignedIn } from './sign-in.ts';

/**
 * Uploads to a draft one PDF for each kind of material its facts list, and one financial report
 * per year its `financialReports` name, as the enterprise's form does before submitting (the
 * eligibility check reads the files, not the list). `except` leaves out kinds. Answers the
 * attachment ids.
 */
export async function uploadDraftMaterials(t: ApiHarness, user: SignedIn, draftId: number, facts: Record<string, unknown>, except: readonly string[] = []): Promise<number[]> {
  const ids: number[] = [];
  for (const { kind, reportYear } of claimedFiles(facts).filter((file) => !except.includes(file.kind))) {
    const year = reportYear === undefined ? [] : [{ name: 'reportYear', value: String(reportYear) }];
    const form = multipart([{ name: 'kind', value: kind }, ...year, { name: 'file', filename: `${kind}.pdf`, contentType: 'application/pdf', data: pdf(kind) }]);
    const uploaded = await t.app.inject({ method: 'POST', url: `/declarations/drafts/${draftId}/attachments`, payload: form.payload, headers: { ...user.headers, ...form.headers } });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    ids.push(uploaded.json().id);
  }
  return ids;
}
