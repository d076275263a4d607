import type { IsoDate } from '../calendar/working-day-calendar.ts';
import { beijingDateTime } from './beijing-time.ts';
import { assertPositiveDayCount, deadlineOn, type BeijingDeadline, type DeadlineHourOption } from './deadline.ts';
import { addCalendarDays, anniversary } from './iso-date.ts';

/** A 江苏精品 certificate is valid for 3 years [SEED]. */
export const CERTIFICATE_VALIDITY_YEARS = 3;

/** Renewal reminders 90 and 30 calendar days before expiry [ASSUMED, DOMAIN §11 q2]. */
export const RENEWAL_REMINDER_DAYS_BEFORE: readonly number[] = [90, 30];

/** When a certificate is valid. */
export interface CertificateValidity {
  readonly issuedOn: IsoDate;
  /** The last day on which the certificate is valid (inclusive). */
  readonly expiresOn: IsoDate;
  /** The first instant it is no longer valid: 00:00 Beijing time the day after `expiresOn`; for a timer. */
  readonly lapsesAt: string;
}

/** A renewal reminder a number of calendar days before expiry. */
export interface RenewalReminder extends BeijingDeadline {
  readonly daysBefore: number;
}

/**
 * The certificate's validity. It expires on the day **before** the third anniversary of issue:
 * the issue day is itself a day of validity, so three full years end the day before (issued
 * 2026-03-15, valid through 2029-03-14), as Chinese certificates print "有效期至" and as a
 * "3-year" period never exceeds three years. (Civil Code art. 201 would start counting the next
 * day and end on the anniversary; we choose the shorter reading so validity is never overstated
 * [ASSUMED].) Issued on 29 February, the anniversary in a common year is 1 March, so the
 * certificate is valid through 28 February.
 */
export function certificateValidity(issuedOn: IsoDate): CertificateValidity {
  const lapsesOn = anniversary(issuedOn, CERTIFICATE_VALIDITY_YEARS);
  return { issuedOn, expiresOn: addCalendarDays(lapsesOn, -1), lapsesAt: beijingDateTime(lapsesOn, 0) };
}

/** Options of the renewal reminder rule. */
export interface RenewalReminderOptions extends DeadlineHourOption {
  /** Calendar days before expiry; default [90, 30]. */
  readonly daysBefore?: readonly number[];
}

/**
 * Renewal reminders, earliest first, in **calendar** days before `expiresOn`. Not working days:
 * expiry lies up to three years ahead, where no holiday arrangement is published yet, so a
 * working-day rule would leave every reminder pending for years.
 */
export function renewalReminders(expiresOn: IsoDate, options: RenewalReminderOptions = {}): RenewalReminder[] {
  const daysBefore = [...(options.daysBefore ?? RENEWAL_REMINDER_DAYS_BEFORE)].sort((a, b) => b - a);
  return daysBefore.map((days) => {
    assertPositiveDayCount({ zh: '提前提醒的天数', en: 'the days before expiry' }, days);
    return { ...deadlineOn(addCalendarDays(expiresOn, -days), options), daysBefore: days };
  });
}

/**
 * Yearly surveillance (DOMAIN §11 q2): due by the day before the first and the second anniversary
 * of issue, the same "full year" reading as expiry; the third year ends in re-certification, not
 * surveillance [ASSUMED].
 */
export function surveillanceDueDates(issuedOn: IsoDate, options: DeadlineHourOption = {}): BeijingDeadline[] {
  const dues: BeijingDeadline[] = [];
  for (let year = 1; year < CERTIFICATE_VALIDITY_YEARS; year += 1) {
    dues.push(deadlineOn(addCalendarDays(anniversary(issuedOn, year), -1), options));
  }
  return dues;
}
