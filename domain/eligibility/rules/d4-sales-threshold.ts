import type { CampaignRuleSet, Figure, Text } from '../../campaign/rule-set.ts';
import type { EligibilityInput, EvidenceKind } from '../input-schema.ts';
import { missingFigure, reason, yuanText } from '../reason.ts';
import type { Reason } from '../verdict.ts';

/** The threshold row that applies to a declaration, and the rows it falls to below it. */
interface Threshold {
  readonly row: number;
  readonly name: string;
  readonly figure: Figure<number>;
  /** The row a figure below the threshold fails as. */
  readonly failRow: number;
  readonly lowered: readonly LoweredRoute[];
}

/** A lowered-threshold route (D4 rows 3, 7, 8): whether it is claimed, and its evidence. */
interface LoweredRoute {
  readonly row: 3 | 7 | 8;
  readonly claimed: boolean;
  readonly evidence: readonly EvidenceKind[];
  readonly floor: number | undefined;
  readonly what: Text;
}

/**
 * D4, sales in year R (PRIORITY: REFER > PASS > FAIL; a claimed lowered threshold without its
 * evidence is row 11). Thresholds are read as ≥: exactly the figure passes.
 */
export function d4SalesThreshold(input: EligibilityInput, ruleSet: CampaignRuleSet): Reason {
  if (input.category === 'SERVICE') {
    return reason(
      'D4',
      10,
      'REFER',
      '服务业无销售额门槛：市场占有率与效益位居全省前列，由人工判断',
      'services have no sales figure: a leading position, market share and benefit in the province’s front rank are for a person to judge',
    );
  }
  if (input.category === 'AGRICULTURE') {
    const threshold = agricultureThreshold(input, ruleSet);
    if (!threshold) {
      return reason(
        'D4',
        null,
        'REFER',
        `通知只给出龙头企业和合作社的销售额门槛，${input.entityType} 无匹配行，由人工判断`,
        `the notice gives sales thresholds only for leading enterprises and cooperatives; no row for ${input.entityType}, so a person decides`,
      );
    }
    return judge(input, ruleSet, input.sales?.declaredProductYuan, '/sales/declaredProductYuan', threshold);
  }
  const consumer = input.manufacturing?.productClass === 'CONSUMER_GOODS';
  const basis = ruleSet.sales.manufacturingBasis;
  if (!basis.known) return missingFigure('D4', consumer ? 5 : 6, 'sales.manufacturingBasis', basis, ruleSet.campaignYear);
  return basis.value === 'ENTERPRISE'
    ? judge(input, ruleSet, input.sales?.enterpriseYuan, '/sales/enterpriseYuan', manufacturingThreshold(input, ruleSet))
    : judge(input, ruleSet, input.sales?.declaredProductYuan, '/sales/declaredProductYuan', manufacturingThreshold(input, ruleSet));
}

function agricultureThreshold(input: EligibilityInput, ruleSet: CampaignRuleSet): Threshold | undefined {
  const leading = input.entityType === 'AGRI_LEADING_ENTERPRISE';
  if (!leading && input.entityType !== 'FARMER_COOPERATIVE') return undefined;
  return {
    row: leading ? 1 : 2,
    name: leading ? 'agriLeadingMinYuan' : 'cooperativeMinYuan',
    figure: leading ? ruleSet.sales.agriLeadingMinYuan : ruleSet.sales.cooperativeMinYuan,
    failRow: 4,
    lowered: [
      {
        row: 3,
        claimed: input.agriculture?.isGeographicalIndication === true,
        evidence: ['GEOGRAPHICAL_INDICATION_PROOF'],
        floor: ruleSet.sales.loweredFloorYuan.geographicalIndication,
        what: { zh: '地理标志产品', en: 'geographical-indication product' },
      },
    ],
  };
}

