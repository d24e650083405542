import { Writable } from 'node:stream';
import { SYSTEM_ACTOR } from '@mindhill/contracts';
import { runWithContext } from '../context/request-context';
import { getLogger, initLogger } from './logger';
import { REDACTED, redactSecrets } from '@mindhill/domain';

describe('redactSecrets', () => {
  it('replaces secret-named fields at any depth and keeps the rest', () => {
    const input = {
      email: 'a@example.com',
      password: 'hunter2hunter2',
      nested: { apiKey: 'k', headers: { Authorization: 'Bearer abc', 'x-api-key': 'z', accept: 'json' } },
      list: [{ refreshToken: 't', id: 1 }],
      backup_codes: ['1', '2'],
      twoFactorSecret: 'JBSWY3DP',
    };
    expect(redactSecrets(input)).toEqual({
      email: 'a@example.com',
      password: REDACTED,
      nested: { apiKey: REDACTED, headers: { Authorization: REDACTED, 'x-api-key': REDACTED, accept: 'json' } },
      list: [{ refreshToken: REDACTED, id: 1 }],
      backup_codes: REDACTED,
      twoFactorSecret: REDACTED,
    });
    expect(input.password).toBe('hunter2hunter2');
  });
});

describe('logger', () => {
  it('writes JSON lines with the service, the correlation id and secrets redacted', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    initLogger('auth', 'info', sink);
    runWithContext({ correlationId: 'corr-42', causationId: null, actor: SYSTEM_ACTOR }, () => {
      getLogger('login').info({ email: 'a@example.com', password: 'hunter2hunter2', body: { token: 'abc' } }, 'Login attempt');
    });
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({
      level: 'info',
      service: 'auth',
      component: 'login',
      correlationId: 'corr-42',
      msg: 'Login attempt',
      email: 'a@example.com',
    });
    expect(entry.password).toBe(REDACTED);
    expect(entry.body.token).toBe(REDACTED);
    expect(lines.join('')).not.toContain('hunter2');
  });

  it('censors secret headers and body fields in child bindings, which redactSecrets does not see', () => {
    const lines: string[] = [];
    initLogger('auth', 'info', new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }));
    getLogger('http')
      .child({ req: { headers: { authorization: 'Bearer abc.def', 'user-agent': 'ua' }, body: { password: 'hunter2hunter2' } } })
      .info('request');
    const entry = JSON.parse(lines[0]!);
    expect(entry.req).toEqual({ headers: { authorization: REDACTED, 'user-agent': 'ua' }, body: { password: REDACTED } });
    expect(lines.join('')).not.toMatch(/abc\.def|hunter2/);
  });
});
