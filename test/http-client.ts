import { setTimeout as sleep } from 'node:timers/promises';

/** An answer as a client reads it: the status, and the body parsed as JSON (null when empty). */
export interface Answer {
  readonly status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the answers are read as a client reads JSON, field by field
  readonly json: any;
}

/** HTTP calls as a client of a running jingpin makes them: JSON in and out, the user's bearer token. */
export interface HttpClient {
  call(method: string, url: string, token?: string, body?: unknown, headers?: Record<string, string>): Promise<Answer>;
  /** Signs in with `POST /auth/login` and answers the bearer token (fails the test otherwise). */
  signIn(username: string, password: string): Promise<string>;
}

export function httpClient(address: () => string): HttpClient {
  const call: HttpClient['call'] = async (method, url, token, body, extra = {}) => {
    const headers: Record<string, string> = { ...extra };
    if (token) headers['authorization'] = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${address()}${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : null };
  };
  return {
    call,
    async signIn(username, password) {
      const answer = await call('POST', '/auth/login', undefined, { username, password });
      if (answer.status !== 200) throw new Error(`sign-in of ${username}: ${answer.status} ${JSON.stringify(answer.json)}`);
      return answer.json.token;
    },
  };
}

/** Asks again until `probe` answers something, for at most `ms`: the engine works in the background. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined | null | false>, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const answer = await probe();
    if (answer) return answer;
    if (Date.now() > until) throw new Error(`${what}: not within ${ms} ms`);
    await sleep(100);
  }
}
