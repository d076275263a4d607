import type { EligibilityInput } from '../input-schema.ts';
import { reason } from '../reason.ts';
import type { Reason } from '../verdict.ts';

/**
 * D1, subject type (UNIQUE). The notice lists subjects for agriculture and manufacturing with
 * "等" (etc.), so another type there goes to a person; for services it lists two types without
 * "等", so another type matches no row and fails.
 */
export function d1SubjectType(input: EligibilityInput): Reason {
  const { category, entityType } = input;
  const entity = input.littleGiantLevel ? `${entityType} (${input.littleGiantLevel})` : entityType;
  const figure = { figure: { field: '/entityType', value: entity } };
  const named = (zh: string, en: string) => ({ zh: `${zh}申报主体 ${entity} 符合要求`, en: `${entity} is a ${en} subject the notice names` });
  const etc = (zh: string, en: string) => ({
    zh: `${entity} 不是${zh}，是否属“等”的范围由人工认定`,
    en: `${entity} is not ${en}; whether it falls under "etc." (等) is for a person to decide`,
  });

  if (category === 'AGRICULTURE') {
    if (entityType === 'AGRI_LEADING_ENTERPRISE' || entityType === 'FARMER_COOPERATIVE') {
      const text = named('农业', 'agricultural');
      return reason('D1', 1, 'PASS', text.zh, text.en, figure);
    }
    const text = etc('农业龙头企业或农民合作社', 'an agricultural leading enterprise or a cooperative');
    return reason('D1', 2, 'REFER', text.zh, text.en, figure);
  }
  if (category === 'MANUFACTURING') {
    const provincialOrAbove = input.littleGiantLevel === 'PROVINCIAL' || input.littleGiantLevel === 'NATIONAL';
    if (entityType === 'INDUSTRY_LEADER' || entityType === 'SINGLE_CHAMPION' || (entityType === 'LITTLE_GIANT' && provincialOrAbove)) {
      const text = named('制造业', 'manufacturing');
      return reason('D1', 3, 'PASS', text.zh, text.en, figure);
    }
    const text = etc('行业龙头、省级及以上“小巨人”或单项冠军', 'an industry leader, a provincial-or-above little giant or a single champion');
    return reason('D1', 4, 'REFER', text.zh, text.en, figure);
  }
  if (entityType === 'SERVICE_ENTERPRISE' || entityType === 'REGIONAL_COMPREHENSIVE_SERVICE_INSTITUTION') {
    const text = named('服务业', 'service');
    return reason('D1', 5, 'PASS', text.zh, text.en, figure);
  }
  return reason(
    'D1',
    null,
    'FAIL',
    `${entity} 不是服务业企业或区域综合服务机构，无匹配行`,
    `${entity} is neither a service enterprise nor a regional comprehensive service institution; no row matches`,
    figure,
  );
}
