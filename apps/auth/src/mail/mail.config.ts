import { Provider } from '@nestjs/common';
import { MAIL_TRANSPORT, MailTransport } from '@mindhill/platform';
import { AUTH_CONFIG, AuthConfig } from '../auth.config';
import { MailLinks } from './infrastructure/mail-links';

export const MAIL_POLICY = Symbol('MAIL_POLICY');
// Attempts a mail gets while the SMTP server is unreachable or answers 4xx (1 s doubling to 30 s
// between them: about a minute and a half in all); a 5xx refusal ends it at the first.
export type MailPolicy = { maxAttempts: number; resetMinutes: number; verifyHours: number };

// What the mail context reads from the configuration: the transport (SMTP, or the local mail
// folder without SMTP_URL) and the key of the links' tokens.
export const mailConfigProviders: Provider[] = [
  {
    provide: MAIL_TRANSPORT,
    inject: [AUTH_CONFIG],
    useFactory: (c: AuthConfig) => new MailTransport({ smtpUrl: c.SMTP_URL, from: c.MAIL_FROM, localMailDir: c.MAIL_LOCAL_DIR }),
  },
  { provide: MailLinks, inject: [AUTH_CONFIG], useFactory: (c: AuthConfig) => new MailLinks(c.mailLinkKey, c.PUBLIC_APP_URL) },
  {
    provide: MAIL_POLICY,
    inject: [AUTH_CONFIG],
    useFactory: (c: AuthConfig): MailPolicy => ({
      maxAttempts: 8,
      resetMinutes: c.AUTH_RESET_TOKEN_MINUTES,
      verifyHours: c.AUTH_VERIFY_TOKEN_HOURS,
    }),
  },
];
