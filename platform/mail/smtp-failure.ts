/**
 * Whether retrying cannot help: the SMTP server answered with a 5xx reply (550 no such mailbox,
 * 553 bad address, 535 bad credentials, …). Such a message goes to the dead letters at once,
 * where the office can fix the cause and resend it. A 4xx reply (451 try later, greylisting)
 * or a broken connection is passing, and is retried with backoff.
 */
export function isPermanentSmtpFailure(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/** The error as an operator reads it in the dead-letter list. */
export function describeSmtpFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const response = (error as { response?: unknown }).response;
  return typeof response === 'string' && !error.message.includes(response) ? `${error.message} (${response})` : error.message;
}
