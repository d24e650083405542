import { ConfigError } from '@mindhill/platform';
import { loadAuthConfig } from '../../apps/auth/src/auth.config';
import { loadGatewayConfig } from '../../apps/gateway/src/gateway.config';

const secrets = { INTERNAL_API_TOKEN: 'i'.repeat(40), JWT_SECRET: 'j'.repeat(40) };

function problemsOf(load: () => unknown): string[] {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration validated at boot', () => {
  it('applies defaults when only the secrets are given', () => {
    const config = loadAuthConfig(secrets);
    expect(config).toMatchObject({ AUTH_PORT: 3001, AUTH_HOST: '127.0.0.1', KAFKA_BROKERS: ['127.0.0.1:9092'], LOG_LEVEL: 'info' });
    expect(config.AUTH_DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/mindhill_auth');
  });

  it('names a missing secret and says it is not set', () => {
    const problems = problemsOf(() => loadAuthConfig({ INTERNAL_API_TOKEN: secrets.INTERNAL_API_TOKEN }));
    expect(problems).toEqual([expect.stringMatching(/^JWT_SECRET: .*\(not set\)$/)]);
  });

  it('names a wrong value and shows it, except for secrets', () => {
    const problems = problemsOf(() => loadAuthConfig({ ...secrets, AUTH_PORT: 'eighty', JWT_SECRET: 'short' }));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^AUTH_PORT: .*\(got "eighty"\)$/),
        expect.stringMatching(/^JWT_SECRET: .*\(value hidden\)$/),
      ]),
    );
    expect(problems.join('\n')).not.toContain('short');
  });

  it('refuses a broker list that is not host:port', () => {
    expect(problemsOf(() => loadGatewayConfig({ ...secrets, KAFKA_BROKERS: 'localhost' }))[0]).toMatch(/^KAFKA_BROKERS: must be host:port/);
  });

  it('refuses an admin password without the admin e-mail', () => {
    expect(problemsOf(() => loadAuthConfig({ ...secrets, ADMIN_PASSWORD: 'a long enough passphrase' })).join('\n')).toMatch(/ADMIN/);
  });

  it('refuses a database URL of another kind', () => {
    expect(problemsOf(() => loadAuthConfig({ ...secrets, AUTH_DATABASE_URL: 'mysql://x' }))[0]).toMatch(
      /^AUTH_DATABASE_URL: must be a postgres:\/\/ URL/,
    );
  });
});
