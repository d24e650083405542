import { Inject, Injectable } from '@nestjs/common';
import { executionFinished } from '@mindhill/contracts';
import { EventOf, settingsEnvironment } from '@mindhill/messaging';
import { EventStore, recordOnce } from '@mindhill/persistence';
import { AUTH_CONFIG, AuthConfig } from '../../../auth.config';
import { SendMailJob } from '../../../mail/application/send-mail/send-mail.job';
import { enqueueMail, runFailedMailId } from '../../../mail/infrastructure/mail-queue';
import { mayNotify, notifiesOwner } from '../../domain/run-failure.policy';
import { emailNotificationsOn } from '../../infrastructure/notification-settings.read-model';

export const RUN_FAILURE_CONSUMER = 'auth.run-failure-notices';

// A workflow run ended: if it failed or timed out and e-mail notifications are on, queue one
// notice to the workflow's owner. Once per run: the event is claimed in the inbox, and the mail
// job is keyed by the execution id. The owner is looked up when the mail is written (the mail
// job), so a workflow whose created event arrives late is still told.
@Injectable()
export class NotifyRunFailureJob {
  private readonly environment: string;

  constructor(
    private readonly events: EventStore,
    private readonly mail: SendMailJob,
    @Inject(AUTH_CONFIG) config: AuthConfig,
  ) {
    this.environment = settingsEnvironment(config.NODE_ENV);
  }

  async execute(event: EventOf<typeof executionFinished>): Promise<void> {
    const run = event.payload;
    // A success or a cancellation tells nobody, whatever the setting: no transaction, no inbox
    // row (most runs end this way, and each cost auth a transaction of three statements).
    if (!mayNotify(run.status)) return;
    let queued = false;
    await recordOnce(this.events, RUN_FAILURE_CONSUMER, event.eventId, async (em) => {
      if (!notifiesOwner(run.status, await emailNotificationsOn(em, this.environment))) return;
      queued = await enqueueMail(em, {
        kind: 'run-failed',
        mailId: runFailedMailId(run.executionId),
        executionId: run.executionId,
        workflowId: run.workflowId,
        workflowNumber: run.workflowNumber,
        runNumber: run.runNumber,
        status: run.status,
        errorCode: run.errorCode,
        errorMessage: run.errorMessage && run.errorMessage.slice(0, 500),
        completedAt: run.completedAt,
      });
    });
    if (queued) this.mail.kick();
  }
}
