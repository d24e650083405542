// The signed-in user, kept in sessionStorage (one tab, gone when it closes) and announced to the
// React tree through a tiny subscription.
export type User = { id: string; email: string; displayName: string; role: 'admin' | 'user' | 'viewer' };

// refreshAt: when the access token should be traded for a new one (epoch ms, by this browser's
// clock: measured from when the token arrived, so a skewed clock does not matter).
export type Session = { accessToken: string; refreshToken?: string; refreshAt?: number; user: User };
type Listener = () => void;

const KEY = 'mindhill.session';
const listeners = new Set<Listener>();
let ended: string | null = null;

function read(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

// The access token's own claims (a JWT's middle part); only read, never trusted: the gateway checks it.
function claimsOf(token: string): { iat?: number; exp?: number; role?: User['role'] } {
  try {
    const part = token.split('.')[1] ?? '';
    return JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/'))) as { iat?: number; exp?: number; role?: User['role'] };
  } catch {
    return {};
  }
}

// A minute before expiry, or a fifth of the lifetime for short-lived tokens (a test's 60 s).
function refreshAtOf(token: string): number | undefined {
  const { iat, exp } = claimsOf(token);
  if (!iat || !exp || exp <= iat) return undefined;
  const lifetime = (exp - iat) * 1000;
  return Date.now() + lifetime - Math.min(60_000, lifetime / 5);
}

let currentSession = read();

function save(value: Session | null, reason: string | null = null) {
  currentSession = value;
  ended = value ? null : reason;
  if (value) sessionStorage.setItem(KEY, JSON.stringify(value));
  else sessionStorage.removeItem(KEY);
  listeners.forEach((l) => l());
}

export const session = {
  current: () => currentSession,
  // Why the last session ended ('expired' after a 401), shown once on the sign-in page.
  endedBecause: () => ended,
  start(value: Session) {
    save({ ...value, refreshAt: value.refreshAt ?? refreshAtOf(value.accessToken) });
  },
  // New tokens from a refresh. The role comes from the new token: an admin may have changed it.
  renew(usedRefreshToken: string, tokens: { accessToken: string; refreshToken: string }) {
    // Signed out (or signed in again) while the refresh was on its way: keep what is there now.
    if (!currentSession || currentSession.refreshToken !== usedRefreshToken) return;
    const role = claimsOf(tokens.accessToken).role ?? currentSession.user.role;
    save({ ...currentSession, ...tokens, refreshAt: refreshAtOf(tokens.accessToken), user: { ...currentSession.user, role } });
  },
  end(reason: string | null = null) {
    save(null, reason);
  },
  subscribe(listener: Listener) {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  },
};
