import { rateLimitMessage } from './rate-limit-message';

describe('rateLimitMessage', () => {
  it('states the limit, the window, whose budget and the wait in whole seconds', () => {
    expect(rateLimitMessage(1_000, 3_600, 'user', 1_234_567)).toBe('Rate limit: 1000 requests per hour per user; retry in 1235 s');
    expect(rateLimitMessage(20, 60, 'client address', 59_001)).toBe('Rate limit: 20 requests per minute per client address; retry in 60 s');
  });

  it('never says retry in 0 s', () => {
    expect(rateLimitMessage(5, 60, 'user', 0)).toBe('Rate limit: 5 requests per minute per user; retry in 1 s');
  });

  it('names other windows plainly', () => {
    expect(rateLimitMessage(5, 7_200, 'user', 1_000)).toContain('per 2 hours');
    expect(rateLimitMessage(5, 300, 'user', 1_000)).toContain('per 5 minutes');
    expect(rateLimitMessage(5, 45, 'user', 1_000)).toContain('per 45 s');
  });
});
