/**
 * The migrations cannot be applied as they stand: a file is misnamed or changed, versions clash,
 * the database is ahead of the files, or a migration's SQL failed. The message names the file
 * and says what to do; nothing of a failed migration remains.
 */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';

  /**
   * @param file the migration file at fault, when there is one.
   */
  constructor(
    message: string,
    readonly file?: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
