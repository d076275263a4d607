import type { Pool } from 'pg';
import { processIds } from '../../bpmn/contract.ts';
import type { Clock } from '../engine/clock.ts';
import type { Principal } from '../auth/roles.ts';
import { appendAudit } from '../db/cycle/audit-log.ts';
import { withTransaction } from '../db/pool.ts';
import { moveDraftAttachments } from './attachments.ts';
import { startCase, type CaseStartDependencies } from './case-starts.ts';
import { recordDeclaration, type SubmittedDeclaration } from './submit-declaration.ts';

/** A declaration being prepared: what its enterprise (or a member unit) will submit. */
export interface Draft {
  readonly id: number;
  readonly campaignYear: number;
  readonly enterpriseId: string;
  readonly productName: string;
  readonly category: 'AGRICULTURE' | 'MANUFACTURING' | 'SERVICE';
  readonly channel: 'COUNTY' | 'MEMBER_UNIT' | 'CARRY_OVER';
  /** The member unit whose supplementary recommendation it is (its id in the directory; channel MEMBER_UNIT only). */
  readonly memberUnit: string | null;
  readonly facts: unknown;
  readonly status: 'DRAFT' | 'SUBMITTED' | 'DECLINED';
  readonly declarationNumber: string | null;
  /** Last year's declaration a carry-over draft continues (channel CARRY_OVER only). */
  readonly carriedFrom: string | null;
  /** Why the enterprise declined a carry-over (status DECLINED only). */
  readonly declinedReason: string | null;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface DraftInput {
  readonly campaignYear: number;
  readonly enterpriseId: string;
  readonly productName: string;
  readonly category: Draft['category'];
  readonly channel: 'COUNTY' | 'MEMBER_UNIT';
  readonly memberUnit?: string;
  readonly facts: unknown;
}

/** A draft could not be written: the campaign is not open, or the enterprise does not exist. */
export class DraftRefused extends Error {
  override readonly name = 'DraftRefused';
  constructor(
    message: string,
    readonly reason: 'CAMPAIGN_NOT_OPEN' | 'NO_ENTERPRISE' | 'NOT_A_DRAFT' | 'PRODUCT_DECLARED' | 'NOT_CARRY_OVER',
  ) {
    super(message);
  }
}

const COLUMNS = `id::int, campaign_year AS "campaignYear", enterprise_id AS "enterpriseId", product_name AS "productName", category, channel,
  member_unit AS "memberUnit", facts, status, declaration_number AS "declarationNumber", carried_from AS "carriedFrom",
  declined_reason AS "declinedReason", created_by AS "createdBy", created_at AS "createdAt", updated_at AS "updatedAt"`;

/**
 * Who may see and change a draft: the enterprise its own; a member unit's people the drafts of
 * their unit (`member_unit`, the unit's id). A draft made before migration 0029 names the user who
 * made it in both `member_unit` and `created_by`: it is the draft of the unit he now belongs to.
 * A member-unit user without a unit sees none.
 */
function draftScope(principal: Principal): { sql: string; value: unknown } {
  if (principal.role === 'enterprise') return { sql: `enterprise_id = $2`, value: principal.scope };
  if (principal.role === 'member_unit') {
    return {
      sql: `channel = 'MEMBER_UNIT' AND (member_unit = $2::text
             OR (member_unit = created_by AND created_by IN (SELECT username FROM users WHERE role = 'member_unit' AND scope = $2::text)))`,
      value: principal.scope,
    };
  }
  return { sql: 'false AND $2::text IS NULL', value: null };
}

async function campaignOpen(db: Pool, year: number): Promise<boolean> {
  const { rows } = await db.query<{ status: string }>('SELECT status FROM campaigns WHERE year = $1', [year]);
  return rows[0]?.status === 'OPEN';
}

export async function createDraft(db: Pool, clock: Clock, input: DraftInput, createdBy: string): Promise<Draft> {
  if (!(await campaignOpen(db, input.campaignYear))) {
    throw new DraftRefused(`${input.campaignYear} 年度未在申报期 / the ${input.campaignYear} campaign is not open for declarations`, 'CAMPAIGN_NOT_OPEN');
  }
  // Only a confirmed enterprise declares: its confirmed name is what publicity will show.
  const enterprise = await db.query<{ status: string }>('SELECT status FROM enterprises WHERE id = $1', [input.enterpriseId]);
  if (!enterprise.rows[0]) throw new DraftRefused(`企业不存在 / no enterprise ${input.enterpriseId}`, 'NO_ENTERPRISE');
  if (enterprise.rows[0].status !== 'CONFIRMED') {
    throw new DraftRefused(`企业 ${input.enterpriseId} 的登记尚待所在县（市、区）确认 / the registration of ${input.enterpriseId} awaits its county's confirmation`, 'NO_ENTERPRISE');
  }
  const at = clock.now();
  const { rows } = await db.query<Draft>(
    `INSERT INTO declaration_drafts (campaign_year, enterprise_id, product_name, category, channel, member_unit, facts, status, created_by, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'DRAFT', $8, $9, $9) RETURNING ${COLUMNS}`,
    [input.campaignYear, input.enterpriseId, input.productName, input.category, input.channel, input.memberUnit ?? null, JSON.stringify(input.facts), createdBy, at],
  );
  return rows[0]!;
}

export async function findDraft(db: Pool, principal: Principal, id: number): Promise<Draft | undefined> {
  const scope = draftScope(principal);
  const { rows } = await db.query<Draft>(`SELECT ${COLUMNS} FROM declaration_drafts WHERE id = $1 AND ${scope.sql}`, [id, scope.value]);
  return rows[0];
}

function notADraft(draft: Draft): DraftRefused {
  return draft.status === 'DECLINED'
    ? new DraftRefused(`已放弃的结转申报不能修改或提交 / the carry-over draft ${draft.id} was declined; it can no longer change or be submitted`, 'NOT_A_DRAFT')
    : new DraftRefused(`已提交的申报不能修改 / draft ${draft.id} was submitted as ${draft.declarationNumber}; it can no longer change`, 'NOT_A_DRAFT');
}

/** The drafts the user may see, newest first (an enterprise's carry-over offers among them). */
export async function listDrafts(db: Pool, principal: Principal, filter: { status?: Draft['status']; campaignYear?: number }): Promise<Draft[]> {
  const scope = draftScope(principal);
  const { rows } = await db.query<Draft>(
    `SELECT ${COLUMNS} FROM declaration_drafts WHERE ${scope.sql.replaceAll('$2', '$1')} AND ($2::text IS NULL OR status = $2) AND ($3::int IS NULL OR campaign_year = $3)
      ORDER BY id DESC LIMIT 500`,
    [scope.value, filter.status ?? null, filter.campaignYear ?? null],
  );
  return rows;
}

/** Changes a draft while it is one; undefined if the user cannot see it. */
export async function updateDraft(
  db: Pool,
  clock: Clock,
  principal: Principal,
  id: number,
  change: Partial<Pick<DraftInput, 'productName' | 'category' | 'facts'>>,
): Promise<Draft | undefined> {
  const draft = await findDraft(db, principal, id);
  if (!draft) return undefined;
  if (draft.status !== 'DRAFT') throw notADraft(draft);
  const { rows } = await db.query<Draft>(
    `UPDATE declaration_drafts SET product_name = $2, category = $3, facts = $4, updated_at = $5 WHERE id = $1 AND status = 'DRAFT' RETURNING ${COLUMNS}`,
    [id, change.productName ?? draft.productName, change.category ?? draft.category, JSON.stringify(change.facts ?? draft.facts), clock.now()],
  );
  if (!rows[0]) throw new DraftRefused(`已提交的申报不能修改 / draft ${id} was submitted meanwhile`, 'NOT_A_DRAFT');
  return rows[0];
}

/**
 * Submits a draft: in one transaction the declaration gets its number, its case start is
 * recorded, the draft is marked submitted and its attachments become the declaration's; then its
 * case starts (case-starts.ts). The draft's row lock makes concurrent submissions of one draft
 * (and uploads to it) wait for the first: they, and any later submission of a submitted draft,
 * answer its declaration and case.
 */
export async function submitDraft(
  deps: CaseStartDependencies,
  principal: Principal,
  id: number,
): Promise<(SubmittedDeclaration & { draft: Draft }) | undefined> {
  const draft = await findDraft(deps.db, principal, id);
  if (!draft) return undefined;
  if (draft.status === 'DECLINED') throw notADraft(draft);
  if (draft.status === 'DRAFT' && !(await campaignOpen(deps.db, draft.campaignYear))) {
    throw new DraftRefused(`${draft.campaignYear} 年度申报已截止 / the ${draft.campaignYear} campaign no longer takes declarations`, 'CAMPAIGN_NOT_OPEN');
  }
  const number = await withTransaction(deps.db, async (db) => {
    const { rows } = await db.query<{ declaration_number: string | null; status: Draft['status'] }>('SELECT declaration_number, status FROM declaration_drafts WHERE id = $1 FOR UPDATE', [id]);
    const submitted = rows[0]?.declaration_number;
    if (submitted) return submitted;
    if (rows[0]?.status === 'DECLINED') throw notADraft({ ...draft, status: 'DECLINED' });
    // One declaration per product and year: another draft of the same product already numbered it.
    const { rows: declared } = await db.query<{ number: string }>(
      'SELECT number FROM declarations WHERE campaign_year = $1 AND enterprise_id = $2 AND product_name = $3',
      [draft.campaignYear, draft.enterpriseId, draft.productName],
    );
    if (declared[0]) {
      throw new DraftRefused(
        `产品“${draft.productName}”本年度已申报（${declared[0].number}），不能再次提交；请修改产品名称或删除本草稿 / ` +
          `the product "${draft.productName}" was already declared this year as ${declared[0].number}; rename the product of draft ${id} or drop it`,
        'PRODUCT_DECLARED',
      );
    }
    const at = deps.clock.now();
    const recorded = await recordDeclaration(db, at, {
      campaignYear: draft.campaignYear,
      enterpriseId: draft.enterpriseId,
      productName: draft.productName,
      category: draft.category,
      channel: draft.channel,
      ...(draft.memberUnit ? { memberUnit: draft.memberUnit } : {}),
      ...(draft.carriedFrom ? { carriedFrom: draft.carriedFrom } : {}),
      facts: draft.facts,
      submittedBy: principal.username,
    });
    await db.query(`UPDATE declaration_drafts SET status = 'SUBMITTED', declaration_number = $2, updated_at = $3 WHERE id = $1`, [id, recorded, at]);
    // The files uploaded with the draft are the declaration's from its first moment: the
    // eligibility check that the case starts with judges them.
    const moved = await moveDraftAttachments(db, id, recorded);
    if (moved.length > 0) {
      await appendAudit(db, {
        actor: principal.username,
        role: principal.role,
        action: 'attachment.submitted_with_draft',
        subjectType: 'declaration',
        subjectId: recorded,
        detail: { draftId: id, attachmentIds: moved },
        at,
      });
    }
    return recorded;
  });
  const processInstanceKey = await startCase(deps, processIds.declaration, number);
  return { number, processInstanceKey, draft: (await findDraft(deps.db, principal, id))! };
}
