import { Readable } from 'node:stream';
import { evidenceKinds, isYearlyEvidenceKind, type EvidenceKind } from '../../domain/eligibility/input-schema.ts';
import type { AttachmentStore } from '../../platform/cycle/attachment-store.ts';
import { AttachmentRefused, recordStoredAttachment, type AttachmentOwner } from '../../platform/cycle/attachments.ts';
import { systemAttestedKinds } from '../../platform/cycle/evidence-on-file.ts';
import type { Clock } from '../../platform/engine/clock.ts';
import type { Pool } from 'pg';

/**
 * A small real PDF (one page saying it stands for a scripted enterprise's material), built with
 * its cross-reference offsets so a reader opens it. The scripted people attach it for every kind
 * of material they claim: files are stored by SHA-256, so it is kept once however many rows name it.
 */
export function samplePdf(): Buffer {
  const text = 'jingpin demo: scripted material';
  const stream = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** One file a set of facts claims: its kind and, for a financial report, its year. */
export interface ClaimedFile {
  readonly kind: EvidenceKind;
  readonly reportYear?: number;
}

/**
 * The files a set of facts claims that a file can prove (the system attests the rest): each kind
 * listed in `evidence`, and one report per year listed in `financialReports`.
 */
export function claimedFiles(facts: unknown): ClaimedFile[] {
  const { evidence, financialReports } = (facts ?? {}) as { evidence?: unknown; financialReports?: { auditedYears?: unknown; statementYears?: unknown } };
  const claimed = Array.isArray(evidence) ? evidence : [];
  const years = (list: unknown): number[] => (Array.isArray(list) ? list.filter((year): year is number => Number.isInteger(year)) : []);
  return [
    ...evidenceKinds.filter((kind) => claimed.includes(kind) && !systemAttestedKinds.includes(kind) && !isYearlyEvidenceKind(kind)).map((kind) => ({ kind })),
    ...years(financialReports?.auditedYears).map((reportYear) => ({ kind: 'AUDITED_FINANCIAL_REPORT' as const, reportYear })),
    ...years(financialReports?.statementYears).map((reportYear) => ({ kind: 'FINANCIAL_STATEMENTS' as const, reportYear })),
  ];
}

/**
 * How the scripted enterprises of `jingpin demo` and the cycle tests upload what they claim:
 * through the same service (and checks) as an upload, with the sample PDF placed in the store once.
 */
export class ScriptedEvidence {
  #placed: Promise<{ sha256: string; size: number }> | undefined;

  constructor(
    readonly store: AttachmentStore,
    private readonly db: Pool,
    private readonly clock: Clock,
  ) {}

  /**
   * Attaches one sample file for each claimed kind (and report year) the owner has no file of yet. While a
   * declaration waits for a correction it takes only the kinds its reasons name; the script's
   * other claims are left out then, as the upload form would refuse them.
   */
  async attach(owner: AttachmentOwner, facts: unknown, uploadedBy: string, role: 'enterprise' | 'member_unit' = 'enterprise'): Promise<number> {
    const claimed = claimedFiles(facts);
    if (claimed.length === 0) return 0;
    const file = await this.#file();
    const { rows } = await this.db.query<{ kind: string; year: number | null }>(
      'SELECT DISTINCT kind, report_year::int AS year FROM attachments WHERE ' + ('draftId' in owner ? 'draft_id = $1' : 'declaration_number = $1'),
      ['draftId' in owner ? owner.draftId : owner.declarationNumber],
    );
    const key = (kind: string, year: number | null | undefined) => `${kind}/${year ?? ''}`;
    const onFile = new Set(rows.map((row) => key(row.kind, row.year)));
    let attached = 0;
    for (const { kind, reportYear } of claimed.filter((c) => !onFile.has(key(c.kind, c.reportYear)))) {
      const fileName = `${kind.toLowerCase()}${reportYear === undefined ? '' : `-${reportYear}`}.pdf`;
      try {
        await recordStoredAttachment(
          { db: this.db, clock: this.clock, store: this.store },
          { owner, kind, ...(reportYear === undefined ? {} : { reportYear }), fileName, contentType: 'application/pdf', uploadedBy, role, ...file },
        );
        attached++;
      } catch (error) {
        if (!(error instanceof AttachmentRefused && error.reason === 'NOT_NAMED')) throw error;
      }
    }
    return attached;
  }

  #file(): Promise<{ sha256: string; size: number }> {
    this.#placed ??= (async () => {
      const staged = await this.store.stage(Readable.from([samplePdf()]));
      if (await this.store.holds(staged.sha256, staged.size)) await this.store.discard(staged);
      else await this.store.place(staged);
      return { sha256: staged.sha256, size: staged.size };
    })();
    return this.#placed;
  }
}
