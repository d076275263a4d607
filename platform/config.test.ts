import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, type ConfigVariable } from './config.ts';

function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

describe('loadConfig defaults', () => {
  it('serves a developer machine when nothing is set', () => {
    expect(loadConfig({})).toEqual({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
      DATABASE_SCHEMA: 'public',
      REDIS_URL: 'redis://127.0.0.1:6379',
      ENGINE: 'embedded',
      HOST: '127.0.0.1',
      PORT: 3000,
      LOG_LEVEL: 'info',
      MAIL_FROM: '江苏精品 jingpin <noreply@jingpin.localhost>',
      SMTP_MAX_PER_SECOND: 10,
      PUBLIC_BASE_URL: 'http://127.0.0.1:3000',
      REDIS_PREFIX: 'jingpin',
      MIGRATE_ON_START: true,
      ENGINE_SCHEDULER_INTERVAL_MS: 1000,
      ENGINE_JOB_CONCURRENCY: 4,
      ENGINE_INSTANCE_CONCURRENCY: 4,
      ENGINE_LEASE_MS: 30_000,
      ENGINE_HOT_INSTANCES: 100,
      ENGINE_RUN_COMMIT: 'asynchronous',
      CAMUNDA_AUTH_STRATEGY: 'NONE',
      CAMUNDA_TOKEN_DISK_CACHE_DISABLE: true,
      CAMUNDA_JOB_WORKER_MAX_BACKOFF_MS: 30000,
      CAMUNDA_STARTUP_ATTEMPTS: 20,
      CAMUNDA_REQUEST_TIMEOUT_MS: 30000,
      JWT_TTL_SECONDS: 900,
      API_BODY_LIMIT_BYTES: 262144,
      TRUST_PROXY: 'false',
      OBJECTION_RATE_LIMIT: 5,
      ATTACHMENT_MAX_BYTES: 20971520,
      ATTACHMENTS_DIR: './data/attachments',
    });
  });

  it('leaves SMTP_URL unset, so mail stays in the outbox', () => {
    expect(loadConfig({}).SMTP_URL).toBeUndefined();
    expect('SMTP_URL' in loadConfig({})).toBe(false);
  });

  it('treats an empty value as unset', () => {
    expect(loadConfig({ PORT: '', SMTP_URL: '', ENGINE: '' })).toMatchObject({ PORT: 3000, ENGINE: 'embedded' });
  });

  it('returns a frozen object', () => {
    expect(Object.isFrozen(loadConfig({}))).toBe(true);
  });

  it('leaves the Camunda address and credentials unset, so nothing points at a cluster by accident', () => {
    const config = loadConfig({});
    for (const variable of ['ZEEBE_REST_ADDRESS', 'CAMUNDA_REST_ADDRESS', 'ZEEBE_CLIENT_ID', 'ZEEBE_CLIENT_SECRET', 'CAMUNDA_TENANT_ID'] as const) {
      expect(variable in config, variable).toBe(false);
    }
  });

  it('ignores variables that are not its own', () => {
    expect(loadConfig({ HOME: '/root', NODE_ENV: 'production' })).not.toHaveProperty('HOME');
  });
});

describe('loadConfig reads given values', () => {
  it('converts numbers and booleans from text', () => {
    const config = loadConfig({
      PORT: '8080',
      MIGRATE_ON_START: 'false',
      ENGINE_SCHEDULER_INTERVAL_MS: '50',
      ENGINE_JOB_CONCURRENCY: '64',
    });
    expect(config).toMatchObject({
      PORT: 8080,
      MIGRATE_ON_START: false,
      ENGINE_SCHEDULER_INTERVAL_MS: 50,
      ENGINE_JOB_CONCURRENCY: 64,
    });
  });

  it.each([
    ['true', true],
    ['TRUE', true],
    ['1', true],
    ['false', false],
    ['False', false],
    ['0', false],
  ])('reads MIGRATE_ON_START=%s as %s', (text, value) => {
    expect(loadConfig({ MIGRATE_ON_START: text }).MIGRATE_ON_START).toBe(value);
  });

  it('accepts every documented choice', () => {
    expect(loadConfig({ ENGINE: 'camunda' }).ENGINE).toBe('camunda');
    for (const level of ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) {
      expect(loadConfig({ LOG_LEVEL: level }).LOG_LEVEL).toBe(level);
    }
  });

  it('reads the Camunda 8 variables under the SDK\'s names', () => {
    const config = loadConfig({
      ENGINE: 'camunda',
      ZEEBE_REST_ADDRESS: 'http://camunda:8080',
      CAMUNDA_AUTH_STRATEGY: 'OAUTH',
      ZEEBE_CLIENT_ID: 'jingpin',
      ZEEBE_CLIENT_SECRET: 's3cret with spaces',
      CAMUNDA_OAUTH_URL: 'https://login.example/oauth/token',
      CAMUNDA_TENANT_ID: '<default>',
      CAMUNDA_TOKEN_DISK_CACHE_DISABLE: 'false',
      CAMUNDA_STARTUP_ATTEMPTS: '3',
    });
    expect(config).toMatchObject({
      ZEEBE_REST_ADDRESS: 'http://camunda:8080',
      CAMUNDA_AUTH_STRATEGY: 'OAUTH',
      ZEEBE_CLIENT_SECRET: 's3cret with spaces',
      CAMUNDA_TOKEN_DISK_CACHE_DISABLE: false,
      CAMUNDA_STARTUP_ATTEMPTS: 3,
    });
  });

  it('accepts the URL forms of each service', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgresql://jingpin:secret@db.example:5433/jingpin',
      REDIS_URL: 'rediss://cache.example:6380',
      SMTP_URL: 'smtps://mailer:secret@mail.example:465',
      DATABASE_SCHEMA: 'jingpin_2026',
    });
    expect(config.SMTP_URL).toBe('smtps://mailer:secret@mail.example:465');
    expect(config.DATABASE_SCHEMA).toBe('jingpin_2026');
  });
});

