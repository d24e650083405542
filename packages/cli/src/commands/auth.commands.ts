import { Command } from 'commander';
import { answer } from '../api/api-client';
import { CliError } from '../cli-error';
import { Action } from './action';

type LoginAnswer = {
  accessToken?: string;
  refreshToken?: string;
  sessionId?: string;
  user?: { email?: string; role?: string; displayName?: string };
  mfaRequired?: boolean;
  mfaToken?: string;
  passwordChangeRequired?: boolean;
};

export function registerAuthCommands(program: Command, action: Action): void {
  program
    .command('login')
    .description(
      'log in (asks the e-mail, the password and, when two-factor login is on, the code); keeps the tokens in the config dir (0600)',
    )
    .option('--email <email>', 'the e-mail (asked when missing)')
    .action(
      action(async (ctx, options: { email?: string }) => {
        const api = ctx.anonymousApi();
        const email = options.email ?? (await ctx.prompt.ask('E-mail: '));
        const password = await ctx.prompt.secret('Password: ');
        let login = await answer<LoginAnswer>(api.POST('/api/v1/auth/login', { body: { email, password } }));
        if (login.mfaRequired && login.mfaToken) {
          const code = await ctx.prompt.ask('Two-factor code (or a backup code): ');
          const body = /^\d{6}$/.test(code) ? { mfaToken: login.mfaToken, code } : { mfaToken: login.mfaToken, backupCode: code };
          login = await answer<LoginAnswer>(api.POST('/api/v1/auth/login/2fa', { body }));
        }
        if (login.passwordChangeRequired) {
          throw new CliError(
            'AUTH.PASSWORD_CHANGE_REQUIRED',
            'This account must change its one-time password first (POST /api/v1/auth/password/change)',
          );
        }
        if (!login.accessToken || !login.refreshToken) throw new CliError('CLI.UNEXPECTED_ANSWER', 'The login answer has no tokens');
        ctx.store.write({
          url: ctx.session.baseUrl,
          accessToken: login.accessToken,
          refreshToken: login.refreshToken,
          sessionId: login.sessionId,
          email: login.user?.email ?? email,
        });
        ctx.prompt.close();
        const user = { ...login.user, url: ctx.session.baseUrl, configFile: ctx.store.file };
        ctx.out.result(user, () => `Logged in to ${ctx.session.baseUrl} as ${user.email ?? email} (${user.role ?? 'user'})`);
      }),
    );

  program
    .command('logout')
    .description('end the session on the platform and forget the tokens')
    .action(
      action(async (ctx) => {
        const config = ctx.store.read();
        let revoked = false;
        if (config.accessToken) {
          // The tokens go in any case: a session already expired or revoked is no reason to keep them.
          revoked = await answer(ctx.api().POST('/api/v1/auth/logout')).then(
            () => true,
            () => false,
          );
        }
        ctx.store.clear();
        ctx.out.result({ loggedOut: true, sessionRevoked: revoked }, () => (config.accessToken ? 'Logged out' : 'Was not logged in'));
      }),
    );

  program
    .command('whoami')
    .description('the account logged in')
    .action(
      action(async (ctx) => {
        const me = await answer<Record<string, unknown>>(ctx.api().GET('/api/v1/auth/me'));
        ctx.out.result(me, () => `${String(me.email)} (${String(me.role)}) at ${ctx.session.baseUrl}`);
      }),
    );
}
