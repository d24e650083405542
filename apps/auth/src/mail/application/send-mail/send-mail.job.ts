import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { streamIds } from '@mindhill/contracts';
import { completeJob, EventStore, Job, JobWorker } from '@mindhill/persistence';
import { getLogger, MAIL_TRANSPORT, MailReceipt, MailSendError, MailTransport, systemContext } from '@mindhill/platform';
import { afterSendFailure, linkExpired, MailCommand, mailDecider, MailFailureReason, MailRef } from '../../domain/mail.decider';
import { accountMail, MailContent, runFailedMail } from '../../domain/mail-texts';
import { MailLinks } from '../../infrastructure/mail-links';
import { MailJob, mailJobSchema, SEND_MAIL_JOB } from '../../infrastructure/mail-queue';
import { accountRecipient, Recipient, workflowOwner } from '../../infrastructure/mail-recipient.read-model';
import { MAIL_POLICY, MailPolicy } from '../../mail.config';

type Outcome = { sent: MailReceipt; recipient: Recipient } | { failed: MailFailureReason; responseCode: number | null };

// Sends the mails queued in auth's job table (ADR 0018), one job per mail, with the mail id as
// the Message-ID (and the .eml file's name without SMTP). The outcome, auth.mail.sent or
// auth.mail.failed, commits with the job's completion. An SMTP server that is unreachable or
// answers 4xx gets the mail again with backoff up to the attempt cap; a 5xx refusal is final.
// What reaches the log and the job row is the kind, the ids and the SMTP code: never the
// address, the text or the link.
@Injectable()
export class SendMailJob implements OnApplicationBootstrap, BeforeApplicationShutdown, OnModuleDestroy {
  private readonly logger = getLogger('send-mail');
  private readonly worker: JobWorker;

  constructor(
    orm: MikroORM,
    private readonly events: EventStore,
    private readonly links: MailLinks,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    @Inject(MAIL_POLICY) private readonly policy: MailPolicy,
  ) {
    // One more attempt than the policy allows: the last one records the failure itself, so a
    // job only dies (kept for an operator) when recording fails too.
    this.worker = new JobWorker(orm, {
      kinds: [SEND_MAIL_JOB],
      handle: (job) => this.run(job),
      concurrency: 2,
      leaseMs: 2 * 60_000,
      maxAttempts: policy.maxAttempts + 1,
    });
  }

  onApplicationBootstrap(): void {
    this.worker.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.stop();
  }

  onModuleDestroy(): void {
    this.transport.close();
  }

  // Mail was just queued: send it now rather than at the next poll.
  kick(): void {
    this.worker.kick();
  }

  // What a caller may say about a mail it queued: never "sent" without an SMTP server.
  get delivery(): MailReceipt['where'] {
    return this.transport.outcome;
  }

  async run(job: Job): Promise<void> {
    const mail = mailJobSchema.parse(job.payload);
    const outcome = await this.attempt(mail, job.attempts);
    const ref: MailRef = {
      mailId: mail.mailId,
      kind: mail.kind,
      userId: 'sent' in outcome ? outcome.recipient.userId : mail.kind === 'run-failed' ? null : mail.userId,
      executionId: mail.kind === 'run-failed' ? mail.executionId : null,
    };
    const now = new Date();
    const command: MailCommand =
      'sent' in outcome
        ? {
            kind: 'record-sent',
            mail: { ...ref, userId: outcome.recipient.userId },
            where: outcome.sent.where,
            attempts: job.attempts,
            now,
          }
        : { kind: 'record-failed', mail: ref, reason: outcome.failed, responseCode: outcome.responseCode, attempts: job.attempts, now };
    await this.events.transact(async (tx) => {
      const streamId = streamIds.mail(mail.mailId);
      const events = mailDecider.decide((await tx.streamVersion(streamId)) > 0 ? { recorded: true } : null, command);
      await tx.appendAtCurrent(streamId, events, systemContext());
      await completeJob(tx.em, job.id);
    });
    const log = { mailId: mail.mailId, kind: mail.kind, attempts: job.attempts };
    // Never "sent" for a mail that only went to the local folder.
    if ('sent' in outcome) this.logger.info(log, outcome.sent.where === 'sent' ? 'Mail sent' : 'Mail written to the local mail folder');
    else this.logger.warn({ ...log, reason: outcome.failed, responseCode: outcome.responseCode }, 'Mail failed');
  }

  // One attempt. Throws (the job runs again later) only for a failure worth retrying.
  private async attempt(mail: MailJob, attempts: number): Promise<Outcome> {
    const em = this.events.readModel();
    let recipient: Recipient | null;
    if (mail.kind === 'run-failed') {
      const owner = await workflowOwner(em, mail.workflowId);
      // The workflow's created event may not have reached auth yet: wait for it a while.
      if (!owner.known && attempts < this.policy.maxAttempts) throw new Error('MAIL.OWNER_UNKNOWN: the workflow is not known yet');
      recipient = owner.recipient;
    } else {
      if (linkExpired(mail.expiresAt, new Date())) return { failed: 'expired', responseCode: null };
      recipient = await accountRecipient(em, mail.userId, false);
    }
    if (!recipient) return { failed: 'no-recipient', responseCode: null };
    let failure: { permanent: boolean; responseCode: number | null; smtp: boolean };
    try {
      const sent = await this.transport.send({ id: mail.mailId, to: recipient.email, ...this.compose(mail) });
      return { sent, recipient };
    } catch (error) {
      const smtp = error instanceof MailSendError;
      failure = { permanent: smtp && error.permanent, responseCode: smtp ? (error.responseCode ?? null) : null, smtp };
    }
    const next = afterSendFailure(failure.permanent, attempts, this.policy.maxAttempts);
    // The SMTP server's message can quote the address: the job row and the log get the code only.
    if (next === 'retry')
      throw new Error(`MAIL.SEND_FAILED: ${failure.responseCode ?? (failure.smtp ? 'SMTP unreachable' : 'not written')}`);
    return { failed: next, responseCode: failure.responseCode };
  }

  private compose(mail: MailJob): MailContent {
    if (mail.kind === 'run-failed') return runFailedMail(mail, this.links.link(`/executions/${mail.executionId}`));
    const link =
      mail.kind === 'password-reset'
        ? this.links.link('/reset-password', this.links.token(mail.mailId))
        : this.links.link('/verify-email', this.links.token(mail.mailId));
    const lifetime = mail.kind === 'password-reset' ? `${this.policy.resetMinutes} minutes` : `${this.policy.verifyHours} hours`;
    return accountMail(mail.kind, link, lifetime);
  }
}
