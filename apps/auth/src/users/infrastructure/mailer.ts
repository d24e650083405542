import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import { getLogger } from '@mindhill/platform';

export type MailSettings = { smtpUrl?: string; from: string; publicAppUrl: string };
export const MAIL_SETTINGS = Symbol('MAIL_SETTINGS');
export type MailKind = 'password-reset' | 'email-verification';

// Sends the account e-mails over SMTP. Without SMTP_URL nothing is sent and the log says so,
// naming the kind of mail only: never the body, the link or its token.
@Injectable()
export class Mailer implements OnModuleDestroy {
  private readonly logger = getLogger('mailer');
  private readonly transport: Transporter | null;

  constructor(@Inject(MAIL_SETTINGS) private readonly settings: MailSettings) {
    this.transport = settings.smtpUrl ? nodemailer.createTransport(settings.smtpUrl) : null;
  }

  link(path: string, token: string): string {
    const url = new URL(path, this.settings.publicAppUrl);
    url.searchParams.set('token', token);
    return url.toString();
  }

  // Never throws: a mail that cannot be sent must not undo the account change it belongs to;
  // the user can ask again.
  async send(kind: MailKind, to: string, subject: string, text: string): Promise<boolean> {
    if (!this.transport) {
      this.logger.warn({ kind }, 'Mail not sent: SMTP_URL is not set');
      return false;
    }
    try {
      await this.transport.sendMail({ from: this.settings.from, to, subject, text });
      this.logger.info({ kind }, 'Mail sent');
      return true;
    } catch (error) {
      this.logger.warn({ kind, reason: (error as Error).message }, 'Mail not sent: the SMTP server refused it');
      return false;
    }
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}
