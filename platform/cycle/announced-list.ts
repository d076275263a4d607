import type { Pool } from 'pg';
import { beijingDateOf } from '../../domain/deadlines/beijing-time.ts';
import { certificateValidity } from '../../domain/deadlines/certificate-validity.ts';

/** One product on an announced list (公告), with the certificate its body issued. */
export interface AnnouncedEntry {
  readonly campaignYear: number;
  readonly announcementNumber: string | null;
  readonly number: string;
  readonly enterpriseName: string;
  readonly cityCode: string;
  readonly productName: string;
  readonly category: string;
  readonly certificateNumber: string | null;
  readonly issuedBy: string | null;
  /** YYYY-MM-DD (Beijing), or null without a certificate. */
  readonly issuedOn: string | null;
  readonly validThrough: string | null;
}

/**
 * The announced lists: public once announced. One year's, or every year's (newest first) when no
 * year is given. The CSV export (lists-csv.ts) and the public page read the same rows.
 */
export async function announcedList(db: Pool, year?: number): Promise<AnnouncedEntry[]> {
  const { rows } = await db.query<{ year: number; announcement: string | null; number: string; enterprise: string; city: string; product: string; category: string; certificate: string | null; issued: Date | null; body: string | null }>(
    `SELECT d.campaign_year AS year, c.announcement_number AS announcement, d.number, e.name AS enterprise, e.city_code AS city, d.product_name AS product,
            d.category, cert.number AS certificate, cert.issued_at AS issued, b.name AS body
       FROM declarations d JOIN campaigns c ON c.year = d.campaign_year JOIN enterprises e ON e.id = d.enterprise_id
       LEFT JOIN certificates cert ON cert.declaration_number = d.number
       LEFT JOIN certification_bodies b ON b.id = cert.issued_by
      WHERE ($1::int IS NULL OR d.campaign_year = $1) AND d.outcome = 'ANNOUNCED'
      ORDER BY d.campaign_year DESC, d.number`,
    [year ?? null],
  );
  return rows.map((r) => {
    const validity = r.issued ? certificateValidity(beijingDateOf(r.issued)) : undefined;
    return {
      campaignYear: r.year,
      announcementNumber: r.announcement,
      number: r.number,
      enterpriseName: r.enterprise,
      cityCode: r.city,
      productName: r.product,
      category: r.category,
      certificateNumber: r.certificate,
      issuedBy: r.body,
      issuedOn: validity?.issuedOn ?? null,
      validThrough: validity?.expiresOn ?? null,
    };
  });
}
