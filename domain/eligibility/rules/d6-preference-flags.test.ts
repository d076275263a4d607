import { describe, expect, it } from 'vitest';
import { ruleSetFor } from '../../campaign/fixtures/rule-sets.ts';
import { agricultureDeclaration, manufacturingDeclaration, serviceDeclaration, withAgriculture, withEvidence, withManufacturing } from '../fixtures/declarations.ts';
import type { EligibilityInput } from '../input-schema.ts';
import { d6PreferenceFlags } from './d6-preference-flags.ts';

// Every proof a preference may call for, so a row's own logic is what these tests see.
const proven = (input: EligibilityInput) =>
  withEvidence(input, 'STANDARD_DRAFTING_PROOF', 'STANDARDISATION_PILOT_DESIGNATION', 'AGRI_EXTENSION_DESIGNATION', 'TIME_HONOURED_CERTIFICATE', 'PRIOR_YEAR_RECORD', 'INDUSTRY_CLASSIFICATION');

const flagsOf = (preferences: ReturnType<typeof d6PreferenceFlags>) => preferences.flags.map((flag) => flag.flag);

describe('D6 preference flags', () => {
  it('row 1: standards, ranked international > national > industry, then lead > participate [ASSUMED]', () => {
    const input = withManufacturing(manufacturingDeclaration(2023), {
      standardsDrafted: [
        { level: 'INDUSTRY', role: 'LEAD' },
        { level: 'NATIONAL', role: 'PARTICIPANT' },
      ],
    });
    const { flags, evidenceRequired } = d6PreferenceFlags(proven(input), ruleSetFor(2023));
    expect(flags).toMatchObject([{ flag: 'PRIORITY_STANDARDS', row: 1, detail: { level: 'NATIONAL', role: 'PARTICIPANT', rank: 4 } }]);
    expect(evidenceRequired).toEqual([{ flag: 'PRIORITY_STANDARDS', evidence: 'STANDARD_DRAFTING_PROOF' }]);
  });

  it('row 1 is for manufacturing only', () => {
    expect(flagsOf(d6PreferenceFlags(manufacturingDeclaration(2023), ruleSetFor(2023)))).toEqual([]);
  });

  it('rows 2 and 3: agricultural pilot and extension unit', () => {
    const input = withAgriculture(agricultureDeclaration(2023), { provincialStandardisationPilot: true, technologyExtensionUnit: true });
    expect(flagsOf(d6PreferenceFlags(proven(input), ruleSetFor(2023)))).toEqual(['PRIORITY_STD_PILOT', 'PRIORITY_AGRI_EXTENSION']);
  });

  it('row 4: 老字号 from 2024 only', () => {
    const input = (year: number) => serviceDeclaration(year, { timeHonouredBrand: true });
    expect(flagsOf(d6PreferenceFlags(proven(input(2024)), ruleSetFor(2024)))).toEqual(['PRIORITY_TIME_HONOURED']);
    const in2023 = d6PreferenceFlags(proven(input(2023)), ruleSetFor(2023));
    expect(flagsOf(in2023)).toEqual([]);
    expect(in2023.notes[0]?.en).toContain('the 2023 campaign has no time-honoured-brand preference');
  });

  it('row 5: carry-over with its gap list, not once certified', () => {
    const carried = serviceDeclaration(2023, { carryOver: { onPreviousKeyCultivationList: true, certified: false, gaps: ['Att. 2 table'] } });
    expect(d6PreferenceFlags(proven(carried), ruleSetFor(2023)).flags).toMatchObject([{ flag: 'CARRY_OVER', row: 5, detail: { gaps: ['Att. 2 table'] } }]);
    const certified = serviceDeclaration(2023, { carryOver: { onPreviousKeyCultivationList: true, certified: true } });
    expect(flagsOf(d6PreferenceFlags(certified, ruleSetFor(2023)))).toEqual([]);
  });

  it("row 6: the campaign's own focus lists", () => {
    expect(d6PreferenceFlags(proven(serviceDeclaration(2023, { focusIndustryLists: ['531'] })), ruleSetFor(2023)).flags).toMatchObject([
      { flag: 'PRIORITY_FOCUS_INDUSTRY', row: 6, detail: { lists: ['531'] } },
    ]);
    const wrongYear = d6PreferenceFlags(serviceDeclaration(2024, { focusIndustryLists: ['531'] }), ruleSetFor(2024));
    expect(flagsOf(wrongYear)).toEqual([]);
    expect(wrongYear.notes[0]?.en).toContain('531 is not a focus list of the 2024 campaign');
  });

  it('row 6 is not assessed where the campaign has no known lists, and says so', () => {
    const result = d6PreferenceFlags(serviceDeclaration(2022, { focusIndustryLists: ['531'] }), ruleSetFor(2022));
    expect(flagsOf(result)).toEqual([]);
    expect(result.notes[0]?.en).toContain('no 2022 document we have gives the focus-industry lists');
  });

  it('a preference claimed without its proof is dropped, with a note, by the notice\'s reading; a rule set may keep it and ask for the proof', () => {
    const drafter = withManufacturing(manufacturingDeclaration(2023), { standardsDrafted: [{ level: 'NATIONAL', role: 'LEAD' }] });
    const dropped = d6PreferenceFlags(drafter, ruleSetFor(2023));
    expect(dropped.flags).toEqual([]);
    expect(dropped.evidenceRequired).toEqual([]);
    expect(dropped.notes).toEqual([
      { zh: 'D6 第1行：主张了优先条件但未附证明（STANDARD_DRAFTING_PROOF），不计该优先', en: 'D6 row 1: the preference is claimed without its proof (STANDARD_DRAFTING_PROOF), so it is not counted' },
    ]);
    const strict = { ...ruleSetFor(2023), evidenceRules: { serviceRankingProof: false, unprovenPreference: 'INCOMPLETE', basis: 'ASSUMED' } } as const;
    const kept = d6PreferenceFlags(drafter, strict);
    expect(flagsOf(kept)).toEqual(['PRIORITY_STANDARDS']);
    expect(kept.evidenceRequired).toEqual([{ flag: 'PRIORITY_STANDARDS', evidence: 'STANDARD_DRAFTING_PROOF' }]);
  });
});
