import { buildOutboundPolicy, checkUrlAtSave } from '@mindhill/platform';
import { credentialNames } from './credentials';
import { ApiInput, applyPatch, currentInput, defineSource, insideRoots } from './data-source-definition';
import { codeOf } from '@mindhill/testing';

const outbound = buildOutboundPolicy({ allowHosts: ['127.0.0.1:8099'] });
const policy = {
  fileRoots: ['/srv/data'],
  checkUrl: (url: string) => checkUrlAtSave(url, outbound),
  database: { allowHosts: [{ host: 'db', port: 5432 }], platformDatabases: ['mindhill_auth'] },
};

describe('defineSource', () => {
  it('moves credential headers out of the public config', () => {
    const d = defineSource(
      {
        type: 'api',
        url: 'https://example.com/a',
        method: 'GET',
        format: 'auto',
        headers: { Authorization: 'Bearer t', Accept: 'text/csv' },
      },
      policy,
    );
    expect(d.config).toEqual({ url: 'https://example.com/a', method: 'GET', headers: { accept: 'text/csv' }, format: 'auto' });
    expect(d.credentials).toEqual({ headers: { authorization: 'Bearer t' } });
  });
  it('keeps the database password out of the public connection string and puts it back for a patch', () => {
    const d = defineSource({ type: 'database', connectionString: 'postgres://u:pw@db/app', query: 'SELECT 1;', maxRows: 10 }, policy);
    expect(d.config).toEqual({ connectionString: 'postgres://u@db/app', query: 'SELECT 1', maxRows: 10 });
    expect(currentInput('database', d.config, d.credentials)).toMatchObject({ connectionString: 'postgres://u:pw@db/app' });
  });
  it('refuses what a schema cannot express', () => {
    expect(codeOf(() => defineSource({ type: 'api', url: 'http://a:b@example.com', method: 'GET', format: 'auto' }, policy))).toBe(
      'INGESTION.CREDENTIALS_IN_URL',
    );
    expect(codeOf(() => defineSource({ type: 'api', url: 'http://example.com', method: 'GET', format: 'auto', body: 'x' }, policy))).toBe(
      'INGESTION.BODY_ON_GET',
    );
    expect(codeOf(() => defineSource({ type: 'file', folder: '/etc', glob: '*' }, policy))).toBe('INGESTION.FOLDER_NOT_ALLOWED');
    expect(codeOf(() => defineSource({ type: 'file', folder: '/srv/data/x', glob: '../*' }, policy))).toBe('INGESTION.GLOB_ESCAPES_FOLDER');
    expect(codeOf(() => defineSource({ type: 'database', connectionString: 'mysql://h/db', query: 'SELECT 1', maxRows: 1 }, policy))).toBe(
      'INGESTION.INVALID_CONNECTION_STRING',
    );
    expect(
      codeOf(() =>
        defineSource({ type: 'database', connectionString: 'postgres://h/db', query: 'UPDATE t SET a = 1', maxRows: 1 }, policy),
      ),
    ).toBe('INGESTION.INVALID_QUERY');
  });
  it('keeps secret headers, query parameters and body fields out of the public config', () => {
    const d = defineSource(
      {
        type: 'api',
        url: 'https://example.com/a?page=2&api_key=from-url',
        method: 'POST',
        format: 'auto',
        headers: { Accept: 'text/csv', 'X-Tenant': 'plain-or-secret' },
        secretHeaders: { 'X-Tenant': 'tenant-secret' },
        secretQuery: { sig: 'query-secret' },
        body: { q: 'open', password: 'overridden' },
        secretBody: { password: 'body-secret' },
      },
      policy,
    );
    expect(d.config).toEqual({
      url: 'https://example.com/a?page=2',
      method: 'POST',
      headers: { accept: 'text/csv' },
      body: { q: 'open' },
      format: 'auto',
    });
    expect(d.credentials).toEqual({
      headers: { 'x-tenant': 'tenant-secret' },
      query: { sig: 'query-secret', api_key: 'from-url' },
      body: { password: 'body-secret' },
    });
    expect(credentialNames(d.credentials)).toEqual(['body:password', 'header:x-tenant', 'query:api_key', 'query:sig']);
    expect(JSON.stringify(d.config)).not.toMatch(/secret|from-url/);
  });
  it('treats top-level body fields named like credentials as secret without being asked', () => {
    const d = defineSource(
      {
        type: 'api',
        url: 'https://example.com/login',
        method: 'POST',
        format: 'json',
        body: { q: 'open', client_secret: 'cs-1', apiKey: 'k-1', nested: { keep: 1 } },
      },
      policy,
    );
    expect(d.config.body).toEqual({ q: 'open', nested: { keep: 1 } });
    expect(d.credentials).toEqual({ body: { client_secret: 'cs-1', apiKey: 'k-1' } });
    expect(JSON.stringify(d.config)).not.toMatch(/cs-1|k-1/);
    const again = defineSource(applyPatch(currentInput('api', d.config, d.credentials), { body: { q: 'changed' } }) as ApiInput, policy);
    expect(again.config.body).toEqual({ q: 'changed' });
    expect(again.credentials).toEqual({ body: { client_secret: 'cs-1', apiKey: 'k-1' } });
  });
  it('applies a patch over the current input keeping every secret it does not mention', () => {
    const d = defineSource(
      {
        type: 'api',
        url: 'https://example.com/a',
        method: 'GET',
        format: 'auto',
        headers: { Authorization: 'Bearer keep', Accept: 'a/b' },
        secretQuery: { token: 't1', other: 'o' },
      },
      policy,
    );
    const current = currentInput('api', d.config, d.credentials);
    const patched = defineSource(
      applyPatch(current, { headers: { Accept: 'text/plain' }, secretQuery: { other: null, more: 'm' } }) as ApiInput,
      policy,
    );
    expect(patched.config.headers).toEqual({ accept: 'text/plain' });
    expect(patched.credentials).toEqual({ headers: { authorization: 'Bearer keep' }, query: { token: 't1', more: 'm' } });
    const cleared = defineSource(applyPatch(current, { secretHeaders: { AUTHORIZATION: null }, secretQuery: null }) as ApiInput, policy);
    expect(cleared.credentials).toEqual({});
  });
  it('refuses a literal address the outbound guard refuses, and a secret body without an object body', () => {
    for (const url of [
      'http://169.254.169.254/latest/meta-data/',
      'http://[::ffff:127.0.0.1]/',
      'http://2130706433/',
      'http://127.0.0.2:8099/',
      'http://localhost:8099/',
      'http://10.0.0.1/',
    ]) {
      expect([url, codeOf(() => defineSource({ type: 'api', url, method: 'GET', format: 'auto' }, policy))]).toEqual([
        url,
        'OUTBOUND.DESTINATION_NOT_ALLOWED',
      ]);
    }
    expect(defineSource({ type: 'api', url: 'http://127.0.0.1:8099/x', method: 'GET', format: 'auto' }, policy).config.url).toBe(
      'http://127.0.0.1:8099/x',
    );
    expect(
      codeOf(() =>
        defineSource(
          { type: 'api', url: 'http://example.com', method: 'POST', format: 'auto', body: 'text', secretBody: { a: 1 } },
          policy,
        ),
      ),
    ).toBe('INGESTION.SECRET_BODY_NEEDS_OBJECT');
    expect(
      codeOf(() => defineSource({ type: 'api', url: 'http://example.com', method: 'GET', format: 'auto', secretBody: { a: 1 } }, policy)),
    ).toBe('INGESTION.BODY_ON_GET');
  });
  it('treats a root as a folder, not a name prefix', () => {
    expect(insideRoots('/srv/data', ['/srv/data'])).toBe(true);
    expect(insideRoots('/srv/data/a/b', ['/srv/data/'])).toBe(true);
    expect(insideRoots('/srv/database', ['/srv/data'])).toBe(false);
    expect(insideRoots('/srv/data/../etc', ['/srv/data'])).toBe(false);
  });
});
