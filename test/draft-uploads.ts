import { claimedFiles } from '../bin/demo/scripted-evidence.ts';

/**
 * Uploads to a draft of a running jingpin one small PDF for each kind of material its facts list,
 * and one financial report per year its `financialReports` name, as the enterprise's form does
 * before submitting (the eligibility check reads the files, not the list). Throws naming the kind
 * when an upload is not taken.
 */
export async function uploadDraftFiles(address: string, token: string, draftId: number | string, facts: Record<string, unknown>): Promise<void> {
  for (const { kind, reportYear } of claimedFiles(facts)) {
    const form = new FormData();
    form.append('kind', kind);
    if (reportYear !== undefined) form.append('reportYear', String(reportYear));
    form.append('file', new Blob([`%PDF-1.4\n% ${kind}\n%%EOF\n`], { type: 'application/pdf' }), `${kind}.pdf`);
    const answer = await fetch(`${address}/declarations/drafts/${draftId}/attachments`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    if (answer.status !== 201) throw new Error(`upload of ${kind} ${reportYear ?? ''} to draft ${draftId}: ${answer.status} ${await answer.text()}`);
  }
}
