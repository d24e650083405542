import { planRotation, SigningKeySummary } from './key-rotation.policy';

const now = new Date('2026-11-26T12:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
const key = (kid: string, state: SigningKeySummary['state'], extra: Partial<SigningKeySummary> = {}): SigningKeySummary => ({
  kid,
  state,
  activatedAt: null,
  deactivatedAt: null,
  usable: true,
  ...extra,
});

describe('planRotation', () => {
  it('first start: creates a key, activates it, and publishes the next one', () => {
    expect(planRotation([], now, 30)).toEqual([
      { kind: 'create-next' },
      { kind: 'activate-next', reason: 'first-start' },
      { kind: 'create-next' },
    ]);
  });

  it('does nothing while the active key is younger than the rotation period and a next key exists', () => {
    expect(planRotation([key('a', 'active', { activatedAt: daysAgo(29) }), key('n', 'next')], now, 30)).toEqual([]);
  });

  it('publishes a missing next key without rotating', () => {
    expect(planRotation([key('a', 'active', { activatedAt: daysAgo(1) })], now, 30)).toEqual([{ kind: 'create-next' }]);
  });

  it('rotates when the period is over', () => {
    expect(planRotation([key('a', 'active', { activatedAt: daysAgo(30) }), key('n', 'next')], now, 30)).toEqual([
      { kind: 'activate-next', reason: 'scheduled' },
      { kind: 'create-next' },
    ]);
  });

  it('rotates on demand', () => {
    expect(planRotation([key('a', 'active', { activatedAt: daysAgo(1) }), key('n', 'next')], now, 30, true)).toEqual([
      { kind: 'activate-next', reason: 'manual' },
      { kind: 'create-next' },
    ]);
  });

  it('replaces an active key it cannot open, and never activates a next key it cannot open', () => {
    expect(
      planRotation([key('a', 'active', { activatedAt: daysAgo(1), usable: false }), key('n', 'next', { usable: false })], now, 30),
    ).toEqual([{ kind: 'create-next' }, { kind: 'activate-next', reason: 'recovery' }, { kind: 'create-next' }]);
  });
});
