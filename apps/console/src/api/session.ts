// The signed-in user, kept in sessionStorage (one tab, gone when it closes) and announced to the
// React tree through a tiny subscription.
export type User = { id: string; email: string; displayName: string; role: 'admin' | 'user' | 'viewer' };

export type Session = { accessToken: string; refreshToken?: string; user: User };
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

let currentSession = read();

export const session = {
  current: () => currentSession,
  // Why the last session ended ('expired' after a 401), shown once on the sign-in page.
  endedBecause: () => ended,
  start(value: Session) {
    currentSession = value;
    ended = null;
    sessionStorage.setItem(KEY, JSON.stringify(value));
    listeners.forEach((l) => l());
  },
  end(reason: string | null = null) {
    currentSession = null;
    ended = reason;
    sessionStorage.removeItem(KEY);
    listeners.forEach((l) => l());
  },
  subscribe(listener: Listener) {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  },
};
