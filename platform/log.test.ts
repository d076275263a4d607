import { describe, expect, it } from 'vitest';
import { createLogger } from './log.ts';

function capture(level: Parameters<typeof createLogger>[0]) {
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger(level, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe('createLogger', () => {
  it('writes JSON lines at and above the configured level', () => {
    const { logger, lines } = capture('warn');
    logger.info('quiet');
    logger.warn('heard');
    expect(lines.map((line) => line['msg'])).toEqual(['heard']);
    expect(lines[0]).toMatchObject({ name: 'jingpin', level: 40 });
  });

  it('redacts passwords, tokens and authorization headers', () => {
    const { logger, lines } = capture('info');
    logger.info(
      {
        password: 'p1',
        user: { token: 't1', name: 'zhang' },
        req: { headers: { authorization: 'Bearer t2' } },
      },
      'login',
    );
    const text = JSON.stringify(lines[0]);
    for (const secret of ['p1', 't1', 't2']) expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({ password: '[redacted]', user: { token: '[redacted]', name: 'zhang' } });
  });

  it('writes nothing when silent', () => {
    const { logger, lines } = capture('silent');
    logger.fatal('unheard');
    expect(lines).toEqual([]);
  });
});