describe('loadConfig refuses bad values', () => {
  const bad: Array<[ConfigVariable, string, string]> = [
    ['DATABASE_URL', 'mysql://127.0.0.1/db', 'postgres://'],
    ['DATABASE_SCHEMA', 'Jingpin', 'lower-case'],
    ['DATABASE_SCHEMA', '1st', 'lower-case'],
    ['DATABASE_SCHEMA', 'pg_jingpin', 'pg_'],
    ['DATABASE_SCHEMA', 'a;drop', 'lower-case'],
    ['DATABASE_SCHEMA', 'x'.repeat(64), '63'],
    ['REDIS_URL', 'http://127.0.0.1:6379', 'redis://'],
    ['ENGINE', 'zeebe', 'embedded or camunda'],
    ['HOST', 'local host', 'host name'],
    ['PORT', 'abc', 'from 1 to 65535'],
    ['PORT', '0', 'from 1 to 65535'],
    ['PORT', '65536', 'from 1 to 65535'],
    ['PORT', '3.5', 'from 1 to 65535'],
    ['PORT', '1e3', 'from 1 to 65535'],
    ['PORT', ' 80', 'from 1 to 65535'],
    ['LOG_LEVEL', 'verbose', 'fatal, error'],
    ['SMTP_URL', 'mail.example:25', 'smtp://'],
    ['MIGRATE_ON_START', 'yes', 'true or false'],
    ['ENGINE_SCHEDULER_INTERVAL_MS', '49', 'at least 50'],
    ['ENGINE_SCHEDULER_INTERVAL_MS', 'fast', 'at least 50'],
    ['ENGINE_JOB_CONCURRENCY', '0', 'from 1 to 64'],
    ['ENGINE_JOB_CONCURRENCY', '65', 'from 1 to 64'],
    ['MAIL_FROM', 'noreply', 'mail address'],
    ['SMTP_MAX_PER_SECOND', '0', 'from 1 to 10000'],
    ['PUBLIC_BASE_URL', 'jingpin.example.gov.cn', 'http://'],
    ['REDIS_PREFIX', 'jingpin:test', 'A-Z'],
    ['ZEEBE_REST_ADDRESS', 'camunda:8080', 'http://'],
    ['CAMUNDA_REST_ADDRESS', 'grpc://camunda:26500', 'http://'],
    ['CAMUNDA_AUTH_STRATEGY', 'BEARER', 'NONE, OAUTH or BASIC'],
    ['CAMUNDA_OAUTH_URL', 'login.example', 'http://'],
    ['CAMUNDA_TENANT_ID', 'tenant one', 'A-Z'],
    ['CAMUNDA_TOKEN_DISK_CACHE_DISABLE', 'yes', 'true or false'],
    ['CAMUNDA_JOB_WORKER_MAX_BACKOFF_MS', '99', 'at least 100'],
    ['CAMUNDA_STARTUP_ATTEMPTS', '0', 'from 1 to 1000'],
    ['CAMUNDA_REQUEST_TIMEOUT_MS', '999', 'at least 1000'],
    ['JWT_SECRET', 'too-short', 'at least 32 characters'],
    ['JWT_TTL_SECONDS', '59', 'from 60 to 86400'],
    ['API_BODY_LIMIT_BYTES', '1023', 'from 1024 to 10485760'],
    ['OBJECTION_RATE_LIMIT', '0', 'from 1 to 10000'],
    ['ATTACHMENT_MAX_BYTES', '1023', 'from 1024 to 104857600'],
    ['ATTACHMENT_MAX_BYTES', '104857601', 'from 1024 to 104857600'],
    ['ATTACHMENT_MAX_BYTES', '20MB', 'from 1024 to 104857600'],
    ['ATTACHMENTS_DIR', 'data/\nattachments', 'without control characters'],
  ];

  it.each(bad)('refuses %s=%j, naming the variable and its rule', (variable, value, ruleWords) => {
    const error = configError({ [variable]: value });
    expect(error.problems.map((problem) => problem.variable)).toEqual([variable]);
    expect(error.message).toMatch(new RegExp(`^配置错误 / configuration error: ${variable} `));
    expect(error.message).toContain(ruleWords);
    expect(error.message).toContain(`(got ${JSON.stringify(value)})`);
  });

  it('writes the message Chinese first, then English', () => {
    expect(configError({ PORT: 'abc' }).message).toBe(
      '配置错误 / configuration error: PORT 必须是 1 到 65535 之间的整数 / must be an integer from 1 to 65535 (got "abc")',
    );
  });

  it('names every bad variable at once', () => {
    const error = configError({ PORT: 'abc', ENGINE: 'zeebe', LOG_LEVEL: 'loud', HOST: 'fine' });
    expect(error.problems.map((problem) => problem.variable)).toEqual(['ENGINE', 'PORT', 'LOG_LEVEL']);
    expect(error.message).toContain('PORT 必须是');
    expect(error.message).toContain('ENGINE 必须是');
    expect(error.message).toContain('LOG_LEVEL 必须是');
  });

  it('masks a password in the value it echoes', () => {
    const error = configError({ DATABASE_URL: 'mysql://jingpin:s3cret@db/jingpin' });
    expect(error.message).not.toContain('s3cret');
    expect(error.message).toContain('mysql://jingpin:***@db/jingpin');
  });

  it('is a ConfigError by name, for callers that cannot use instanceof', () => {
    expect(configError({ PORT: 'abc' }).name).toBe('ConfigError');
  });
});
