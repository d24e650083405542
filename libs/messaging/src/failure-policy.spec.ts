import { isInfrastructureOutage, isPermanentFailure, PermanentMessageError } from './failure-policy';

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
});
