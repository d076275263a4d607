import type { CamundaOptions } from '@camunda8/orchestration-cluster-api';

/** One request as the fake cluster saw it. */
export interface SeenRequest {
  readonly method: string;
  /** Path below the host, e.g. `/v2/process-instances`. */
  readonly path: string;
  /** The query string without `?`, or '' */
  readonly query: string;
  readonly contentType: string | null;
  /** Parsed JSON, the multipart parts as `{ name, filename, text }[]`, or undefined without a body. */
  readonly body: unknown;
}

/** What the fake answers: a status with a JSON body, a network failure, or nothing until aborted. */
export type Reply = { readonly status: number; readonly json?: unknown; readonly delayMs?: number } | 'network-error' | 'hang';

export type Handler = (request: SeenRequest) => Reply;

/**
 * A Camunda 8 REST API in a function: the client's `fetch` is pointed at it. Routes are
 * `METHOD /path` exactly; a request without a route fails the test with the request it was.
 * A `hang` reply waits for the request's abort signal, as a cluster that never answers.
 */
export class FakeCluster {
  readonly requests: SeenRequest[] = [];
  readonly #standing = new Map<string, Handler>();
  readonly #queued = new Map<string, Reply[]>();
  readonly #unrouted: SeenRequest[] = [];

  /** Answers every request of `route` (e.g. `POST /v2/process-instances`) with `handler`. */
  on(route: string, handler: Handler | Reply): this {
    this.#standing.set(route, typeof handler === 'function' ? handler : () => handler);
    return this;
  }

  /** Answers the next request of `route` with `reply` (queued in order), before the route's standing answer. */
  once(route: string, reply: Reply): this {
    this.#queued.set(route, [...(this.#queued.get(route) ?? []), reply]);
    return this;
  }

  /** Requests that had no route: a test asserts this is empty. */
  get unrouted(): readonly SeenRequest[] {
    return this.#unrouted;
  }

  /** Requests of one route, in order. */
  seen(route: string): SeenRequest[] {
    const [method, path] = route.split(' ');
    return this.requests.filter((r) => r.method === method && r.path === path);
  }

  readonly fetch: NonNullable<CamundaOptions['fetch']> = async (input, init) => {
    const req = input instanceof Request ? input : new Request(input, init);
    const url = new URL(req.url);
    const seen: SeenRequest = {
      method: req.method,
      path: url.pathname,
      query: url.search.replace(/^\?/, ''),
      contentType: req.headers.get('content-type'),
      body: await readBody(req),
    };
    this.requests.push(seen);
    const route = `${seen.method} ${seen.path}`;
    const queued = this.#queued.get(route)?.shift();
    const standing = this.#standing.get(route);
    if (!queued && !standing) {
      this.#unrouted.push(seen);
      return json(599, { title: 'NO_ROUTE', detail: `fake cluster has no route for ${route}` });
    }
    const reply = queued ?? standing!(seen);
    if (reply === 'network-error') throw new TypeError('fetch failed');
    if (reply === 'hang') {
      return new Promise<Response>((_, reject) => {
        const abort = () => reject(Object.assign(new Error('This operation was aborted'), { name: 'AbortError' }));
        if (req.signal.aborted) abort();
        req.signal.addEventListener('abort', abort, { once: true });
      });
    }
    // A long poll that finds nothing answers after a while, not at once.
    if (reply.delayMs) await abortableDelay(reply.delayMs, req.signal);
    return reply.json === undefined ? new Response(null, { status: reply.status }) : json(reply.status, reply.json);
  };
}

function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(Object.assign(new Error('This operation was aborted'), { name: 'AbortError' }));
    }, { once: true });
  });
}

function json(status: number, body: unknown): Response {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });
}

async function readBody(req: Request): Promise<unknown> {
  if (req.method === 'GET' || req.method === 'HEAD') return undefined;
  const type = req.headers.get('content-type') ?? '';
  if (type.startsWith('multipart/form-data')) {
    const form = await req.formData();
    const parts: { name: string; filename: string | null; text: string }[] = [];
    for (const [name, value] of form.entries()) {
      parts.push(typeof value === 'string' ? { name, filename: null, text: value } : { name, filename: value.name, text: await value.text() });
    }
    return parts;
  }
  const text = await req.text();
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}

/** A problem-detail reply, as the cluster sends for 4xx and 5xx. */
export function problem(status: number, title: string, detail = title): Reply {
  return { status, json: { type: 'about:blank', title, status, detail, instance: '/v2' } };
}
