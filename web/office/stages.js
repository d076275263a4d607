// The stages in the order a declaration goes through them, and a colour for each on the chart
// (dark enough to tell apart on white, each pair of neighbours far apart in hue).

const ORDER = [
  'SUBMITTED', 'CORRECTION', 'COUNTY_CHECK', 'CITY_REVIEW', 'COMPREHENSIVE_REVIEW', 'EXPERT_REVIEW', 'STANDARD_EVALUATION',
  'CHOOSING_CERTIFICATION_BODY', 'CERTIFICATION', 'AWAITING_PUBLICITY', 'PUBLICITY', 'ANNOUNCEMENT', 'ANNOUNCED', 'CLOSED',
];

export const STAGE_COLOURS = {
  SUBMITTED: '#8e9aa6',
  CORRECTION: '#c2410c',
  COUNTY_CHECK: '#0b4f9c',
  CITY_REVIEW: '#3b82c4',
  COMPREHENSIVE_REVIEW: '#6d28d9',
  EXPERT_REVIEW: '#a855f7',
  STANDARD_EVALUATION: '#0f766e',
  CHOOSING_CERTIFICATION_BODY: '#14b8a6',
  CERTIFICATION: '#b45309',
  AWAITING_PUBLICITY: '#eab308',
  PUBLICITY: '#be185d',
  ANNOUNCEMENT: '#f472b6',
  ANNOUNCED: '#1e6b34',
  CLOSED: '#4a5057',
};

/** The stages given, in the order of the process; any stage not known here last, by name. */
export function stageOrder(stages) {
  const present = new Set(stages);
  return [...ORDER.filter((s) => present.has(s)), ...[...present].filter((s) => !ORDER.includes(s)).sort()];
}
