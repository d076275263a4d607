import { pino, type DestinationStream, type Logger } from 'pino';
import type { Config } from './config.ts';

/** jingpin's logger: pino, writing JSON lines. */
export type { Logger } from 'pino';

// Secrets never reach the log, wherever in a logged object they sit (up to two levels down,
// which covers request headers and job payloads as we log them).
const redactedPaths = ['password', 'token', 'authorization'].flatMap((key) => [
  key,
  `*.${key}`,
  `*.*.${key}`,
]);

/**
 * Creates the process's root logger. Give each part a child (`logger.child({ part: 'migrate' })`)
 * rather than a logger of its own.
 * @param level the configured `LOG_LEVEL`.
 * @param destination where lines go; standard output unless a test captures them.
 */
export function createLogger(level: Config['LOG_LEVEL'], destination?: DestinationStream): Logger {
  const options = { name: 'jingpin', level, redact: { paths: redactedPaths, censor: '[redacted]' } };
  return destination === undefined ? pino(options) : pino(options, destination);
}
