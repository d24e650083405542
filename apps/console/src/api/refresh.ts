// Keeps a signed-in user signed in past the access token's short life (15 minutes by default):
// the refresh token is traded for new tokens shortly before expiry, and again when a request is
// refused for its token. Refresh tokens rotate and a reused one revokes the whole session, so
// there is only ever one refresh on its way (single flight) and everyone waits for it.
import createClient from 'openapi-fetch';
import type { paths } from '../../../../packages/api-types/openapi';
import { session } from './session';

// Without the session's fetch: the refresh call must not try to refresh itself.
const plain = createClient<paths>({ baseUrl: '' });
let inFlight: Promise<boolean> | null = null;

// Resolves true when the session has fresh tokens; a refused refresh ends the session.
export function refreshSession(): Promise<boolean> {
  inFlight ??= trade().finally(() => (inFlight = null));
  return inFlight;
}

async function trade(): Promise<boolean> {
  const refreshToken = session.current()?.refreshToken;
  if (!refreshToken) return false;
  try {
    const { data, response } = await plain.POST('/api/v1/auth/refresh', { body: { refreshToken } });
    if (data) {
      session.renew(refreshToken, data);
      return true;
    }
    // Busy (429) or unreachable (5xx) is not a refusal: keep the session for the next try.
    if (response.status !== 429 && response.status < 500 && session.current()?.refreshToken === refreshToken) session.end('expired');
  } catch {
    // The network is down: the same.
  }
  return false;
}

// The gateway's answers for a token it will not take (expired, stale after a role change,
// revoked); other 401s (a wrong code at a second step) are answers for the page to show.
const TOKEN_REFUSALS = new Set([
  'AUTH.TOKEN_MISSING',
  'AUTH.TOKEN_INVALID',
  'AUTH.TOKEN_EXPIRED',
  'AUTH.TOKEN_STALE',
  'AUTH.SESSION_REVOKED',
  'AUTH.UNAUTHENTICATED',
]);

async function refusedToken(response: Response): Promise<boolean> {
  if (response.status !== 401) return false;
  const body = (await response
    .clone()
    .json()
    .catch(() => null)) as { error?: { code?: string } } | null;
  return TOKEN_REFUSALS.has(body?.error?.code ?? '');
}

function withToken(request: Request, token: string | undefined): Request {
  if (token) request.headers.set('authorization', `Bearer ${token}`);
  return request;
}

// The fetch under the console's client: the bearer token; on a refused token, one refresh (shared
// with every request refused meanwhile) and one retry; then, still refused, the sign-in page.
export async function sessionFetch(request: Request): Promise<Response> {
  const retry = request.clone();
  const used = session.current()?.accessToken;
  const response = await fetch(withToken(request, used));
  if (!used || !(await refusedToken(response))) return response;
  // Another request may have refreshed already: then its token is the one to retry with.
  const renewed = session.current()?.accessToken !== used || (await refreshSession());
  const token = session.current()?.accessToken;
  if (!renewed || !token) {
    if (session.current()?.accessToken === used) session.end('expired');
    return response;
  }
  const again = await fetch(withToken(retry, token));
  if ((await refusedToken(again)) && session.current()?.accessToken === token) session.end('expired');
  return again;
}

// Refreshes shortly before the access token expires, so most requests never see a 401. A
// background tab's timers may run late; the 401 path above covers that.
let timer: ReturnType<typeof setTimeout> | undefined;
function schedule() {
  clearTimeout(timer);
  const current = session.current();
  if (!current?.refreshToken || !current.refreshAt) return;
  timer = setTimeout(
    () =>
      void refreshSession().then((ok) => {
        // Not refused but not done (the platform busy or away): try again in a while.
        if (!ok && session.current()) timer = setTimeout(schedule, 15_000);
      }),
    Math.max(0, current.refreshAt - Date.now()),
  );
}
session.subscribe(schedule);
schedule();
