import { describe, expect, it } from 'vitest';
import { candidateGroup, officeOfGroup } from './candidate-groups.ts';

describe('candidate groups and offices', () => {
  it.each([
    ['city-320100', { role: 'city_office', scope: '320100' }],
    ['county-320115', { role: 'county_office', scope: '320115' }],
    ['cb-007', { role: 'certification_body', scope: '007' }],
    ['enterprise-E42', { role: 'enterprise', scope: 'E42' }],
    ['provincial-office', { role: 'provincial_office', scope: '320000' }],
    ['alliance-secretariat', { role: 'alliance_secretariat', scope: '320000' }],
    ['standards-institute', { role: 'standardization_institute', scope: '320000' }],
  ] as const)('reads %s as the office the models mean, and writes it back', (group, office) => {
    expect(officeOfGroup(group)).toEqual(office);
    expect(candidateGroup(office)).toBe(group);
  });

  it.each(['expert-panel-3', 'city-', 'city', 'province-32', ''])('reads %j as no office', (group) => {
    expect(officeOfGroup(group)).toBeUndefined();
  });
});
