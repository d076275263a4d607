import { describe, expect, it } from 'vitest';
import { ChineseWorkingDayCalendar } from '../calendar/chinese-working-day-calendar.ts';
import { memberOpinionsDue } from './member-opinions.ts';

describe('memberOpinionsDue', () => {
  const calendar = new ChineseWorkingDayCalendar([]);

  it('is 5 working days after the request, at 17:00 Beijing time', () => {
    // Friday 2023-09-15: the following Monday to Friday.
    expect(memberOpinionsDue(calendar, '2023-09-15')).toEqual({ date: '2023-09-22', at: '2023-09-22T17:00:00+08:00' });
  });

  it('skips the National Day holiday and counts its make-up working day', () => {
    // 2023: 29 Sep – 6 Oct off, Saturday 7 and Sunday 8 Oct worked: 28 Sep, 7, 8, 9, 10 Oct.
    expect(memberOpinionsDue(calendar, '2023-09-27').date).toBe('2023-10-10');
  });
});
