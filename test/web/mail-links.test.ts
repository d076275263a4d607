import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deadlineKinds } from '../../domain/notifications/kinds.ts';
import { renderNotification } from '../../domain/notifications/render.ts';
import { createApiHarness, type ApiHarness } from '../api/api-harness.ts';

/**
 * Every link in every notification template is a page of the workbench: rendered in both
 * languages, each link opened as a browser opens it answers the page (test/web/workbench.test.ts
 * walks both kinds of link in Chromium for a signed-in recipient).
 */
let t: ApiHarness;
beforeAll(async () => {
  t = await createApiHarness();
}, 60_000);
afterAll(() => t.close());

const base = 'https://jingpin.example.gov.cn';
const messages = (['zh', 'en'] as const).flatMap((language) => [
  ...deadlineKinds.flatMap((kind) =>
    ['JP-2026-320100-0001', '2026', 'JPC-2026-320100-0001'].map((caseNumber) => renderNotification({ kind, caseNumber, deadline: '2026-10-13T09:00:00Z' }, { name: '办公室', language, baseUrl: base })),
  ),
  renderNotification(
    {
      kind: 'daily-digest',
      date: '2026-10-13',
      office: { role: 'city_office', scope: '320100' },
      overdue: [{ caseNumber: 'JP-2026-320100-0001', taskName: '市级审核推荐', dueDate: '2026-10-12T09:00:00Z', userTaskKey: '2251799813685021' }],
      dueSoon: [{ caseNumber: '2026', taskName: '城市报送', dueDate: '2026-10-15T09:00:00Z', userTaskKey: '2251799813685022' }],
    },
    { name: '办公室', language, baseUrl: base },
  ),
]);

describe('links in notification mails', () => {
  it('are found in every template', () => {
    for (const message of messages) expect(message.text).toMatch(/https:\/\/jingpin\.example\.gov\.cn\/\S+/);
  });

  it('each open the workbench page, not an API answer', async () => {
    const links = [...new Set(messages.flatMap((m) => [...m.text.matchAll(/https:\/\/jingpin\.example\.gov\.cn(\/\S*)/g)].map((match) => match[1]!)))];
    expect(links.length).toBeGreaterThanOrEqual(4);
    for (const link of links) {
      const response = await t.app.inject({ method: 'GET', url: link, headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
      expect(response.statusCode, link).toBe(200);
      expect(response.body, link).toContain('<script type="module" src="/web/app.js"></script>');
    }
  });
});
