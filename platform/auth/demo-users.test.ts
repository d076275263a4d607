import { describe, expect, it } from 'vitest';
import { demoUsers } from './demo-users.ts';
import { roles, scopeProblem } from './roles.ts';

describe('demoUsers', () => {
  it('has a user of every role, two scopes for each scoped role, every scope valid', () => {
    const users = demoUsers();
    expect(new Set(users.map((u) => u.role))).toEqual(new Set(roles));
    expect(users.filter((u) => u.role === 'city_office').map((u) => u.scope)).toEqual(['320100', '320200']);
    for (const user of users) expect(scopeProblem(user.role, user.scope), user.username).toBeUndefined();
    expect(new Set(users.map((u) => u.username)).size).toBe(users.length);
  });
});
