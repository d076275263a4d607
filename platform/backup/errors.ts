/**
 * A backup or restore that cannot go ahead for a reason a person must fix; the message says
 * what and where, Chinese first. `exitCode` 2 means the input (the folder, the tools) is wrong;
 * 1 means the target refused (not empty).
 */
export class BackupError extends Error {
  override readonly name = 'BackupError';

  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 2,
  ) {
    super(message);
  }
}
