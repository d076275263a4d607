import { evidenceRulesOf, type CampaignRuleSet, type PriorityFlag, type Text } from '../../campaign/rule-set.ts';
import type { EligibilityInput, EvidenceKind } from '../input-schema.ts';
import type { Flag } from '../verdict.ts';

/** What D6 found: the flags, the evidence they call for (for D7), and what it could not assess. */
export interface Preferences {
  readonly flags: readonly Flag[];
  readonly evidenceRequired: readonly { readonly flag: PriorityFlag; readonly evidence: EvidenceKind }[];
  readonly notes: readonly Text[];
}

const levelRank = { INTERNATIONAL: 0, NATIONAL: 1, INDUSTRY: 2 } as const;
const roleRank = { LEAD: 0, PARTICIPANT: 1 } as const;

/**
 * D6, preference flags (COLLECT): ranking only, never eligibility. A row counts only when the
 * campaign's rule set has its preference (the 老字号 row from 2024 on).
 */
export function d6PreferenceFlags(input: EligibilityInput, ruleSet: CampaignRuleSet): Preferences {
  const has = (flag: PriorityFlag) => ruleSet.preferences.some((rule) => rule.flag === flag);
  const flags: Flag[] = [];
  const evidenceRequired: Array<{ flag: PriorityFlag; evidence: EvidenceKind }> = [];
  const notes: Text[] = [];
  // A preference claimed without its proof: by the notice's reading the preference is dropped and
  // the declaration goes on; a rule set may make it incomplete instead (D7 row 7).
  const dropUnproven = evidenceRulesOf(ruleSet).unprovenPreference === 'DROP_PREFERENCE';
  const evidence = new Set(input.evidence ?? []);
  const raise = (flag: Flag, proof: EvidenceKind) => {
    if (dropUnproven && !evidence.has(proof)) {
      notes.push({
        zh: `D6 第${flag.row}行：主张了优先条件但未附证明（${proof}），不计该优先`,
        en: `D6 row ${flag.row}: the preference is claimed without its proof (${proof}), so it is not counted`,
      });
      return;
    }
    flags.push(flag);
    evidenceRequired.push({ flag: flag.flag, evidence: proof });
  };

  const standards = input.manufacturing?.standardsDrafted ?? [];
  if (has('PRIORITY_STANDARDS') && input.category === 'MANUFACTURING' && standards.length > 0) {
    // International > national > industry, then lead > participate [ASSUMED]; rank 1 is best.
    const best = [...standards].sort((a, b) => levelRank[a.level] - levelRank[b.level] || roleRank[a.role] - roleRank[b.role])[0];
    if (best) {
      const rank = levelRank[best.level] * 2 + roleRank[best.role] + 1;
      raise(
        {
          flag: 'PRIORITY_STANDARDS',
          row: 1,
          zh: `主导或参与制定标准，最高为 ${best.level} ${best.role}（名次 ${rank}/6）`,
          en: `led or took part in standards, best ${best.level} ${best.role} (rank ${rank} of 6)`,
          detail: { level: best.level, role: best.role, rank },
        },
        'STANDARD_DRAFTING_PROOF',
      );
    }
  }
  if (has('PRIORITY_STD_PILOT') && input.category === 'AGRICULTURE' && input.agriculture?.provincialStandardisationPilot === true) {
    raise(
      { flag: 'PRIORITY_STD_PILOT', row: 2, zh: '省级及以上标准化试点示范单位', en: 'provincial-or-above standardisation pilot' },
      'STANDARDISATION_PILOT_DESIGNATION',
    );
  }
  if (has('PRIORITY_AGRI_EXTENSION') && input.category === 'AGRICULTURE' && input.agriculture?.technologyExtensionUnit === true) {
    raise({ flag: 'PRIORITY_AGRI_EXTENSION', row: 3, zh: '农业技术推广单位', en: 'technology-extension unit' }, 'AGRI_EXTENSION_DESIGNATION');
  }
  if (input.timeHonouredBrand === true) {
    if (has('PRIORITY_TIME_HONOURED')) {
      raise({ flag: 'PRIORITY_TIME_HONOURED', row: 4, zh: '省级及以上老字号', en: 'provincial-or-above time-honoured brand' }, 'TIME_HONOURED_CERTIFICATE');
    } else {
      notes.push(
        { zh: `D6 第4行：${ruleSet.campaignYear} 年度没有老字号优先规则`, en: `D6 row 4: the ${ruleSet.campaignYear} campaign has no time-honoured-brand preference` },
      );
    }
  }
  const carry = input.carryOver;
  if (has('CARRY_OVER') && carry?.onPreviousKeyCultivationList === true && !carry.certified) {
    const gaps = carry.gaps ?? [];
    raise(
      {
        flag: 'CARRY_OVER',
        row: 5,
        zh: `上一年度重点培育未获认证，待补齐：${gaps.join('；') || '（未列出）'}`,
        en: `on last campaign's key-cultivation list, not certified; gaps: ${gaps.join('; ') || '(none listed)'}`,
        detail: { gaps },
      },
      'PRIOR_YEAR_RECORD',
    );
  }
  const claimed = input.focusIndustryLists ?? [];
  if (has('PRIORITY_FOCUS_INDUSTRY') && claimed.length > 0) {
    if (!ruleSet.focusIndustries.known) {
      notes.push(
        { zh: `D6 第6行：${ruleSet.focusIndustries.note.zh}，未评估重点产业优先`, en: `D6 row 6: ${ruleSet.focusIndustries.note.en}; the focus-industry preference is not assessed` },
      );
    } else {
      const lists = ruleSet.focusIndustries.value.filter((list) => claimed.includes(list.code));
      if (lists.length > 0) {
        raise(
          {
            flag: 'PRIORITY_FOCUS_INDUSTRY',
            row: 6,
            zh: `属于${lists.map((l) => l.name.zh).join('、')}`,
            en: `belongs to ${lists.map((l) => l.name.en).join(', ')}`,
            detail: { lists: lists.map((l) => l.code) },
          },
          'INDUSTRY_CLASSIFICATION',
        );
      } else {
        notes.push(
          { zh: `D6 第6行：${claimed.join('、')} 不是 ${ruleSet.campaignYear} 年度的重点产业清单`, en: `D6 row 6: ${claimed.join(', ')} is not a focus list of the ${ruleSet.campaignYear} campaign` },
        );
      }
    }
  }
  return { flags, evidenceRequired, notes };
}
