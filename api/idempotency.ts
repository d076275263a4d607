import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { JingpinFastify as FastifyInstance } from './instance.ts';
import type { Pool } from '../platform/db/pool.ts';
import type { Clock } from '../platform/engine/clock.ts';
import { invalidFields, ProblemError } from './problem.ts';

const KEY = /^[\x21-\x7e]{1,200}$/;

/**
 * How long a key holds its answer. A day covers any client's retry (the common choice of payment
 * APIs, which this header comes from); after it the key may be used again, and its row is swept.
 */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;

/**
 * How long a key may stay held without an answer before a retry takes it over. A request whose
 * process died or lost its database cannot answer, nor free its key (that needs the database);
 * without this its key would answer 409 "still running" for a day. No request of this API runs
 * nearly this long; taking over a key runs the request again, which every POST here tolerates
 * (each is keyed on business identity below the API as well).
 */
export const IDEMPOTENCY_ABANDONED_AFTER_MS = 30_000;

/** Expired rows removed per keyed request, oldest first: bounded, so no request pays for a backlog. */
const SWEEP_BATCH = 100;

interface Held {
  readonly caller: string;
  readonly key: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: Held | null;
  }
}

/**
 * `Idempotency-Key` on any POST: the first request with a key runs and its answer is kept; a
 * repeat with the same key, by the same caller, for the same request answers that first result
 * (with `Idempotent-Replayed: true`) and runs nothing. The same key on a different request is a
 * client error (422); a repeat while the first still runs answers 409, and a repeat after the
 * first has gone {@link IDEMPOTENCY_ABANDONED_AFTER_MS} without an answer runs again. A 5xx answer
 * is not kept, so the client may retry. A key is held for {@link IDEMPOTENCY_RETENTION_MS}. Runs after authentication and validation: a refused request holds no key.
 */
export function installIdempotency(app: FastifyInstance, { pool, clock }: { pool: Pool; clock: Clock }): void {
  app.decorateRequest('idempotency', null);

  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST') return;
    const header = request.headers['idempotency-key'];
    if (header === undefined) return;
    if (typeof header !== 'string' || !KEY.test(header)) {
      throw invalidFields('headers', [{ field: '/idempotency-key', rule: 'pattern', message: '须为 1–200 个可见 ASCII 字符 / must be 1-200 visible ASCII characters' }]);
    }
    const held: Held = { caller: callerKey(request), key: header };
    const hash = requestHash(request);
    const now = clock.now();
    await sweepExpired(pool, held, new Date(now.getTime() - IDEMPOTENCY_RETENTION_MS));
    const inserted = await pool.query(
      `INSERT INTO idempotency_keys (caller, key, method, path, request_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [held.caller, held.key, request.method, request.url, hash, now],
    );
    if (inserted.rowCount === 1) {
      request.idempotency = held;
      return;
    }
    const takenOver = await pool.query(
      `UPDATE idempotency_keys SET method = $3, path = $4, request_hash = $5, created_at = $6
        WHERE caller = $1 AND key = $2 AND status_code IS NULL AND created_at < $7`,
      [held.caller, held.key, request.method, request.url, hash, now, new Date(now.getTime() - IDEMPOTENCY_ABANDONED_AFTER_MS)],
    );
    if (takenOver.rowCount === 1) {
      request.idempotency = held;
      return;
    }
    return replay(reply, held, hash, pool);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const held = request.idempotency;
    if (!held) return payload;
    request.idempotency = null;
    if (reply.statusCode >= 500 || (typeof payload !== 'string' && !Buffer.isBuffer(payload))) {
      await pool.query('DELETE FROM idempotency_keys WHERE caller = $1 AND key = $2', [held.caller, held.key]);
      return payload;
    }
    await pool.query('UPDATE idempotency_keys SET status_code = $3, content_type = $4, response_body = $5 WHERE caller = $1 AND key = $2', [
      held.caller,
      held.key,
      reply.statusCode,
      String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8'),
      payload.toString(),
    ]);
    return payload;
  });

  // A request that failed before answering (the connection dropped) must not hold its key forever.
  app.addHook('onResponse', async (request) => {
    const held = request.idempotency;
    if (held) await pool.query('DELETE FROM idempotency_keys WHERE caller = $1 AND key = $2 AND status_code IS NULL', [held.caller, held.key]);
  });
}

/**
 * Removes this caller's key if it has expired, and a batch of anyone's expired keys. Done on the
 * keyed request itself rather than by a timer, so every process serving the API keeps the table
 * small without one more scheduled job; the index on created_at keeps it cheap.
 */
async function sweepExpired(pool: Pool, held: Held, before: Date): Promise<void> {
  await pool.query(
    `DELETE FROM idempotency_keys
      WHERE (caller = $1 AND key = $2 AND created_at < $3)
         OR (caller, key) IN (SELECT caller, key FROM idempotency_keys WHERE created_at < $3 ORDER BY created_at LIMIT $4)`,
    [held.caller, held.key, before, SWEEP_BATCH],
  );
}

async function replay(reply: FastifyReply, held: Held, hash: string, pool: Pool): Promise<FastifyReply> {
  const { rows } = await pool.query<{ request_hash: string; status_code: number | null; content_type: string | null; response_body: string | null }>(
    'SELECT request_hash, status_code, content_type, response_body FROM idempotency_keys WHERE caller = $1 AND key = $2',
    [held.caller, held.key],
  );
  const first = rows[0];
  if (!first || first.status_code === null) {
    // Its own type and a Retry-After, so a client tells "wait and send it again" from a business conflict.
    reply.header('retry-after', '1');
    throw new ProblemError(409, '同一 Idempotency-Key 的请求仍在处理，请稍后再发 / a request with this Idempotency-Key is still running: send it again later', 'urn:jingpin:problem:idempotency-key-in-use');
  }
  if (first.request_hash !== hash) {
    throw new ProblemError(422, 'Idempotency-Key 已用于另一个请求 / this Idempotency-Key was used for a different request', 'urn:jingpin:problem:idempotency-key-reused');
  }
  return reply
    .code(first.status_code)
    .header('content-type', first.content_type ?? 'application/json; charset=utf-8')
    .header('idempotent-replayed', 'true')
    .send(first.response_body ?? '');
}

function callerKey(request: FastifyRequest): string {
  return request.principal ? `user:${request.principal.userId}` : `address:${request.ip}`;
}

function requestHash(request: FastifyRequest): string {
  return createHash('sha256').update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`).digest('hex');
}
