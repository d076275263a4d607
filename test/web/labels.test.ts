import { describe, expect, it } from 'vitest';
import { declarationOutcomes } from '../../bpmn/contract.ts';
import { roles } from '../../platform/auth/roles.ts';
// The pages' own module, plain JavaScript the browser loads as it is.
import { outcomeNames, roleNames } from '../../web/labels.js';

describe('the names the pages show', () => {
  it('name every role and every outcome a declaration can end with, Chinese first', () => {
    for (const role of roles) expect(roleNames[role], role).toEqual([expect.stringMatching(/\p{Script=Han}/u), expect.any(String)]);
    for (const outcome of declarationOutcomes) expect(outcomeNames[outcome], outcome).toEqual([expect.stringMatching(/\p{Script=Han}/u), expect.any(String)]);
  });
});
