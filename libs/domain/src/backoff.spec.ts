import { backoffDelayMs } from './backoff';

describe('backoffDelayMs', () => {
  it('doubles from the base and stops at the cap', () => {
    const plain = { baseMs: 100, maxMs: 1_000, jitter: false };
    expect([1, 2, 3, 4, 5, 40].map((n) => backoffDelayMs(n, plain))).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });

  it('jitters between half and all of the ceiling', () => {
    expect(backoffDelayMs(3, { baseMs: 100, maxMs: 1_000 }, () => 0)).toBe(200);
    expect(backoffDelayMs(3, { baseMs: 100, maxMs: 1_000 }, () => 1)).toBe(400);
  });
});
