import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

/** The rule a variable must follow, as people read it: Chinese first, English second. */
interface Rule {
  readonly zh: string;
  readonly en: string;
}

/**
 * The environment jingpin reads at start: one schema, one place.
 * Each field's `description` is its documentation (mirrored in docs/configuration.md, which a
 * test keeps in step) and its `rule` is what the error message says when a value breaks it.
 */
export const ConfigSchema = Type.Object({
  DATABASE_URL: Type.String({
    pattern: '^postgres(ql)?://\\S*$',
    default: 'postgres://postgres@127.0.0.1:5432/postgres',
    description: 'PostgreSQL 连接地址。/ PostgreSQL connection URL.',
    rule: rule('必须是以 postgres:// 或 postgresql:// 开头的连接地址', 'must be a URL starting with postgres:// or postgresql://'),
  }),
  DATABASE_SCHEMA: Type.String({
    // pg_ is reserved by PostgreSQL; 63 bytes is its identifier limit.
    pattern: '^(?!pg_)[a-z_][a-z0-9_]{0,62}$',
    default: 'public',
    description:
      'jingpin 的表所在的 PostgreSQL schema；测试用它互相隔离。/ The PostgreSQL schema that holds jingpin\'s tables; tests use it to isolate themselves.',
    rule: rule(
      '必须是小写的 PostgreSQL 标识符（以 a-z 或 _ 开头，只含 a-z、0-9、_，最多 63 个字符，不以 pg_ 开头）',
      'must be a lower-case PostgreSQL identifier (starts with a-z or _, then a-z, 0-9 or _, at most 63 characters, not starting with pg_)',
    ),
  }),
  REDIS_URL: Type.String({
    pattern: '^rediss?://\\S*$',
    default: 'redis://127.0.0.1:6379',
    description: 'Redis 连接地址（BullMQ 队列）。/ Redis connection URL (BullMQ queues).',
    rule: rule('必须是以 redis:// 或 rediss:// 开头的连接地址', 'must be a URL starting with redis:// or rediss://'),
  }),
  ENGINE: Type.Union([Type.Literal('embedded'), Type.Literal('camunda')], {
    default: 'embedded',
    description: '运行流程的引擎：embedded（内置）或 camunda（Camunda 8）。/ The process engine: embedded or camunda (Camunda 8).',
    rule: rule('必须是 embedded 或 camunda', 'must be embedded or camunda'),
  }),
  HOST: Type.String({
    pattern: '^\\S+$',
    default: '127.0.0.1',
    description: 'HTTP 接口监听的地址。/ The address the HTTP API listens on.',
    rule: rule('必须是非空且不含空白的主机名或 IP 地址', 'must be a host name or IP address without spaces'),
  }),
  PORT: Type.Integer({
    minimum: 1,
    maximum: 65535,
    default: 3000,
    description: 'HTTP 接口监听的 TCP 端口。/ The TCP port the HTTP API listens on.',
    rule: rule('必须是 1 到 65535 之间的整数', 'must be an integer from 1 to 65535'),
  }),
  LOG_LEVEL: Type.Union(
    [
      Type.Literal('fatal'),
      Type.Literal('error'),
      Type.Literal('warn'),
      Type.Literal('info'),
      Type.Literal('debug'),
      Type.Literal('trace'),
      Type.Literal('silent'),
    ],
    {
      default: 'info',
      description: '日志级别（pino）。/ Log level (pino).',
      rule: rule(
        '必须是 fatal、error、warn、info、debug、trace 或 silent',
        'must be one of fatal, error, warn, info, debug, trace, silent',
      ),
    },
  ),
  SMTP_URL: Type.Optional(
    Type.String({
      pattern: '^smtps?://\\S+$',
      description:
        '发信的 SMTP 地址；不设置时邮件只记日志并留在 outbox 表中。/ SMTP server for outgoing mail; unset means mail is only logged and kept in the outbox table.',
      rule: rule('必须是以 smtp:// 或 smtps:// 开头的地址', 'must be a URL starting with smtp:// or smtps://'),
    }),
  ),
  // Notifications (issue 5): where mail comes from, how fast one SMTP server is fed, where the
  // links in it point, and the Redis key prefix of the notification queues.
  MAIL_FROM: Type.String({
    minLength: 3,
    pattern: '@',
    default: '江苏精品 jingpin <noreply@jingpin.localhost>',
    description: '通知邮件的发件人。/ The sender (From) of notification mail.',
    rule: rule('必须是邮件地址，可带显示名，如 江苏精品 <noreply@example.gov.cn>', 'must be a mail address, optionally with a display name, e.g. Jiangsu Quality <noreply@example.gov.cn>'),
  }),
  SMTP_MAX_PER_SECOND: Type.Integer({
    minimum: 1,
    maximum: 10000,
    default: 10,
    description:
      '每秒最多向 SMTP 服务器发送多少封邮件（所有发送进程合计）。/ How many mails per second, across all sender processes, jingpin hands to the SMTP server at most.',
    rule: rule('必须是 1 到 10000 之间的整数', 'must be an integer from 1 to 10000'),
  }),
  PUBLIC_BASE_URL: Type.String({
    pattern: '^https?://\\S+$',
    default: 'http://127.0.0.1:3000',
    description:
      '用户访问 jingpin 网页的地址，通知邮件中的办理链接以它开头；以 https:// 开头时，网页会话 Cookie 带 Secure，浏览器只经 https 加载资源。/ The address people open jingpin at; links in notification mail start with it. When it starts with https://, the web session cookie is Secure and browsers load every resource over https.',
    rule: rule('必须是以 http:// 或 https:// 开头的地址', 'must be a URL starting with http:// or https://'),
  }),
  REDIS_PREFIX: Type.String({
    pattern: '^[A-Za-z0-9_.-]{1,64}$',
    default: 'jingpin',
    description:
      '通知队列在 Redis 中的键前缀；多套 jingpin 共用一个 Redis 时各用各的。/ Key prefix of the notification queues in Redis; give each jingpin sharing one Redis its own.',
    rule: rule('必须是 1 到 64 个字符，只含 A-Z、a-z、0-9、_ . -', 'must be 1 to 64 characters of A-Z, a-z, 0-9, _ . -'),
  }),
  MIGRATE_ON_START: Type.Boolean({
    default: true,
    description: '`jingpin start` 是否先执行数据库迁移。/ Whether `jingpin start` applies database migrations first.',
    rule: rule('必须是 true 或 false（也可写 1 或 0）', 'must be true or false (or 1 or 0)'),
  }),
  ENGINE_SCHEDULER_INTERVAL_MS: Type.Integer({
    minimum: 50,
    default: 1000,
    description:
      '内置引擎的调度器每隔多少毫秒查询到期的定时器和作业。/ How often, in milliseconds, the embedded engine\'s scheduler polls for due timers and jobs.',
    rule: rule('必须是不小于 50 的整数（毫秒）', 'must be an integer of at least 50 (milliseconds)'),
  }),
  ENGINE_JOB_CONCURRENCY: Type.Integer({
    minimum: 1,
    maximum: 64,
    default: 4,
    description: '内置引擎同时执行的作业数。/ How many jobs the embedded engine runs at once.',
    rule: rule('必须是 1 到 64 之间的整数', 'must be an integer from 1 to 64'),
  }),
  ENGINE_INSTANCE_CONCURRENCY: Type.Integer({
    minimum: 1,
    maximum: 64,
    default: 4,
    description: '内置引擎同时推进的流程实例数。/ How many process instances the embedded engine advances at once.',
    rule: rule('必须是 1 到 64 之间的整数', 'must be an integer from 1 to 64'),
  }),
  ENGINE_LEASE_MS: Type.Integer({
    minimum: 1000,
    maximum: 600_000,
    default: 30_000,
    description:
      '内置引擎进程持有流程实例租约的时长（毫秒），每三分之一时长续约一次；进程停止后，其他进程在租约到期后接管。/ How long, in milliseconds, an embedded engine process holds an instance lease; it renews it every third of that; when a process dies, another takes over once its leases run out.',
    rule: rule('必须是 1000 到 600000 之间的整数（毫秒）', 'must be an integer from 1000 to 600000 (milliseconds)'),
  }),
  ENGINE_HOT_INSTANCES: Type.Integer({
    minimum: 0,
    maximum: 100_000,
    default: 100,
    description:
      '内置引擎在两条命令之间保留在内存中的流程实例数（小模型每个约 1 MB，申报流程每个约 9 MB），0 表示不保留。/ How many process instances the embedded engine keeps live in memory between commands (about 1 MB each for a small model, about 9 MB for a declaration); 0 keeps none.',
    rule: rule('必须是 0 到 100000 之间的整数', 'must be an integer from 0 to 100000'),
  }),
  ENGINE_RUN_COMMIT: Type.Union([Type.Literal('asynchronous'), Type.Literal('synchronous')], {
    default: 'asynchronous',
    description:
      '内置引擎保存每次推进时是否等待数据库写盘：`asynchronous`（不等待；数据库崩溃时最近不到一秒的推进按提交顺序整体回退并重做，已受理的操作不会丢失）或 `synchronous`（等待）。/ Whether the embedded engine waits for the disk when it saves a run: `asynchronous` (it does not; a database crash rolls back at most the last second of engine progress, whole runs in commit order, which is then redone; nothing the API accepted is lost) or `synchronous` (it waits).',
    rule: rule('必须是 asynchronous 或 synchronous', 'must be asynchronous or synchronous'),
  }),
  // HTTP API (issue 4): signed access tokens, request limits and the public objection limit.
  JWT_SECRET: Type.Optional(
    Type.String({
      minLength: 32,
      description:
        '签发访问令牌（JWT）的密钥，至少 32 个字符；不设置时，jingpin 首次启动时生成一个随机密钥并保存在数据库中（各进程共用）。/ Secret that signs access tokens (JWT), at least 32 characters; when unset, jingpin generates a random one at its first start and keeps it in the database (shared by every process).',
      rule: rule('必须至少 32 个字符', 'must be at least 32 characters'),
    }),
  ),
  JWT_TTL_SECONDS: Type.Integer({
    minimum: 60,
    maximum: 86400,
    default: 900,
    description: '访问令牌的有效期（秒）。/ How long, in seconds, an access token is valid.',
    rule: rule('必须是 60 到 86400 之间的整数（秒）', 'must be an integer from 60 to 86400 (seconds)'),
  }),
  API_BODY_LIMIT_BYTES: Type.Integer({
    minimum: 1024,
    maximum: 10485760,
    default: 262144,
    description: 'HTTP 接口接受的 JSON 请求体的最大字节数。/ The largest JSON request body, in bytes, the HTTP API accepts.',
    rule: rule('必须是 1024 到 10485760 之间的整数（字节）', 'must be an integer from 1024 to 10485760 (bytes)'),
  }),
  TRUST_PROXY: Type.String({
    default: 'false',
    pattern: '^(false|true|[0-9]{1,2}|[0-9A-Fa-f.:/]+(,[0-9A-Fa-f.:/]+)*)$',
    description:
      '是否信任反向代理的 X-Forwarded-For 以取得来访地址（用于登录限制与异议限制）：`false`（直连，默认）、`true`（信任所有代理）、代理层数（如 `1`），或以逗号分隔的代理地址/网段（如 `10.0.0.0/8`）。/ Whether to take the caller\'s address from X-Forwarded-For set by reverse proxies (used by the sign-in and objection limits): `false` (direct, the default), `true` (trust every proxy), the number of proxy hops (e.g. `1`), or proxy addresses/networks, comma-separated (e.g. `10.0.0.0/8`).',
    rule: rule('必须是 false、true、代理层数，或以逗号分隔的地址/网段', 'must be false, true, a number of hops, or comma-separated addresses/networks'),
  }),
  OBJECTION_RATE_LIMIT: Type.Integer({
    minimum: 1,
    maximum: 10000,
    default: 5,
    description:
      '同一地址每小时最多可提交几条公示异议（只计已受理的；超过后答 429）。/ How many publicity objections one address may file per hour (only accepted ones count; more answer 429).',
    rule: rule('必须是 1 到 10000 之间的整数', 'must be an integer from 1 to 10000'),
  }),
  // Attachments of declarations (issue 4): the largest file accepted and where the files are kept.
  ATTACHMENT_MAX_BYTES: Type.Integer({
    minimum: 1024,
    maximum: 104857600,
    default: 20971520,
    description:
      '申报附件单个文件的最大字节数（超过答 413）。/ The largest attachment file, in bytes, a declaration accepts (larger answer 413).',
    rule: rule('必须是 1024 到 104857600 之间的整数（字节）', 'must be an integer from 1024 to 104857600 (bytes)'),
  }),
  ATTACHMENTS_DIR: Type.String({
    minLength: 1,
    maxLength: 1024,
    pattern: '^[^\\x00-\\x1f]+$',
    default: './data/attachments',
    description:
      '申报附件的存放目录，以文件内容的 SHA-256 命名；相对路径相对于启动目录。/ The folder attachments are stored in, each named by its SHA-256; a relative path is taken from the working directory.',
    rule: rule('必须是不含控制字符的路径，最多 1024 个字符', 'must be a path without control characters, at most 1024 characters'),
  }),
  // Camunda 8 (ENGINE=camunda). The names are the SDK's own (@camunda8/sdk), so the values an
  // office already has for Camunda tools work unchanged; jingpin validates them here and hands
  // them to the SDK explicitly (platform/engine/camunda/settings.ts).
  ZEEBE_REST_ADDRESS: Type.Optional(
    Type.String({
      pattern: '^https?://\\S+$',
      description:
        'Camunda 8 编排集群 REST 地址（自动补 /v2）；未设置时用 CAMUNDA_REST_ADDRESS，再无则 http://localhost:8080。/ Camunda 8 Orchestration Cluster REST address (/v2 is appended); when unset, CAMUNDA_REST_ADDRESS, else http://localhost:8080.',
      rule: rule('必须是以 http:// 或 https:// 开头的地址', 'must be a URL starting with http:// or https://'),
    }),
  ),
  CAMUNDA_REST_ADDRESS: Type.Optional(
    Type.String({
      pattern: '^https?://\\S+$',
      description:
        'ZEEBE_REST_ADDRESS 的别名（Camunda 新客户端的名字）；两者都设置时以 ZEEBE_REST_ADDRESS 为准。/ Alias of ZEEBE_REST_ADDRESS (the newer Camunda clients\' name); ZEEBE_REST_ADDRESS wins when both are set.',
      rule: rule('必须是以 http:// 或 https:// 开头的地址', 'must be a URL starting with http:// or https://'),
    }),
  ),
  CAMUNDA_OPERATE_URL: Type.Optional(
    Type.String({
      pattern: '^https?://\\S+$',
      description:
        'Operate 的网页地址，如 http://localhost:8088/operate；ENGINE=camunda 时，流程事件页为每个实例链接到 Operate。/ Operate\'s web address, e.g. http://localhost:8088/operate; with ENGINE=camunda the incident pages link each instance to it.',
      rule: rule('必须是以 http:// 或 https:// 开头的地址', 'must be a URL starting with http:// or https://'),
    }),
  ),
  CAMUNDA_AUTH_STRATEGY: Type.Union([Type.Literal('NONE'), Type.Literal('OAUTH'), Type.Literal('BASIC')], {
    default: 'NONE',
    description: '连接 Camunda 8 的认证方式：NONE、OAUTH 或 BASIC。/ How jingpin authenticates to Camunda 8: NONE, OAUTH or BASIC.',
    rule: rule('必须是 NONE、OAUTH 或 BASIC', 'must be NONE, OAUTH or BASIC'),
  }),
  ZEEBE_CLIENT_ID: Type.Optional(
    Type.String({
      pattern: '^\\S+$',
      description: 'OAuth 客户端 ID（CAMUNDA_AUTH_STRATEGY=OAUTH 时必填）。/ OAuth client id (required when CAMUNDA_AUTH_STRATEGY=OAUTH).',
      rule: rule('不能含空白', 'must not contain spaces'),
    }),
  ),
  ZEEBE_CLIENT_SECRET: Type.Optional(
    Type.String({
      description: 'OAuth 客户端密钥（CAMUNDA_AUTH_STRATEGY=OAUTH 时必填）。/ OAuth client secret (required when CAMUNDA_AUTH_STRATEGY=OAUTH).',
      rule: rule('必须是字符串', 'must be a string'),
    }),
  ),
  CAMUNDA_OAUTH_URL: Type.Optional(
    Type.String({
      pattern: '^https?://\\S+$',
      description: '获取 OAuth 令牌的地址。/ The OAuth token endpoint.',
      rule: rule('必须是以 http:// 或 https:// 开头的地址', 'must be a URL starting with http:// or https://'),
    }),
  ),
  ZEEBE_TOKEN_AUDIENCE: Type.Optional(
    Type.String({
      pattern: '^\\S+$',
      description: 'OAuth 令牌的 audience；不设置时用 SDK 的默认值。/ Audience of the OAuth token; unset means the SDK\'s default.',
      rule: rule('不能含空白', 'must not contain spaces'),
    }),
  ),
  CAMUNDA_BASIC_AUTH_USERNAME: Type.Optional(
    Type.String({
      pattern: '^\\S+$',
      description: 'Basic 认证用户名（CAMUNDA_AUTH_STRATEGY=BASIC 时必填）。/ Basic auth user name (required when CAMUNDA_AUTH_STRATEGY=BASIC).',
      rule: rule('不能含空白', 'must not contain spaces'),
    }),
  ),
  CAMUNDA_BASIC_AUTH_PASSWORD: Type.Optional(
    Type.String({
      description: 'Basic 认证密码（CAMUNDA_AUTH_STRATEGY=BASIC 时必填）。/ Basic auth password (required when CAMUNDA_AUTH_STRATEGY=BASIC).',
      rule: rule('必须是字符串', 'must be a string'),
    }),
  ),
  CAMUNDA_TENANT_ID: Type.Optional(
    Type.String({
      pattern: '^(<default>|[A-Za-z0-9_@.+-]+)$',
      description: '多租户集群中 jingpin 使用的租户；不设置即默认租户。/ The tenant jingpin uses on a multi-tenant cluster; unset means the default tenant.',
      rule: rule('只能含 A-Z、a-z、0-9 和 _ @ . + -', 'may contain only A-Z, a-z, 0-9 and _ @ . + -'),
    }),
  ),
  CAMUNDA_TOKEN_DISK_CACHE_DISABLE: Type.Boolean({
    default: true,
    description:
      '不把 OAuth 令牌缓存到磁盘（容器里应为 true）；重启只是重新取一次令牌。/ Keep OAuth tokens off the disk (true in containers); a restart only fetches a new token.',
    rule: rule('必须是 true 或 false（也可写 1 或 0）', 'must be true or false (or 1 or 0)'),
  }),
  CAMUNDA_JOB_WORKER_MAX_BACKOFF_MS: Type.Integer({
    minimum: 100,
    default: 30000,
    description:
      '集群不可达时作业轮询退避的上限（毫秒）。/ Ceiling, in milliseconds, of a job worker\'s polling backoff while the cluster is unreachable.',
    rule: rule('必须是不小于 100 的整数（毫秒）', 'must be an integer of at least 100 (milliseconds)'),
  }),
  CAMUNDA_STARTUP_ATTEMPTS: Type.Integer({
    minimum: 1,
    maximum: 1000,
    default: 20,
    description:
      '启动时最多尝试连接 Camunda 8 的次数（每次间隔加倍，至多 30 秒），之后放弃启动。/ How many times start-up tries to reach Camunda 8 (the wait doubles, up to 30 s) before it gives up.',
    rule: rule('必须是 1 到 1000 之间的整数', 'must be an integer from 1 to 1000'),
  }),
  CAMUNDA_REQUEST_TIMEOUT_MS: Type.Integer({
    minimum: 1000,
    default: 30000,
    description:
      '对 Camunda 8 的单个请求最长等待多少毫秒（作业长轮询另加其轮询时长）。/ How long, in milliseconds, one request to Camunda 8 may take (a job long poll gets its poll time on top).',
    rule: rule('必须是不小于 1000 的整数（毫秒）', 'must be an integer of at least 1000 (milliseconds)'),
  }),
});

