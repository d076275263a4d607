import { formatDeadline } from './beijing-time.ts';
import type { DeadlineContent, DigestContent, DigestItem, Language, NotificationContent } from './content.ts';
import { partyLabel } from './roles.ts';
import { en } from './templates/en.ts';
import type { Wording } from './templates/wording.ts';
import { zh } from './templates/zh.ts';

/** A message ready for the mail transport. */
export interface RenderedMessage {
  readonly subject: string;
  readonly text: string;
}

/** Who the message is for, and where jingpin's web interface is. */
export interface Addressee {
  readonly name: string;
  readonly language: Language;
  /** e.g. `https://jingpin.example.gov.cn`; links are built under it. */
  readonly baseUrl: string;
}

const wordings: Record<Language, Wording> = { zh, en };

/** Writes a notification in the addressee's language. Pure: the same input gives the same text. */
export function renderNotification(content: NotificationContent, to: Addressee): RenderedMessage {
  const wording = wordings[to.language];
  const { subject, lines } = content.kind === 'daily-digest' ? digest(content, to, wording) : deadline(content, to, wording);
  const text = [wording.greeting(to.name), '', ...lines, '', '—', wording.footer, ''].join('\n');
  return { subject, text };
}

/** Where a case's open tasks are shown. */
export function caseTasksUrl(baseUrl: string, caseNumber: string): string {
  return `${trimmed(baseUrl)}/cases/${encodeURIComponent(caseNumber)}/tasks`;
}

/** Where one user task is shown. */
export function taskUrl(baseUrl: string, userTaskKey: string): string {
  return `${trimmed(baseUrl)}/tasks/${encodeURIComponent(userTaskKey)}`;
}

function deadline(content: DeadlineContent, to: Addressee, wording: Wording) {
  const facts = {
    caseNumber: content.caseNumber,
    deadline: formatDeadline(content.deadline, to.language),
    concerning: content.concerning ? partyLabel(content.concerning, to.language) : undefined,
  };
  const words = wording.deadline[content.kind];
  return {
    subject: words.subject(facts),
    lines: [words.body(facts), '', `${wording.linkLabel} ${caseTasksUrl(to.baseUrl, content.caseNumber)}`],
  };
}

function digest(content: DigestContent, to: Addressee, wording: Wording) {
  const words = wording.digest;
  const list = (items: readonly DigestItem[]) =>
    items.length === 0
      ? [words.nothing]
      : items.flatMap((item) => [
          `- ${words.item(item.caseNumber, item.taskName, formatDeadline(item.dueDate, to.language))}`,
          `  ${taskUrl(to.baseUrl, item.userTaskKey)}`,
        ]);
  return {
    subject: words.subject(content.date, content.overdue.length, content.dueSoon.length),
    lines: [words.overdueHeading, ...list(content.overdue), '', words.dueSoonHeading, ...list(content.dueSoon)],
  };
}

function trimmed(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '');
}
