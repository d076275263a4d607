import type { Pool } from 'pg';
import type { Principal } from '../auth/roles.ts';
import { withTransaction } from '../db/pool.ts';
import { appendAudit, SYSTEM_ACTOR } from '../db/cycle/audit-log.ts';
import type { Clock } from '../engine/clock.ts';
import { DraftRefused, findDraft, type Draft } from './drafts.ts';

/** Last year's key-cultivation declaration that was not announced: what the campaign offers to carry over. */
interface CarriedDeclaration {
  readonly number: string;
  readonly enterpriseId: string;
  readonly productName: string;
  readonly category: Draft['category'];
  readonly facts: Record<string, unknown>;
}

/**
 * Last year's facts for this year's draft, marked as carried over. The CARRY_OVER preference
 * (D6 row 5) asks for the prior-year record as evidence; that record is the campaign's own (last
 * year's key-cultivation list), so it is attached here rather than asked of the enterprise. The
 * year-bound figures (sales, profit and tax, audited reports) stay last year's: the enterprise
 * brings them up to date before it submits, or the eligibility check asks it to.
 */
export function carriedFacts(facts: Record<string, unknown>, campaignYear: number): Record<string, unknown> {
  const { declarationId: _previousNumber, ...rest } = facts;
  const evidence = Array.isArray(rest.evidence) ? (rest.evidence as unknown[]) : [];
  return {
    ...rest,
    campaignYear,
    carryOver: { onPreviousKeyCultivationList: true, certified: false },
    evidence: evidence.includes('PRIOR_YEAR_RECORD') ? evidence : [...evidence, 'PRIOR_YEAR_RECORD'],
  };
}

/**
 * The notice: for last year's key-cultivation enterprises not announced, the localities combine
 * the enterprise's certification intention with its conditions and improve the materials. So each
 * such declaration becomes a carry-over draft of this year for its enterprise, with last year's
 * materials; the enterprise states its intention by updating and submitting it (then its county
 * and city review it like any declaration) or by declining it. One offer per declaration and year:
 * offering again adds nothing. Answers the number of drafts offered now.
 */
export async function offerCarryOver(db: Pool, clock: Clock, campaignYear: number): Promise<number> {
  const { rows } = await db.query<CarriedDeclaration>(
    `SELECT d.number, d.enterprise_id AS "enterpriseId", d.product_name AS "productName", d.category, d.facts
       FROM key_cultivation k JOIN declarations d ON d.number = k.declaration_number
      WHERE k.campaign_year = $1 AND k.selected AND d.outcome IS DISTINCT FROM 'ANNOUNCED' ORDER BY d.number`,
    [campaignYear - 1],
  );
  let offered = 0;
  for (const declaration of rows) {
    const at = clock.now();
    offered += await withTransaction(db, async (client) => {
      const inserted = await client.query<{ id: string }>(
        `INSERT INTO declaration_drafts (campaign_year, enterprise_id, product_name, category, channel, facts, status, carried_from, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, 'CARRY_OVER', $5, 'DRAFT', $6, $7, $8, $8)
         ON CONFLICT (campaign_year, carried_from) WHERE carried_from IS NOT NULL DO NOTHING RETURNING id`,
        [campaignYear, declaration.enterpriseId, declaration.productName, declaration.category, JSON.stringify(carriedFacts(declaration.facts, campaignYear)), declaration.number, SYSTEM_ACTOR, at],
      );
      if (!inserted.rows[0]) return 0;
      await appendAudit(client, {
        actor: SYSTEM_ACTOR,
        role: 'system',
        action: 'declaration.carry_over_offered',
        subjectType: 'declaration',
        subjectId: declaration.number,
        detail: { campaignYear, draftId: Number(inserted.rows[0].id), enterpriseId: declaration.enterpriseId },
        at,
      });
      return 1;
    });
  }
  return offered;
}

/**
 * The enterprise does not intend to seek certification this year: its carry-over draft is closed
 * with the reason, on last year's declaration's trail. Undefined if the user cannot see the draft.
 */
export async function declineCarryOver(db: Pool, clock: Clock, principal: Principal, id: number, reason: string): Promise<Draft | undefined> {
  const draft = await findDraft(db, principal, id);
  if (!draft) return undefined;
  if (draft.channel !== 'CARRY_OVER') throw new DraftRefused(`草稿 ${id} 不是结转申报，无需放弃，可直接删除或不提交 / draft ${id} is not a carry-over; there is nothing to decline`, 'NOT_CARRY_OVER');
  return withTransaction(db, async (client) => {
    const at = clock.now();
    const { rows } = await client.query<{ id: string }>(
      `UPDATE declaration_drafts SET status = 'DECLINED', declined_reason = $2, updated_at = $3 WHERE id = $1 AND status = 'DRAFT' RETURNING id`,
      [id, reason, at],
    );
    if (!rows[0]) {
      throw new DraftRefused(
        draft.status === 'DECLINED' ? `结转申报 ${id} 已放弃 / carry-over draft ${id} was declined already` : `结转申报 ${id} 已提交为 ${draft.declarationNumber} / carry-over draft ${id} was submitted as ${draft.declarationNumber}`,
        'NOT_A_DRAFT',
      );
    }
    await appendAudit(client, {
      actor: principal.username,
      role: principal.role,
      action: 'declaration.carry_over_declined',
      subjectType: 'declaration',
      subjectId: draft.carriedFrom!,
      reason,
      detail: { campaignYear: draft.campaignYear, draftId: id },
      at,
    });
    return { ...draft, status: 'DECLINED' as const, declinedReason: reason, updatedAt: at };
  });
}
