import { canonicalPath, forwardableQuery } from './canonical-path';

describe('canonicalPath', () => {
  it('rebuilds the declared route from its parameters, each percent-encoded', () => {
    expect(canonicalPath('/api/v1/users', {})).toBe('/api/v1/users');
    expect(canonicalPath('/api/v1/workflows/:id/copy', { id: 'abc' })).toBe('/api/v1/workflows/abc/copy');
    expect(canonicalPath('/api/v1/settings/:key', { key: 'a b?c#d%' })).toBe('/api/v1/settings/a%20b%3Fc%23d%25');
  });

  it.each([['../users'], ['..'], ['.'], [''], ['a/b'], ['a\\b']])('routes nowhere with the parameter %j', (id) => {
    expect(canonicalPath('/api/v1/workflows/:id', { id })).toBeNull();
  });

  it('routes nowhere when a parameter is missing', () => {
    expect(canonicalPath('/api/v1/workflows/:id', {})).toBeNull();
  });
});

describe('forwardableQuery', () => {
  it('keeps the query string as sent', () => {
    expect(forwardableQuery('/api/v1/workflows?limit=5&q=a%20b')).toBe('?limit=5&q=a%20b');
    expect(forwardableQuery('/api/v1/workflows')).toBe('');
  });

  it('refuses raw bytes outside printable ASCII', () => {
    expect(forwardableQuery('/api/v1/workflows?q=é')).toBeUndefined();
    expect(forwardableQuery('/api/v1/workflows?q=a b')).toBeUndefined();
    expect(forwardableQuery('/api/v1/workflows?q=\u0000')).toBeUndefined();
  });

  it('refuses %-escapes that do not decode as UTF-8', () => {
    expect(forwardableQuery('/api/v1/workflows?q=%zz')).toBeUndefined();
    expect(forwardableQuery('/api/v1/workflows?q=%ED%A0%80')).toBeUndefined();
    expect(forwardableQuery('/api/v1/workflows?q=%C3%A9')).toBe('?q=%C3%A9');
  });
});
