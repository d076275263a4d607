/**
 * The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from 31 (digits
 * and capitals without I, O, Z, S, V): the registration authority (1), the kind of organisation
 * (1), the division code of the registering authority (6), the organisation code (9, GB 11714,
 * itself ending in a check character) and a check character over the first 17.
 */

const characters = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
// GB 11714-1997: the organisation code's first 8 characters are weighed by these.
const organisationWeights = [3, 7, 9, 10, 5, 8, 4, 2];

/** Why a string is not a valid credit code: a rule of the standard, Chinese then English. */
export interface CreditCodeProblem {
  readonly rule: 'format' | 'check-character' | 'organisation-check-character';
  readonly zh: string;
  readonly en: string;
}

/** The GB 32100 check character of the first 17 characters. */
export function creditCheckCharacter(first17: string): string {
  const sum = [...first17].reduce((acc, ch, i) => acc + characters.indexOf(ch) * weights[i]!, 0);
  return characters[(31 - (sum % 31)) % 31]!;
}

/** The GB 11714 check character of an organisation code's first 8 characters: a digit or X. */
export function organisationCheckCharacter(first8: string): string {
  // Letters count from 10 (A) on, as in the standard, where the alphabet has all 26.
  const value = (ch: string) => (/\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55);
  const sum = [...first8].reduce((acc, ch, i) => acc + value(ch) * organisationWeights[i]!, 0);
  const check = 11 - (sum % 11);
  return check === 11 ? '0' : check === 10 ? 'X' : String(check);
}

/**
 * What is wrong with `code` as a unified social credit code, or undefined when it is valid:
 * the format, then the organisation code's check character, then the code's own.
 */
export function creditCodeProblem(code: string): CreditCodeProblem | undefined {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) {
    return {
      rule: 'format',
      zh: '统一社会信用代码应为 18 位：数字或大写字母（不含 I、O、Z、S、V），第 3–8 位为行政区划代码',
      en: 'a unified social credit code has 18 characters: digits or capitals other than I, O, Z, S, V, with a division code in places 3–8',
    };
  }
  const organisation = code.slice(8, 17);
  if (organisationCheckCharacter(organisation.slice(0, 8)) !== organisation[8]) {
    return {
      rule: 'organisation-check-character',
      zh: `第 9–17 位组织机构代码 ${organisation} 的校验码不符（GB 11714）`,
      en: `the organisation code ${organisation} in places 9–17 has a wrong check character (GB 11714)`,
    };
  }
  if (creditCheckCharacter(code.slice(0, 17)) !== code[17]) {
    return {
      rule: 'check-character',
      zh: '第 18 位校验码不符（GB 32100-2015）',
      en: 'the check character in place 18 is wrong (GB 32100-2015)',
    };
  }
  return undefined;
}

/**
 * A valid code from its first 16 characters (authority, kind, division, the organisation code's
 * first 8): both check characters added. For generated directories (the demo, test fixtures).
 */
export function withCheckCharacters(first16: string): string {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{8}$/.test(first16)) {
    throw new Error(`不是统一社会信用代码的前 16 位 / not the first 16 characters of a credit code: ${first16}`);
  }
  const first17 = first16 + organisationCheckCharacter(first16.slice(8));
  return first17 + creditCheckCharacter(first17);
}
