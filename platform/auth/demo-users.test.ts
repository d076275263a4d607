import { describe, expect, it } from 'vitest';
import { demoUsers, memberUnitUserName } from './demo-users.ts';
import { roles, scopeProblem } from './roles.ts';

describe('demoUsers', () => {
  it('has a user of every role, two scopes for each scoped role, every scope valid', () => {
    const users = demoUsers();
    expect(new Set(users.map((u) => u.role))).toEqual(new Set(roles));
    expect(users.filter((u) => u.role === 'city_office').map((u) => u.scope)).toEqual(['320100', '320200']);
    // Member units act for one unit each, named as the demo's scripted answers name their people.
    expect(users.filter((u) => u.role === 'member_unit').map((u) => [u.username, u.scope])).toEqual([
      [memberUnitUserName('MU-01'), 'MU-01'],
      [memberUnitUserName('MU-02'), 'MU-02'],
    ]);
    for (const user of users) expect(scopeProblem(user.role, user.scope), user.username).toBeUndefined();
    expect(new Set(users.map((u) => u.username)).size).toBe(users.length);
  });
});
