import { describe, expect, it } from 'vitest';
import { weekdayCalendar } from '../../test/notifications/weekday-calendar.ts';
import { buildDigests, type OpenTask } from './digest.ts';

const task = (key: string, dueDate: string | null, groups: string[]): OpenTask => ({ userTaskKey: key, caseNumber: `JP-${key}`, taskName: 'Review', dueDate, candidateGroups: groups });
// Friday 9 October 2026, 08:00 in Beijing.
const now = new Date('2026-10-09T08:00:00+08:00');

describe('buildDigests', () => {
  it('looks five working days ahead, skipping the weekend and holidays', () => {
    const tasks = [task('a', '2026-10-16T23:59:59+08:00', ['city-320100']), task('b', '2026-10-19T00:00:00+08:00', ['city-320100'])];
    expect(buildDigests(tasks, now, weekdayCalendar())[0]?.dueSoon.map((t) => t.userTaskKey)).toEqual(['a']);
    // A holiday on Monday 12 October pushes the fifth working day to Monday 19 October.
    expect(buildDigests(tasks, now, weekdayCalendar(['2026-10-12']))[0]?.dueSoon.map((t) => t.userTaskKey)).toEqual(['a', 'b']);
  });

  it('calls a task overdue from the instant its due time passed', () => {
    const tasks = [task('late', '2026-10-09T07:59:59+08:00', ['city-320100']), task('now', '2026-10-09T08:00:00+08:00', ['city-320100'])];
    const [digest] = buildDigests(tasks, now, weekdayCalendar());
    expect(digest?.overdue.map((t) => t.userTaskKey)).toEqual(['late']);
    expect(digest?.dueSoon.map((t) => t.userTaskKey)).toEqual(['now']);
  });

  it('puts a task on the list of every office it is offered to, and ignores groups that are not offices', () => {
    const digests = buildDigests([task('a', '2026-10-12T17:00:00+08:00', ['city-320100', 'cb-007', 'experts'])], now, weekdayCalendar());
    expect(digests.map((d) => d.office)).toEqual([
      { role: 'city_office', scope: '320100' },
      { role: 'certification_body', scope: '007' },
    ]);
  });

  it('sends no digest to an office with nothing due, and never lists a task without a due date', () => {
    const tasks = [task('far', '2026-12-01T17:00:00+08:00', ['city-320100']), task('none', null, ['city-320200'])];
    expect(buildDigests(tasks, now, weekdayCalendar())).toEqual([]);
  });

  it('orders each list by due date and dates the digest in Beijing', () => {
    const tasks = [task('b', '2026-10-14T17:00:00+08:00', ['city-320100']), task('a', '2026-10-13T17:00:00+08:00', ['city-320100'])];
    const [digest] = buildDigests(tasks, new Date('2026-10-09T00:30:00Z'), weekdayCalendar());
    expect(digest?.date).toBe('2026-10-09');
    expect(digest?.dueSoon.map((t) => t.userTaskKey)).toEqual(['a', 'b']);
  });
});
