import { DomainError } from '@mindhill/platform';
import { currentInput, defineSource, insideRoots } from './data-source-definition';

const policy = { fileRoots: ['/srv/data'], database: { allowHosts: [{ host: 'db', port: 5432 }], platformDatabases: ['mindhill_auth'] } };
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as DomainError).code;
  }
  return null;
};

describe('defineSource', () => {
  it('moves credential headers out of the public config', () => {
    const d = defineSource({ type: 'api', url: 'https://example.com/a', method: 'GET', format: 'auto', headers: { Authorization: 'Bearer t', Accept: 'text/csv' } }, policy);
    expect(d.config).toEqual({ url: 'https://example.com/a', method: 'GET', headers: { accept: 'text/csv' }, format: 'auto' });
    expect(d.credentials).toEqual({ headers: { authorization: 'Bearer t' } });
  });
  it('keeps the database password out of the public connection string and puts it back for a patch', () => {
    const d = defineSource({ type: 'database', connectionString: 'postgres://u:pw@db/app', query: 'SELECT 1;', maxRows: 10 }, policy);
    expect(d.config).toEqual({ connectionString: 'postgres://u@db/app', query: 'SELECT 1', maxRows: 10 });
    expect(currentInput('database', d.config, d.credentials)).toMatchObject({ connectionString: 'postgres://u:pw@db/app' });
  });
  it('refuses what a schema cannot express', () => {
    expect(codeOf(() => defineSource({ type: 'api', url: 'http://a:b@example.com', method: 'GET', format: 'auto' }, policy))).toBe('INGESTION.CREDENTIALS_IN_URL');
    expect(codeOf(() => defineSource({ type: 'api', url: 'http://example.com', method: 'GET', format: 'auto', body: 'x' }, policy))).toBe('INGESTION.BODY_ON_GET');
    expect(codeOf(() => defineSource({ type: 'file', folder: '/etc', glob: '*' }, policy))).toBe('INGESTION.FOLDER_NOT_ALLOWED');
    expect(codeOf(() => defineSource({ type: 'file', folder: '/srv/data/x', glob: '../*' }, policy))).toBe('INGESTION.GLOB_ESCAPES_FOLDER');
    expect(codeOf(() => defineSource({ type: 'database', connectionString: 'mysql://h/db', query: 'SELECT 1', maxRows: 1 }, policy))).toBe('INGESTION.INVALID_CONNECTION_STRING');
    expect(codeOf(() => defineSource({ type: 'database', connectionString: 'postgres://h/db', query: 'UPDATE t SET a = 1', maxRows: 1 }, policy))).toBe('INGESTION.INVALID_QUERY');
  });
  it('treats a root as a folder, not a name prefix', () => {
    expect(insideRoots('/srv/data', ['/srv/data'])).toBe(true);
    expect(insideRoots('/srv/data/a/b', ['/srv/data/'])).toBe(true);
    expect(insideRoots('/srv/database', ['/srv/data'])).toBe(false);
    expect(insideRoots('/srv/data/../etc', ['/srv/data'])).toBe(false);
  });
});
