/** Scores, weights or quotas break the scoring rules; nothing is ranked. */
export class InvalidScoring extends RangeError {
  override readonly name = 'InvalidScoring';
  constructor(zh: string, en: string) {
    super(`${zh} / ${en}`);
  }
}
