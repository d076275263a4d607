import type { DeadlineKind } from './kinds.ts';
import type { PartyRef } from './roles.ts';

/** The languages a contact can read jingpin's mail in. */
export const languages = ['zh', 'en'] as const;
export type Language = (typeof languages)[number];

/** What a deadline notification is about: references only, the words come from the templates. */
export interface DeadlineContent {
  readonly kind: DeadlineKind;
  /** The case's business key: a declaration number, or the campaign year for campaign-wide deadlines. */
  readonly caseNumber: string;
  /** ISO 8601 date-time with offset. */
  readonly deadline: string;
  /** For an escalation: the party whose deadline passed. */
  readonly concerning?: PartyRef;
}

/** One open user task in a digest. */
export interface DigestItem {
  readonly caseNumber: string;
  readonly taskName: string;
  /** ISO 8601 date-time with offset. */
  readonly dueDate: string;
  readonly userTaskKey: string;
}

/** One office's morning list: what is overdue and what falls due within five working days. */
export interface DigestContent {
  readonly kind: 'daily-digest';
  /** The Beijing date of the digest, `YYYY-MM-DD`. */
  readonly date: string;
  readonly office: PartyRef;
  readonly overdue: readonly DigestItem[];
  readonly dueSoon: readonly DigestItem[];
}

export type NotificationContent = DeadlineContent | DigestContent;
