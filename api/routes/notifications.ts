import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Redis } from 'ioredis';
import { beijingIso } from '../../domain/notifications/beijing-time.ts';
import { listDeadLetters, type DeadLetter } from '../../platform/mail/dead-letters.ts';
import { NotificationQueue } from '../../platform/queue/notification-queue.ts';
import { closeRedis, connectRedis } from '../../platform/queue/redis.ts';
import { DeadLetterAlreadyResent, DeadLetterNotFound, resendDeadLetter } from '../../platform/queue/resend.ts';
import { only } from '../auth/access.ts';
import type { AppDependencies } from '../dependencies.ts';
import { bearer, problemResponses } from '../schemas.ts';

const DeadLetterView = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  caseNumber: Type.String(),
  recipientName: Type.String(),
  recipient: Type.String(),
  error: Type.String(),
  attempts: Type.Integer(),
  failedAt: Type.String({ description: 'ISO 8601, Beijing time' }),
  resentAt: Type.Union([Type.String(), Type.Null()]),
  resendJobId: Type.Union([Type.String(), Type.Null()]),
});

/**
 * The office's view of notifications that failed for good, and the way to send one again.
 * `GET /notifications/dead-letters[?includeResent=true]`, `POST /notifications/dead-letters/:id/resend`.
 * The provincial office's alone.
 */
export const notificationRoutes: FastifyPluginAsyncTypebox<AppDependencies> = async (app, { config, pool, clock }) => {
  // Opened on the first resend, so an API that never resends never connects to Redis.
  let producer: { redis: Redis; queue: NotificationQueue } | undefined;
  const queue = () => {
    if (!producer) {
      const redis = connectRedis(config.REDIS_URL, 'producer');
      producer = { redis, queue: new NotificationQueue(redis, config.REDIS_PREFIX) };
    }
    return producer.queue;
  };
  app.addHook('onClose', async () => {
    if (!producer) return;
    await producer.queue.close();
    await closeRedis(producer.redis);
  });

  app.get(
    '/notifications/dead-letters',
    {
      config: { access: only('provincial_office') },
      schema: {
        tags: ['notifications'],
        security: bearer,
        querystring: Type.Object({ includeResent: Type.Optional(Type.Boolean({ default: false })) }),
        response: { 200: Type.Array(DeadLetterView), ...problemResponses },
      },
    },
    async (request) => (await listDeadLetters(pool, { includeResent: request.query.includeResent ?? false })).map(view),
  );

  app.post(
    '/notifications/dead-letters/:id/resend',
    {
      config: { access: only('provincial_office') },
      schema: {
        tags: ['notifications'],
        security: bearer,
        // The column is a bigserial; past 2^53 − 1 the number is no longer exact, and PostgreSQL refuses past bigint.
        params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) }),
        response: { 202: Type.Object({ id: Type.Integer(), jobId: Type.String() }), ...problemResponses },
      },
    },
    async (request, reply) => {
      try {
        const { jobId } = await resendDeadLetter(pool, queue(), request.params.id, clock.now());
        return reply.code(202).send({ id: request.params.id, jobId });
      } catch (error) {
        if (error instanceof DeadLetterNotFound) throw Object.assign(error, { statusCode: 404 });
        if (error instanceof DeadLetterAlreadyResent) throw Object.assign(error, { statusCode: 409 });
        throw error;
      }
    },
  );
};

function view(letter: DeadLetter) {
  return {
    id: letter.id,
    kind: letter.kind,
    caseNumber: letter.caseNumber,
    recipientName: letter.recipientName,
    recipient: letter.recipient,
    error: letter.error,
    attempts: letter.attempts,
    failedAt: beijingIso(letter.failedAt),
    resentAt: letter.resentAt ? beijingIso(letter.resentAt) : null,
    resendJobId: letter.resendJobId,
  };
}