/** jingpin's validated configuration; frozen, so nothing changes it after start. */
export type Config = Readonly<Static<typeof ConfigSchema>>;

/** The names of every variable jingpin reads. */
export type ConfigVariable = keyof typeof ConfigSchema.properties;

/** One variable that broke its rule. */
export interface ConfigProblem {
  readonly variable: ConfigVariable;
  readonly rule: Rule;
  /** The value as given, with any password in it masked. */
  readonly got: string | undefined;
}

/** The environment does not satisfy {@link ConfigSchema}; the message names every bad variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(readonly problems: readonly ConfigProblem[]) {
    super(`配置错误 / configuration error: ${problems.map(describeProblem).join('; ')}`);
  }
}

/**
 * Reads jingpin's variables from `env`, applies defaults and checks every rule at once,
 * so one start reports all mistakes. An empty value counts as unset.
 * @throws {ConfigError} naming each variable that breaks its rule.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw: Record<string, unknown> = {};
  for (const [variable, schema] of variables()) {
    const value = env[variable];
    if (value !== undefined && value !== '') raw[variable] = parseText(schema, value);
  }
  const candidate = Value.Default(ConfigSchema, raw);
  if (Value.Check(ConfigSchema, candidate)) return Object.freeze(candidate);

  const bad = new Set<string>();
  for (const error of Value.Errors(ConfigSchema, candidate)) bad.add(error.path.split('/')[1] ?? '');
  const problems = variables()
    .filter(([variable]) => bad.has(variable))
    .map(([variable, schema]) => ({ variable, rule: schema['rule'] as Rule, got: masked(env[variable]) }));
  throw new ConfigError(problems);
}

/** TRUST_PROXY as fastify's `trustProxy` takes it. */
export function trustProxyOf(config: Pick<Config, 'TRUST_PROXY'>): boolean | string[] | ((address: string, hop: number) => boolean) {
  const value = config.TRUST_PROXY;
  if (value === 'false' || value === 'true') return value === 'true';
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return (_address, hop) => hop < hops;
  }
  return value.split(',');
}

function rule(zh: string, en: string): Rule {
  return { zh, en };
}

function variables(): Array<[ConfigVariable, TSchema]> {
  return Object.entries(ConfigSchema.properties) as Array<[ConfigVariable, TSchema]>;
}

// Value.Convert is too forgiving for a start-up check: it reads "3.5" as 3 and "1e3" as 1.
// So numbers and booleans are parsed strictly here, and anything else stays a string for
// Value.Check to reject.
function parseText(schema: TSchema, text: string): unknown {
  if (schema['type'] === 'integer' && /^-?\d+$/.test(text)) return Number(text);
  if (schema['type'] === 'boolean') {
    const lower = text.toLowerCase();
    if (lower === 'true' || lower === '1') return true;
    if (lower === 'false' || lower === '0') return false;
  }
  return text;
}

// Connection URLs may carry a password; an error message ends up in logs.
function masked(value: string | undefined): string | undefined {
  return value?.replace(/(\/\/[^:/@\s]*:)[^@\s]*@/, '$1***@');
}

function describeProblem(problem: ConfigProblem): string {
  const got = problem.got === undefined ? '' : ` (got ${JSON.stringify(problem.got)})`;
  return `${problem.variable} ${problem.rule.zh} / ${problem.rule.en}${got}`;
}
