import { Type } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { invalidFields } from './problem.ts';

// Keys of Zeebe and of the embedded engine are signed 64-bit integers. JSON Schema compares
// numbers, not strings of digits, so a pattern keeps the digits and a hook the range: a larger key
// names nothing, and would reach PostgreSQL's bigint as a 500.
const ENGINE_KEY_MAX = 9223372036854775807n;

/** A user task's or an incident's key in a path: up to 19 digits, at most 2⁶³ − 1. */
export const EngineKey = (description: string) => Type.String({ pattern: '^[0-9]{1,19}$', description });

/** Refuses, in this plugin's routes, a path parameter `name` beyond 64 bits with 400 naming it. */
export function refuseKeysBeyond64Bits(app: FastifyInstance, name: string): void {
  app.addHook('preHandler', async (request) => {
    const key = (request.params as Record<string, unknown> | undefined)?.[name];
    if (typeof key === 'string' && /^[0-9]+$/.test(key) && BigInt(key) > ENGINE_KEY_MAX) {
      throw invalidFields('params', [{ field: `/${name}`, rule: 'maximum', message: `must be at most ${ENGINE_KEY_MAX} (a 64-bit key)` }]);
    }
  });
}
