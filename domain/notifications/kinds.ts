/** Every kind of notification jingpin sends; each has a template in Chinese and in English. */
export const deadlineKinds = [
  'deadline-reminder',
  'deadline-escalation',
  'cnca-report-reminder',
  'cnca-report-escalation',
  'city-submission-reminder',
  'annual-report-reminder',
  'annual-report-escalation',
  'certificate-renewal-reminder',
] as const;

/** A notification about one deadline of one case: sent by the `notify` task of a model. */
export type DeadlineKind = (typeof deadlineKinds)[number];

export const notificationKinds = [...deadlineKinds, 'daily-digest'] as const;

export type NotificationKind = (typeof notificationKinds)[number];

export function isDeadlineKind(value: string): value is DeadlineKind {
  return (deadlineKinds as readonly string[]).includes(value);
}