function manufacturingThreshold(input: EligibilityInput, ruleSet: CampaignRuleSet): Threshold {
  const facts = input.manufacturing;
  const consumer = facts?.productClass === 'CONSUMER_GOODS';
  const provincialGiant =
    input.entityType === 'LITTLE_GIANT' && (input.littleGiantLevel === 'PROVINCIAL' || input.littleGiantLevel === 'NATIONAL');
  return {
    row: consumer ? 5 : 6,
    name: consumer ? 'consumerGoodsMinYuan' : 'producerGoodsMinYuan',
    figure: consumer ? ruleSet.sales.consumerGoodsMinYuan : ruleSet.sales.producerGoodsMinYuan,
    failRow: 9,
    lowered: [
      {
        row: 7,
        claimed: provincialGiant && facts?.internationalLeadingTechOrProcess === true && facts.goodChainExtension === true,
        evidence: ['LITTLE_GIANT_RECOGNITION', 'LEADING_TECHNOLOGY_PROOF'],
        floor: ruleSet.sales.loweredFloorYuan.littleGiant,
        what: {
          zh: '省级及以上“小巨人”，技术工艺国际领先、产业链延伸好',
          en: 'provincial-or-above little giant with internationally leading technology and good chain extension',
        },
      },
      {
        row: 8,
        claimed: input.entityType === 'SINGLE_CHAMPION' && facts?.nationalTopMarketShareInSubsector === true,
        evidence: ['SINGLE_CHAMPION_RECOGNITION', 'MARKET_SHARE_PROOF'],
        floor: ruleSet.sales.loweredFloorYuan.singleChampion,
        what: { zh: '单项冠军，细分领域市场占有率全国领先', en: 'single champion with a nationally leading market share in its sub-sector' },
      },
    ],
  };
}

function judge(input: EligibilityInput, ruleSet: CampaignRuleSet, value: number | undefined, field: string, threshold: Threshold): Reason {
  const r = ruleSet.salesReferenceYear;
  if (value === undefined) {
    return reason('D4', threshold.row, 'MISSING_EVIDENCE', `缺少 ${r} 年销售额（${field}）`, `the sales of ${r} are not given (${field})`, {
      missingFacts: [field],
    });
  }
  if (!threshold.figure.known) return missingFigure('D4', threshold.row, threshold.name, threshold.figure, ruleSet.campaignYear);
  const min = threshold.figure.value;
  const figure = { field, value };
  const limit = { name: `sales.${threshold.name}`, value: min, comparison: '>=' as const };
  const [s, t] = [yuanText(value), yuanText(min)];
  if (value >= min) {
    return reason('D4', threshold.row, 'PASS', `${r} 年销售额 ${s.zh}，达到 ${t.zh}以上`, `sales of ${r} are ${s.en}, at least ${t.en}`, {
      figure,
      threshold: limit,
    });
  }
  const below = { zh: `${r} 年销售额 ${s.zh}，低于 ${t.zh}`, en: `sales of ${r} are ${s.en}, below ${t.en}` };
  const route = threshold.lowered.find((candidate) => candidate.claimed);
  if (!route) return reason('D4', threshold.failRow, 'FAIL', below.zh, below.en, { figure, threshold: limit });

  const present = new Set(input.evidence ?? []);
  const missingEvidence = route.evidence.filter((kind) => !present.has(kind));
  if (missingEvidence.length > 0) {
    return reason(
      'D4',
      11,
      'MISSING_EVIDENCE',
      `${below.zh}，主张第${route.row}行（${route.what.zh}）但缺少证明：${missingEvidence.join('、')}`,
      `${below.en}; row ${route.row} (${route.what.en}) is claimed without its evidence: ${missingEvidence.join(', ')}`,
      { figure, threshold: limit, missingEvidence },
    );
  }
  if (route.floor !== undefined && value < route.floor) {
    const floor = yuanText(route.floor);
    return reason(
      'D4',
      threshold.failRow,
      'FAIL',
      `${below.zh}，也低于降低门槛的下限 ${floor.zh}`,
      `${below.en} and below the lowered floor of ${floor.en}`,
      { figure, threshold: { ...limit, name: 'sales.loweredFloorYuan', value: route.floor } },
    );
  }
  const floor =
    route.floor === undefined
      ? { zh: '本年度未设下限', en: 'this campaign sets no floor' }
      : { zh: `不低于下限 ${yuanText(route.floor).zh}`, en: `at least the floor of ${yuanText(route.floor).en}` };
  return reason(
    'D4',
    route.row,
    'REFER',
    `${below.zh}，按${route.what.zh}申请降低门槛（${floor.zh}），由人工判断`,
    `${below.en}; a lowered threshold is claimed as a ${route.what.en} (${floor.en}), for a person to judge`,
    { figure, threshold: limit },
  );
}
