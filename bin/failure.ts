import { ConfigError } from '../platform/config.ts';
import { MigrationError } from '../platform/db/migrate.ts';

/** Exit code for a configuration a person must fix before anything can run. */
export const configErrorExitCode = 2;

/**
 * Tells the person at the terminal why a command failed and sets the exit code. Errors we
 * expected (configuration, migrations) are stated in their own words, without a stack trace;
 * anything else keeps its stack, since someone will have to debug it.
 */
export function reportFailure(error: unknown): void {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exitCode = configErrorExitCode;
  } else if (error instanceof MigrationError) {
    console.error(error.message);
    process.exitCode = 1;
  } else {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  }
}
