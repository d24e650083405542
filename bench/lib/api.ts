import { randomBytes } from 'node:crypto';

export type Session = { token: string; email: string };

// The caller names the shape it reads from the answer (the benchmarks trust their own platform).
export async function call<T>(
  base: string,
  method: string,
  url: string,
  body?: unknown,
  token?: string,
  headers: Record<string, string> = {},
): Promise<T> {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url} answered ${res.status}: ${text.slice(0, 500)}`);
  return (text ? JSON.parse(text) : {}) as T;
}

// Registers a fresh `user` account through the gateway and signs in.
export async function signIn(gateway: string): Promise<Session> {
  const email = `bench-${randomBytes(4).toString('hex')}@mindhill.local`;
  const password = `bench passphrase ${randomBytes(6).toString('hex')}`;
  await call(gateway, 'POST', '/api/v1/auth/register', { email, password, displayName: 'Bench' });
  const login = await call<{ accessToken: string }>(gateway, 'POST', '/api/v1/auth/login', { email, password });
  return { token: login.accessToken, email };
}

// The body of POST /api/v1/workflows used by the write benchmarks (an inactive workflow).
export function workflowBody(name: string): Record<string, unknown> {
  return {
    name,
    description: 'Benchmark workflow',
    configuration: {
      stages: [
        { name: 'fetching', type: 'fetching', dataSources: ['00000000-0000-4000-8000-000000000001'], settings: {} },
        { name: 'normalization', type: 'normalization', settings: {} },
        { name: 'calculation', type: 'calculation', settings: {} },
      ],
    },
    tags: ['bench'],
  };
}
