import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppDependencies } from '../../dependencies.ts';
import { attachmentRoutes } from './attachments.ts';
import { correctionRoutes } from './correction.ts';
import { diagramRoutes } from './diagram.ts';
import { draftRoutes } from './drafts.ts';
import { readRoutes } from './read.ts';
import { statusRoutes } from './status.ts';
import { withdrawRoutes } from './withdraw.ts';

/** Declarations: drafts, submitted declarations, their status and audit trail, withdrawal, attachments, the correction of an incomplete one. */
export const declarationRoutes: FastifyPluginAsyncTypebox<AppDependencies> = async (app, dependencies) => {
  await app.register(draftRoutes, dependencies);
  await app.register(readRoutes, dependencies);
  await app.register(statusRoutes, dependencies);
  await app.register(diagramRoutes, dependencies);
  await app.register(withdrawRoutes, dependencies);
  await app.register(attachmentRoutes, dependencies);
  await app.register(correctionRoutes, dependencies);
};
