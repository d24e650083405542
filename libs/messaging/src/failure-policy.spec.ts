import { backoffDelayMs } from '@mindhill/domain';
import {
  DEFAULT_RETRY_POLICY,
  isInfrastructureOutage,
  isPermanentFailure,
  OUTAGE_BACKOFF,
  PermanentMessageError,
  retryBackoff,
} from './failure-policy';

describe('failure policy', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['an administrator shutdown', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['a database refusing connections', Object.assign(new Error('database "x" is not currently accepting connections'), { code: '55000' })],
    ['a connection exception class', Object.assign(new Error('connection failure'), { code: '08006' })],
    ['a dropped connection', new Error('Connection terminated unexpectedly')],
    ['a pool timeout', new Error('Knex: Timeout acquiring a connection. The pool is probably full.')],
    [
      'an outage wrapped by the ORM',
      Object.assign(new Error('wrapped'), { name: 'DriverException', cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }) }),
    ],
  ])('waits out %s instead of dead-lettering', (_what, error) => {
    expect(isInfrastructureOutage(error)).toBe(true);
    expect(isPermanentFailure(error)).toBe(false);
  });

  it.each([
    ['a unique violation', Object.assign(new Error('duplicate key'), { code: '23505' })],
    ['a programming error', new TypeError('x is not a function')],
    ['a poison message', new PermanentMessageError('MESSAGE.NOT_JSON', 'not JSON')],
  ])('does not treat %s as an outage', (_what, error) => {
    expect(isInfrastructureOutage(error)).toBe(false);
  });

  it('waits out an outage 400 ms, doubling to 5 s, without jitter', () => {
    expect([1, 2, 3, 4, 5, 6, 50].map((n) => backoffDelayMs(n, OUTAGE_BACKOFF))).toEqual([400, 800, 1_600, 3_200, 5_000, 5_000, 5_000]);
  });

  it('retries a failed handler between half and all of 100 ms × 2^(n-1), at most 3 s', () => {
    const backoff = retryBackoff(DEFAULT_RETRY_POLICY);
    expect([1, 3, 6].map((n) => backoffDelayMs(n, backoff, () => 1))).toEqual([100, 400, 3_000]);
    expect([1, 3, 6].map((n) => backoffDelayMs(n, backoff, () => 0))).toEqual([50, 200, 1_500]);
  });
});
