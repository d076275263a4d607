import type { Config } from '../platform/config.ts';
import type { App } from './app.ts';

/**
 * Starts listening on `HOST`:`PORT`; the only place jingpin opens a port.
 * @returns the address it listens on, e.g. `http://127.0.0.1:3000`.
 */
export async function listen(app: App, config: Pick<Config, 'HOST' | 'PORT'>): Promise<string> {
  // Node's defaults let a slow client hold a connection for minutes; nothing we serve needs
  // more than this. Headers must arrive before the whole request is due.
  app.server.requestTimeout = 30_000;
  app.server.headersTimeout = 10_000;
  app.server.keepAliveTimeout = 5_000;
  return app.listen({ host: config.HOST, port: config.PORT });
}
