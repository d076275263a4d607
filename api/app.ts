import path from 'node:path';
import Fastify from 'fastify';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { TypeBoxValidatorCompiler, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { trustProxyOf } from '../platform/config.ts';
import type { Logger } from '../platform/log.ts';
import { installAuthentication } from './auth/authentication.ts';
import type { AppDependencies } from './dependencies.ts';
import { loadTaskForms } from './forms/task-forms.ts';
import { loadProcessModels } from './models/process-models.ts';
import { installIdempotency } from './idempotency.ts';
import { installInputRules } from './input-rules.ts';
import { sendProblem } from './problem.ts';
import { authRoutes } from './routes/auth/index.ts';
import { campaignRoutes } from './routes/campaigns/index.ts';
import { ruleSetRoutes } from './routes/rule-sets/index.ts';
import { cityRoutes } from './routes/cities/index.ts';
import { certificationRoutes } from './routes/certifications/index.ts';
import { declarationRoutes } from './routes/declarations/index.ts';
import { documentRoutes } from './routes/documents/index.ts';
import { directoryRoutes } from './routes/directory/index.ts';
import { enterpriseRoutes } from './routes/enterprises/index.ts';
import { dashboardRoutes } from './routes/dashboard/index.ts';
import { exportRoutes } from './routes/exports/index.ts';
import { healthRoutes } from './routes/health.ts';
import { incidentRoutes } from './routes/incidents/index.ts';
import { notificationRoutes } from './routes/notifications.ts';
import { objectionRoutes } from './routes/objections/index.ts';
import { publicityRoutes } from './routes/publicity/index.ts';
import { reportRoutes } from './routes/reports/index.ts';
import { standardRoutes } from './routes/standards/index.ts';
import { statisticsRoutes } from './routes/statistics/index.ts';
import { sessionRoutes } from './routes/session/index.ts';
import { taskRoutes } from './routes/tasks/index.ts';
import { rewritePageNavigation, sendNotFoundPage, webPages } from './web-pages.ts';

export type { AppDependencies } from './dependencies.ts';

const MODELS = path.join(import.meta.dirname, '..', 'bpmn');

/** What {@link buildApp} needs: the dependencies routes use (forms are read from bpmn/), and the logger. */
export interface AppOptions extends Omit<AppDependencies, 'taskForms' | 'processModels'> {
  readonly logger: Logger;
}

/**
 * Builds jingpin's HTTP API without listening (api/server.ts listens; tests use `inject`).
 * Order matters and is kept visible: validation and errors; then security headers, the rate
 * limiter and the OpenAPI document; then authentication and idempotency (hooks that see every
 * route); then the routes, each stating who may call it.
 */
export function buildApp({ logger, ...options }: AppOptions) {
  const dependencies: AppDependencies = { ...options, taskForms: loadTaskForms(MODELS), processModels: loadProcessModels(MODELS) };
  const { config, pool, clock } = dependencies;
  const app = Fastify({
    loggerInstance: logger,
    bodyLimit: config.API_BODY_LIMIT_BYTES,
    // Behind the office's reverse proxy, the caller's address comes from X-Forwarded-For.
    trustProxy: trustProxyOf(config),
    // One rule per route and method: HEAD would be a second, unstated one.
    exposeHeadRoutes: false,
    routerOptions: { maxParamLength: 200 },
    // A browser opening a page address (web/) gets the page shell; API calls are routed as ever.
    rewriteUrl: rewritePageNavigation,
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(TypeBoxValidatorCompiler);
  app.setErrorHandler(sendProblem);
  app.setNotFoundHandler(sendNotFoundPage);
  // JSON only: a text body answers 415 instead of failing the schema as a string.
  app.removeContentTypeParser('text/plain');

  // No CORS plugin: browsers refuse cross-origin calls, as they should for an API that only
  // jingpin's own pages call. The default CSP suits Swagger UI, which loads only its own assets,
  // and the workbench (web/), whose scripts are all files of its own or of /vendor/.
  // `upgrade-insecure-requests` only where jingpin is served over https: on an office's intranet
  // address over http, the browser would otherwise ask for every script and style over https.
  const https = config.PUBLIC_BASE_URL.startsWith('https:');
  app.register(helmet, { global: true, contentSecurityPolicy: { directives: { upgradeInsecureRequests: https ? [] : null } } });
  app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'jingpin API — 江苏精品申报与认证 / Jiangsu Quality declaration and certification',
        version: '0.1.0',
        description: '见 docs/api.md：角色、范围、待办任务与错误 / see docs/api.md: roles, scopes, the inbox and errors',
      },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
  });
  app.register(swaggerUi, { routePrefix: '/docs' });

  installAuthentication(app, { configuredSecret: config.JWT_SECRET, ttlSeconds: config.JWT_TTL_SECONDS, pool, clock });
  installIdempotency(app, { pool, clock });
  installInputRules(app);

  app.register(healthRoutes, dependencies);
  app.register(authRoutes, dependencies);
  app.register(sessionRoutes, dependencies);
  app.register(campaignRoutes, dependencies);
  app.register(ruleSetRoutes, dependencies);
  app.register(enterpriseRoutes, dependencies);
  app.register(directoryRoutes, dependencies);
  app.register(declarationRoutes, dependencies);
  app.register(taskRoutes, dependencies);
  app.register(cityRoutes, dependencies);
  app.register(certificationRoutes, dependencies);
  app.register(publicityRoutes, dependencies);
  app.register(objectionRoutes, dependencies);
  app.register(statisticsRoutes, dependencies);
  app.register(exportRoutes, dependencies);
  app.register(standardRoutes, dependencies);
  app.register(reportRoutes, dependencies);
  app.register(dashboardRoutes, dependencies);
  app.register(documentRoutes, dependencies);
  app.register(notificationRoutes, dependencies);
  app.register(incidentRoutes, dependencies);
  app.register(webPages, dependencies);
  return app;
}

/** The app {@link buildApp} returns. */
export type App = ReturnType<typeof buildApp>;
