import { assertTargetAllowed, parseAllowHosts, parseDatabaseTarget, roleProblems, RoleFacts } from './database-source-policy';
import { codeOf } from '@mindhill/testing';

const policy = {
  allowHosts: parseAllowHosts('db.example.com, 10.0.0.5:6432, [::1]:5433'),
  platformDatabases: ['mindhill_auth', 'mindhill_ingestion'],
};
const check = (url: string) => codeOf(() => assertTargetAllowed(parseDatabaseTarget(url), policy));

describe('database source policy', () => {
  it('parses the allow-list; a host alone means port 5432; a malformed entry is an error', () => {
    expect(policy.allowHosts).toEqual([
      { host: 'db.example.com', port: 5432 },
      { host: '10.0.0.5', port: 6432 },
      { host: '::1', port: 5433 },
    ]);
    expect(parseAllowHosts('')).toEqual([]);
    expect(() => parseAllowHosts('db:99999')).toThrow();
    expect(() => parseAllowHosts('postgres://db')).toThrow();
  });

  it('allows a listed host and port only', () => {
    expect(check('postgres://reader@DB.example.com/sales')).toBeNull();
    expect(check('postgres://reader@10.0.0.5:6432/sales')).toBeNull();
    expect(check('postgres://reader@[::1]:5433/sales')).toBeNull();
    expect(check('postgres://reader@db.example.com:5433/sales')).toBe('INGESTION.DATABASE_HOST_NOT_ALLOWED');
    expect(check('postgres://reader@10.0.0.5/sales')).toBe('INGESTION.DATABASE_HOST_NOT_ALLOWED');
    expect(check('postgres://reader@127.0.0.1/sales')).toBe('INGESTION.DATABASE_HOST_NOT_ALLOWED');
    expect(
      codeOf(() => assertTargetAllowed(parseDatabaseTarget('postgres://reader@db.example.com/sales'), { ...policy, allowHosts: [] })),
    ).toBe('INGESTION.DATABASE_HOST_NOT_ALLOWED');
  });

  it("refuses the platform's own databases, whatever the case", () => {
    expect(check('postgres://reader@db.example.com/mindhill_auth')).toBe('INGESTION.PLATFORM_DATABASE');
    expect(check('postgres://reader@db.example.com/MINDHILL_INGESTION')).toBe('INGESTION.PLATFORM_DATABASE');
  });

  it('refuses parameters that could redirect the connection, sockets, and a missing role or database', () => {
    expect(check('postgres://reader@db.example.com/sales?host=/var/run/postgresql')).toBe('INGESTION.INVALID_CONNECTION_STRING');
    expect(check('postgres://reader@db.example.com/sales?options=-c%20role%3Dpostgres')).toBe('INGESTION.INVALID_CONNECTION_STRING');
    expect(check('postgres://reader@/sales')).toBe('INGESTION.INVALID_CONNECTION_STRING');
    expect(check('postgres://db.example.com/sales')).toBe('INGESTION.INVALID_CONNECTION_STRING');
    expect(check('postgres://reader@db.example.com/')).toBe('INGESTION.INVALID_CONNECTION_STRING');
    expect(parseDatabaseTarget('postgres://reader:p%40ss@db.example.com/sales?sslmode=require')).toEqual({
      host: 'db.example.com',
      port: 5432,
      database: 'sales',
      user: 'reader',
      password: 'p@ss',
      sslmode: 'require',
    });
  });

  it('names every power a source role must not have', () => {
    const plain: RoleFacts = {
      role: 'reader',
      superuser: false,
      createRole: false,
      createDb: false,
      replication: false,
      bypassRls: false,
      memberOf: [],
      fileFunctions: [],
    };
    expect(roleProblems(plain)).toEqual([]);
    expect(roleProblems({ ...plain, superuser: true })).toEqual(['superuser']);
    expect(
      roleProblems({ ...plain, createRole: true, bypassRls: true, memberOf: ['pg_signal_backend'], fileFunctions: ['pg_read_file(text)'] }),
    ).toEqual(['CREATEROLE', 'BYPASSRLS', 'member of pg_signal_backend', 'may execute pg_read_file(text)']);
  });
});
