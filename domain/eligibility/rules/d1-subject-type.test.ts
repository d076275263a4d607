import { describe, expect, it } from 'vitest';
import { agricultureDeclaration, manufacturingDeclaration, serviceDeclaration } from '../fixtures/declarations.ts';
import type { EligibilityInput } from '../input-schema.ts';
import { d1SubjectType } from './d1-subject-type.ts';

type Entity = Pick<EligibilityInput, 'entityType' | 'littleGiantLevel'>;

describe('D1 subject type', () => {
  it.each<[Entity, number, string]>([
    [{ entityType: 'AGRI_LEADING_ENTERPRISE' }, 1, 'PASS'],
    [{ entityType: 'FARMER_COOPERATIVE' }, 1, 'PASS'],
    [{ entityType: 'OTHER' }, 2, 'REFER'],
    [{ entityType: 'INDUSTRY_LEADER' }, 2, 'REFER'],
  ])('agriculture %o → row %i %s', (entity, row, outcome) => {
    expect(d1SubjectType(agricultureDeclaration(2023, entity))).toMatchObject({ rule: 'D1', row, outcome });
  });

  it.each<[Entity, number, string]>([
    [{ entityType: 'INDUSTRY_LEADER' }, 3, 'PASS'],
    [{ entityType: 'LITTLE_GIANT', littleGiantLevel: 'PROVINCIAL' }, 3, 'PASS'],
    [{ entityType: 'LITTLE_GIANT', littleGiantLevel: 'NATIONAL' }, 3, 'PASS'],
    [{ entityType: 'SINGLE_CHAMPION' }, 3, 'PASS'],
    [{ entityType: 'LITTLE_GIANT', littleGiantLevel: 'MUNICIPAL' }, 4, 'REFER'],
    [{ entityType: 'OTHER' }, 4, 'REFER'],
  ])('manufacturing %o → row %i %s', (entity, row, outcome) => {
    expect(d1SubjectType(manufacturingDeclaration(2023, entity))).toMatchObject({ rule: 'D1', row, outcome });
  });

  it.each<[Entity, number | null, string]>([
    [{ entityType: 'SERVICE_ENTERPRISE' }, 5, 'PASS'],
    [{ entityType: 'REGIONAL_COMPREHENSIVE_SERVICE_INSTITUTION' }, 5, 'PASS'],
    // The notice lists service subjects without 等, so nothing else matches a row.
    [{ entityType: 'OTHER' }, null, 'FAIL'],
  ])('service %o → row %s %s', (entity, row, outcome) => {
    expect(d1SubjectType(serviceDeclaration(2023, entity))).toMatchObject({ rule: 'D1', row, outcome });
  });

  it('names the rule, row and entity in Chinese and English', () => {
    const reason = d1SubjectType(manufacturingDeclaration(2023, { entityType: 'LITTLE_GIANT', littleGiantLevel: 'MUNICIPAL' }));
    expect(reason.zh).toMatch(/^D1 第4行：LITTLE_GIANT \(MUNICIPAL\)/);
    expect(reason.en).toMatch(/^D1 row 4: LITTLE_GIANT \(MUNICIPAL\)/);
  });
});
