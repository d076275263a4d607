import { CATEGORY_NAMES } from '../scoring/category.ts';
import type { PanelDeclaration, PanelExpert, TieKind } from './panel-input.ts';

/** Why an expert may not review a declaration (DOMAIN §11 q7). */
export type ExclusionCode = 'SAME_CITY' | 'OWN_EMPLOYER' | 'DECLARED_TIE' | 'OUTSIDE_EXPERTISE';

/** One reason for excluding an expert from one declaration's panel, Chinese first. */
export interface ExclusionReason {
  readonly code: ExclusionCode;
  readonly zh: string;
  readonly en: string;
}

const TIE_NAMES: Readonly<Record<TieKind, { zh: string; en: string }>> = {
  CONSULTS: { zh: '为该企业提供咨询服务', en: 'consults for the enterprise' },
  CERTIFIES: { zh: '参与该企业的认证工作', en: 'takes part in certifying the enterprise' },
  RELATED: { zh: '与该企业存在亲属或其他利害关系', en: 'is related to the enterprise (kin or other interest)' },
};

/**
 * The districted city (设区市) a division code belongs to: its first four digits plus "00", so a
 * county-level code such as 320581 (Changshu) counts as 320500 (Suzhou). The rule avoids
 * "same city" in the sense of the 13 districted cities that run the recommendation [ASSUMED].
 */
export function cityOf(divisionCode: string): string {
  return `${divisionCode.slice(0, 4)}00`;
}

/**
 * Every reason the expert must not review this declaration; empty when he may. Categories of
 * expertise are a qualification, not a conflict, but an expert outside the declaration's
 * category cannot compare it either, so he is excluded the same way [ASSUMED].
 */
export function exclusionReasons(expert: PanelExpert, declaration: PanelDeclaration): ExclusionReason[] {
  const reasons: ExclusionReason[] = [];
  const city = cityOf(declaration.enterpriseCityCode);
  if (cityOf(expert.cityCode) === city) {
    reasons.push({
      code: 'SAME_CITY',
      zh: `专家与申报企业同属设区市 ${city}，应回避`,
      en: `the expert and the enterprise are in the same city (${city}); the expert must abstain`,
    });
  }
  if (expert.employerId === declaration.enterpriseId) {
    reasons.push({
      code: 'OWN_EMPLOYER',
      zh: `申报企业 ${declaration.enterpriseId} 是专家的工作单位，应回避`,
      en: `the enterprise ${declaration.enterpriseId} is the expert's employer; the expert must abstain`,
    });
  }
  for (const tie of expert.ties) {
    if (tie.enterpriseId !== declaration.enterpriseId) continue;
    reasons.push({
      code: 'DECLARED_TIE',
      zh: `专家申报其${TIE_NAMES[tie.kind].zh}，应回避`,
      en: `the expert declared that he ${TIE_NAMES[tie.kind].en}; the expert must abstain`,
    });
  }
  if (!expert.categories.includes(declaration.category)) {
    const category = CATEGORY_NAMES[declaration.category];
    reasons.push({
      code: 'OUTSIDE_EXPERTISE',
      zh: `专家的专业领域（${expert.categories.map((c) => CATEGORY_NAMES[c].zh).join('、')}）不含${category.zh}`,
      en: `the expert's fields (${expert.categories.map((c) => CATEGORY_NAMES[c].en).join(', ')}) do not include ${category.en}`,
    });
  }
  return reasons;
}
