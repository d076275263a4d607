import { describe, expect, it } from 'vitest';
import { ChineseWorkingDayCalendar } from '../calendar/chinese-working-day-calendar.ts';
import { timeLeft } from './time-left.ts';

const calendar = new ChineseWorkingDayCalendar();

describe('timeLeft', () => {
  it('counts Chinese working days, skipping the National Day holiday', () => {
    // 28 Sep 2026 (Mon) to 13 Oct 2026: the 1-7 Oct holiday and its weekends are not counted.
    expect(timeLeft('2026-10-13T17:00:00+08:00', new Date('2026-09-28T09:00:00+08:00'), calendar)).toEqual({ overdue: false, workingDaysLeft: 7 });
  });

  it('reads the day in Beijing time: 23:30 UTC is already the next day', () => {
    expect(timeLeft('2026-06-12T17:00:00+08:00', new Date('2026-06-10T23:30:00Z'), calendar)).toEqual({ overdue: false, workingDaysLeft: 1 });
  });

  it('marks a due date that has passed as overdue, with no days left', () => {
    expect(timeLeft('2026-06-12T17:00:00+08:00', new Date('2026-06-12T17:00:01+08:00'), calendar)).toEqual({ overdue: true, workingDaysLeft: 0 });
  });

  it('says nothing of the days left when a year it spans has no calendar', () => {
    expect(timeLeft('2031-03-02T17:00:00+08:00', new Date('2026-06-12T09:00:00+08:00'), calendar)).toEqual({ overdue: false, workingDaysLeft: null });
  });
});
