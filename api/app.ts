import Fastify from 'fastify';
import { TypeBoxValidatorCompiler, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Logger } from '../platform/log.ts';
import type { AppDependencies } from './dependencies.ts';
import { sendNotFound, sendProblem } from './problem.ts';
import { healthRoutes } from './routes/health.ts';
import { notificationRoutes } from './routes/notifications.ts';

export type { AppDependencies } from './dependencies.ts';
export type { EngineInfo } from './engine-info.ts';

/** What {@link buildApp} needs: the dependencies routes use, and the process's logger. */
export interface AppOptions extends AppDependencies {
  readonly logger: Logger;
}

/**
 * Builds jingpin's HTTP API without listening (api/server.ts listens; tests use `inject`).
 * Order matters and is kept visible: validation and error handling first, then the routes.
 */
export function buildApp({ logger, ...dependencies }: AppOptions) {
  const app = Fastify({ loggerInstance: logger }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(TypeBoxValidatorCompiler);
  app.setErrorHandler(sendProblem);
  app.setNotFoundHandler(sendNotFound);

  app.register(healthRoutes, dependencies);
  app.register(notificationRoutes, dependencies);
  return app;
}

/** The app {@link buildApp} returns. */
export type App = ReturnType<typeof buildApp>;
