import { describe, expect, it } from 'vitest';
import { deadlineKinds } from './kinds.ts';
import { renderNotification } from './render.ts';

const to = (language: 'zh' | 'en') => ({ name: 'Office', language, baseUrl: 'https://jingpin.example.gov.cn/' });

describe('renderNotification', () => {
  it.each(deadlineKinds.flatMap((kind) => [[kind, 'zh'], [kind, 'en']] as const))('%s in %s names the case, the Beijing deadline and the link', (kind, language) => {
    const message = renderNotification({ kind, caseNumber: 'JP 2026/1', deadline: '2026-10-13T09:00:00Z' }, to(language));
    expect(message.subject).toContain('JP 2026/1');
    expect(message.subject + message.text).toContain(language === 'zh' ? '2026年10月13日 17:00' : '13 Oct 2026, 17:00');
    expect(message.text).toContain('https://jingpin.example.gov.cn/cases/JP%202026%2F1/tasks');
    // One language per message: no Chinese in the English one beyond the scheme's own name.
    if (language === 'en') expect(message.text.replaceAll('江苏精品', '')).not.toMatch(/\p{Script=Han}/u);
    else expect(message.subject.startsWith('【江苏精品】')).toBe(true);
  });

  it('gives the same text for the same input', () => {
    const content = { kind: 'deadline-reminder', caseNumber: 'JP-1', deadline: '2026-10-13T09:00:00Z' } as const;
    expect(renderNotification(content, to('zh'))).toEqual(renderNotification(content, to('zh')));
  });
});
