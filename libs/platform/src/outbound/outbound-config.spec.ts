import { destinationOf } from './outbound-config';

describe('destinationOf (the platform’s own destinations, refused to users)', () => {
  it('names the host and port of a database or broker URL, with the default port when none is given', () => {
    expect(destinationOf('postgres://app@db.internal:6432/workflows', 5432)).toBe('db.internal:6432');
    expect(destinationOf('postgres://app@10.0.0.7/workflows', 5432)).toBe('10.0.0.7:5432');
  });

  it('names nothing for a Unix socket, which no user request can reach', () => {
    expect(destinationOf('postgres://postgres@%2Fvar%2Frun%2Fpostgresql/workflows', 5432)).toBeNull();
  });

  it('names nothing for what is not a URL', () => {
    expect(destinationOf('not a url', 5432)).toBeNull();
  });
});
