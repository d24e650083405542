// The console's only way to the platform: openapi-fetch over the types generated from the
// gateway's OpenAPI document (packages/api-types, `npm run openapi`, shared with the CLI). Same origin, so no CORS and
// no base URL; the access token rides in the Authorization header, never in a cookie.
import createClient from 'openapi-fetch';
import type { paths } from '../../../../packages/api-types/openapi';
import { sessionFetch } from './refresh';

// The bearer token, a refresh when the gateway refuses it (once, then a retry), and the sign-in
// page when the refresh is refused too: src/api/refresh.ts.
export const api = createClient<paths>({ baseUrl: '', fetch: sessionFetch });
// For a download the client does not make (a file, not JSON): the same token and refresh.
export { sessionFetch };

export type ApiError = { error?: { code?: string; message?: string; details?: unknown } };

// "CODE: message" for an error answer, for a role="alert" next to the form that caused it.
export function errorText(error: unknown, fallback = 'The request failed'): string {
  const e = (error as ApiError | undefined)?.error;
  if (e?.code) return `${e.code}: ${e.message ?? ''}`.trim();
  return fallback;
}

// The answer bodies are not described by the document yet (docs/api.md): the console names the
// fields it reads here, in one place.
export type { User } from './session';
export type Page<T> = { items: T[]; nextCursor: string | null };
