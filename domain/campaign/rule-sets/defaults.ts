import { known, type CampaignRuleSet } from '../rule-set.ts';

// Defaults shared by every campaign until the customer answers the open questions (docs/eligibility.md §5). Each is marked
// ASSUMED, so a verdict built on one says so.

/** 5 working days, as Hubei's 湖北精品 publicity (§11 #3). */
export const publicityWorkingDays = known(5, 'ASSUMED');

/** 5 working days to correct incomplete materials (§5). */
export const correctionWorkingDays = known(5, 'ASSUMED');

/** Sales of the declared product, not of the whole enterprise (§11 #4). */
export const manufacturingBasis = known('DECLARED_PRODUCT' as const, 'ASSUMED');

/** The D6 rows every campaign is assumed to have; D6 row 4 (老字号) only from 2024. */
export const basePreferences: CampaignRuleSet['preferences'] = [
  { flag: 'PRIORITY_STANDARDS', basis: 'SEED' },
  { flag: 'PRIORITY_STD_PILOT', basis: 'SEED' },
  { flag: 'PRIORITY_AGRI_EXTENSION', basis: 'SEED' },
  { flag: 'CARRY_OVER', basis: 'SEED' },
  { flag: 'PRIORITY_FOCUS_INDUSTRY', basis: 'SEED' },
];
