// The pages' one way to the API: same-origin fetch with the session cookie, the session's CSRF
// token on every state-changing request, an Idempotency-Key on every POST, and problem details
// (RFC 9457) turned into an ApiError whose field errors the pages show beside their fields.

let csrfToken = null;

/** An answer of 4xx/5xx: its problem details, and the field errors keyed by JSON pointer. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.fields = new Map();
    for (const error of problem?.errors ?? []) {
      const list = this.fields.get(error.field) ?? [];
      list.push(error);
      this.fields.set(error.field, list);
    }
  }
}

export function setCsrfToken(token) {
  csrfToken = token;
}

/** The session's CSRF token, for the one request fetch cannot make: an upload with progress. */
export function currentCsrfToken() {
  return csrfToken;
}

function idempotencyKey() {
  return crypto.randomUUID();
}

/**
 * Sends one request; resolves to the parsed JSON body (or null), rejects with ApiError. A POST
 * whose answer was lost on the network is sent once more with the same Idempotency-Key, so the
 * API runs it at most once. Sign-in and sign-out carry no key: the API would keep their answers
 * (the CSRF token) and a hash of the body (the password) for a day.
 */
export async function api(method, url, body) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    if (csrfToken) headers['x-csrf-token'] = csrfToken;
    if (method === 'POST' && !url.startsWith('/session')) headers['idempotency-key'] = idempotencyKey();
  }
  const send = () => fetch(url, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  let response;
  try {
    response = await send().catch((error) => (headers['idempotency-key'] ? send() : Promise.reject(error)));
  } catch {
    throw new ApiError(0, { detail: '网络不通，请稍后再试 / the network is unreachable, try again later' });
  }
  const type = response.headers.get('content-type') ?? '';
  const data = type.includes('json') ? await response.json() : null;
  if (!response.ok) {
    if (response.status === 401 && url !== '/session') window.dispatchEvent(new CustomEvent('jingpin:signed-out'));
    throw new ApiError(response.status, data);
  }
  return data;
}

export const get = (url) => api('GET', url);
export const post = (url, body) => api('POST', url, body ?? {});
