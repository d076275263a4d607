import type { Pool } from 'pg';

/**
 * The declarations an expert scores in a campaign: those of his panel as a member, less any he
 * is kept off (panel_exclusions), in number order.
 */
export async function panelDeclarations(db: Pool, expertId: string, campaignYear: number): Promise<string[]> {
  const { rows } = await db.query<{ number: string }>(
    `SELECT p.declaration_number AS number FROM panel_assignments p JOIN declarations d ON d.number = p.declaration_number
      WHERE p.expert_id = $1 AND p.role = 'MEMBER' AND d.campaign_year = $2
        AND NOT EXISTS (SELECT 1 FROM panel_exclusions x WHERE x.declaration_number = p.declaration_number AND x.expert_id = p.expert_id)
      ORDER BY p.declaration_number`,
    [expertId, campaignYear],
  );
  return rows.map((r) => r.number);
}
