import type { Pool } from 'pg';

/** One announced declaration with the certificate its body issued (公告名单的一行). */
export interface AnnouncedEntry {
  readonly declarationNumber: string;
  readonly enterpriseName: string;
  readonly creditCode: string;
  readonly productName: string;
  readonly category: 'AGRICULTURE' | 'MANUFACTURING' | 'SERVICE';
  readonly countyCode: string;
  readonly certificateNumber: string | null;
  readonly issuedAt: Date | null;
  readonly bodyName: string | null;
  readonly status: 'VALID' | 'EXPIRED' | 'RENEWED' | 'WITHDRAWN' | null;
}

export interface Announcement {
  readonly year: number;
  readonly noticeNumber: string;
  readonly announcementNumber: string | null;
  readonly announcedAt: Date | null;
  readonly entries: readonly AnnouncedEntry[];
}

const entryColumns = `d.number AS "declarationNumber", e.name AS "enterpriseName", e.id AS "creditCode", d.product_name AS "productName", d.category,
  e.county_code AS "countyCode", cert.number AS "certificateNumber", cert.issued_at AS "issuedAt", b.name AS "bodyName", cert.status`;
const entryJoins = `JOIN enterprises e ON e.id = d.enterprise_id
  LEFT JOIN certificates cert ON cert.declaration_number = d.number
  LEFT JOIN certification_bodies b ON b.id = cert.issued_by`;

/** The year's announcement, or undefined while the year is not announced. */
export async function findAnnouncement(db: Pool, year: number): Promise<Announcement | undefined> {
  const campaign = await db.query<{ noticeNumber: string; announcementNumber: string | null; announcedAt: Date | null }>(
    `SELECT notice_number AS "noticeNumber", announcement_number AS "announcementNumber", announced_at AS "announcedAt" FROM campaigns WHERE year = $1 AND status = 'ANNOUNCED'`,
    [year],
  );
  if (!campaign.rows[0]) return undefined;
  const { rows } = await db.query<AnnouncedEntry>(`SELECT ${entryColumns} FROM declarations d ${entryJoins} WHERE d.campaign_year = $1 AND d.outcome = 'ANNOUNCED' ORDER BY d.number`, [year]);
  return { year, ...campaign.rows[0], entries: rows };
}

/** The certificate of an announced declaration, with its announcement; undefined when it has none. */
export async function findCertificate(db: Pool, declarationNumber: string): Promise<{ entry: AnnouncedEntry & { certificateNumber: string; issuedAt: Date }; year: number; announcementNumber: string | null } | undefined> {
  const { rows } = await db.query<AnnouncedEntry & { certificateNumber: string; issuedAt: Date; year: number; announcementNumber: string | null }>(
    `SELECT ${entryColumns}, d.campaign_year AS year, c.announcement_number AS "announcementNumber"
       FROM declarations d JOIN campaigns c ON c.year = d.campaign_year ${entryJoins}
      WHERE d.number = $1 AND cert.number IS NOT NULL`,
    [declarationNumber],
  );
  const row = rows[0];
  if (!row) return undefined;
  const { year, announcementNumber, ...entry } = row;
  return { entry, year, announcementNumber };
}
