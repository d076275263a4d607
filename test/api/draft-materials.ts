import { expect } from 'vitest';
import type { ApiHarness } from './api-harness.ts';
import { multipart, pdf } from './multipart.ts';
import type { SignedIn } from './sign-in.ts';

/**
 * Uploads to a draft one PDF for each kind of material its facts list, as the enterprise's form
 * does before submitting (the eligibility check reads the files, not the list). Answers the
 * attachment ids.
 */
export async function uploadDraftMaterials(t: ApiHarness, user: SignedIn, draftId: number, facts: Record<string, unknown>, except: readonly string[] = []): Promise<number[]> {
  const ids: number[] = [];
  for (const kind of (facts.evidence as string[]).filter((k) => k !== 'PRIOR_YEAR_RECORD' && !except.includes(k))) {
    const form = multipart([{ name: 'kind', value: kind }, { name: 'file', filename: `${kind}.pdf`, contentType: 'application/pdf', data: pdf(kind) }]);
    const uploaded = await t.app.inject({ method: 'POST', url: `/declarations/drafts/${draftId}/attachments`, payload: form.payload, headers: { ...user.headers, ...form.headers } });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    ids.push(uploaded.json().id);
  }
  return ids;
}
