/** A comparison table cannot be evaluated as entered; nothing is judged. */
export class InvalidComparisonTable extends RangeError {
  override readonly name = 'InvalidComparisonTable';
  constructor(zh: string, en: string) {
    super(`${zh} / ${en}`);
  }
}
