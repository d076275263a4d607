import type { DeadlineKind } from '../kinds.ts';

/** The words of a deadline notification, with the case, the deadline and the party filled in. */
export interface DeadlineFacts {
  readonly caseNumber: string;
  /** Already formatted in Beijing time and the recipient's language. */
  readonly deadline: string;
  /** The party whose deadline passed, named in the recipient's language; escalations only. */
  readonly concerning: string | undefined;
}

export interface DeadlineWording {
  subject(facts: DeadlineFacts): string;
  /** What happened and what the recipient is expected to do. */
  body(facts: DeadlineFacts): string;
}

/** Everything a language must say, so a missing translation fails the type check. */
export interface Wording {
  readonly deadline: Record<DeadlineKind, DeadlineWording>;
  readonly digest: {
    subject(date: string, overdue: number, dueSoon: number): string;
    overdueHeading: string;
    dueSoonHeading: string;
    nothing: string;
    item(caseNumber: string, taskName: string, due: string): string;
  };
  greeting(name: string): string;
  linkLabel: string;
  footer: string;
}
