import { describe, expect, it } from 'vitest';
import { buildAuditEntry, IncompleteAuditEntry, InvalidAuditEntry, type AuditEntryDraft } from './build-audit-entry.ts';

const now = new Date('2026-10-13T09:00:00.000Z');
const draft: AuditEntryDraft = {
  actor: { id: 'u-17', name: '李处长', role: 'provincial_office' },
  action: 'credit.decided',
  subject: { type: 'declaration', id: 'JP-2026-001' },
  reason: '  处罚已于 2025 年信用修复，不影响认定  ',
  before: { creditStatus: 'AWAITING_DECISION' },
  after: { creditStatus: 'PROCEED_BY_DECISION' },
};

function incomplete(input: AuditEntryDraft): IncompleteAuditEntry {
  try {
    buildAuditEntry(input, now);
  } catch (error) {
    if (error instanceof IncompleteAuditEntry) return error;
    throw error;
  }
  throw new Error('expected IncompleteAuditEntry');
}

describe('building an audit entry', () => {
  it('records who, role, when in Beijing time, what, why, before and after', () => {
    expect(buildAuditEntry(draft, now)).toEqual({
      actor: { id: 'u-17', name: '李处长', role: 'provincial_office' },
      at: '2026-10-13T17:00:00.000+08:00',
      action: 'credit.decided',
      subject: { type: 'declaration', id: 'JP-2026-001' },
      reason: '处罚已于 2025 年信用修复，不影响认定',
      before: { creditStatus: 'AWAITING_DECISION' },
      after: { creditStatus: 'PROCEED_BY_DECISION' },
    });
  });

  it('needs no reason or summaries, and drops a blank reason', () => {
    const entry = buildAuditEntry({ actor: { id: 'worker', role: 'system' }, action: 'panel.drawn', subject: { type: 'campaign', id: '2026' }, reason: '  ' }, now);
    expect(entry).not.toHaveProperty('reason');
    expect(entry).not.toHaveProperty('before');
  });

  it('refuses an entry without actor, action or subject, naming each', () => {
    expect(incomplete({ ...draft, actor: undefined }).missing).toEqual(['actor']);
    expect(incomplete({ ...draft, actor: { id: 'u-17' } }).missing).toEqual(['actor']);
    expect(incomplete({ ...draft, action: '   ' }).missing).toEqual(['action']);
    expect(incomplete({ ...draft, subject: { type: 'declaration' } }).missing).toEqual(['subject']);
    const none = incomplete({ reason: 'x' });
    expect(none.missing).toEqual(['actor', 'action', 'subject']);
    expect(none.message).toBe('审计记录缺少操作人、操作、对象 / the audit entry has no actor, action, subject');
  });

  it('refuses an unknown role or an action not in dotted lower case', () => {
    expect(() => buildAuditEntry({ ...draft, actor: { id: 'u', role: 'MAYOR' as never } }, now)).toThrow(InvalidAuditEntry);
    expect(() => buildAuditEntry({ ...draft, action: 'Credit Decided' }, now)).toThrow(/\/action/);
  });

  it('freezes the entry and does not share the caller’s summaries', () => {
    const before = { status: 'OPEN' };
    const entry = buildAuditEntry({ ...draft, before }, now);
    expect(Object.isFrozen(entry) && Object.isFrozen(entry.actor) && Object.isFrozen(entry.before)).toBe(true);
    before.status = 'CHANGED';
    expect(entry.before).toEqual({ status: 'OPEN' });
  });
});
