import { describe, expect, it } from 'vitest';
import { citySubmissionReminder } from './city-submission.ts';
import { Fake2026Calendar } from './fake-calendar.fixture.ts';

const calendar = new Fake2026Calendar();

describe('city submission reminder', () => {
  it('is 3 working days before the deadline, skipping National Day', () => {
    expect(citySubmissionReminder(calendar, '2026-10-09')).toEqual({
      date: '2026-09-29',
      at: '2026-09-29T17:00:00+08:00',
      workingDaysBefore: 3,
    });
  });

  it('skips the Dragon Boat holiday before a Monday deadline', () => {
    expect(citySubmissionReminder(calendar, '2026-06-22').date).toBe('2026-06-16');
  });

  it('never counts the deadline day itself', () => {
    expect(citySubmissionReminder(calendar, '2026-06-18', { workingDaysBefore: 1 }).date).toBe('2026-06-17');
  });
});
