import { VerifiedTokenCache } from './verified-token-cache';

const principal = {
  userId: 'u',
  userNumber: 1,
  email: 'a@example.com',
  role: 'user' as const,
  sessionId: 's',
  tokenVersion: 1,
  expiresAt: 2_000,
};

describe('VerifiedTokenCache', () => {
  it('answers until the token expires', () => {
    const cache = new VerifiedTokenCache();
    cache.set('t', principal, 2_000, 1);
    expect(cache.get('t', 1, 1_999)).toBe(principal);
    expect(cache.get('t', 1, 2_000)).toBeNull();
    expect(cache.size).toBe(0);
  });

  it('forgets every token verified against an older key set', () => {
    const cache = new VerifiedTokenCache();
    cache.set('t', principal, 10_000, 1);
    expect(cache.get('t', 2, 0)).toBeNull();
    expect(cache.get('t', 1, 0)).toBeNull();
  });

  it('drops the oldest entry when full', () => {
    const cache = new VerifiedTokenCache(2);
    cache.set('a', principal, 10_000, 1);
    cache.set('b', principal, 10_000, 1);
    cache.set('c', principal, 10_000, 1);
    expect(cache.get('a', 1, 0)).toBeNull();
    expect(cache.get('b', 1, 0)).toBe(principal);
    expect(cache.get('c', 1, 0)).toBe(principal);
  });
});
