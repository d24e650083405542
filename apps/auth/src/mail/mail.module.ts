import { Module } from '@nestjs/common';
import { SendMailJob } from './application/send-mail/send-mail.job';
import { MailLinks } from './infrastructure/mail-links';
import { mailConfigProviders, MAIL_POLICY } from './mail.config';

// The mails auth sends (account links, run-failure notices): queued with the event that asks
// for them, sent by SendMailJob through the platform's MailTransport (ADR 0018).
@Module({
  providers: [...mailConfigProviders, SendMailJob],
  exports: [SendMailJob, MailLinks, MAIL_POLICY],
})
export class MailModule {}
