import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module';
import { NotifyRunFailureJob } from './application/notify-run-failure/notify-run-failure.job';
import { RecordWorkflowOwnerJob } from './application/record-workflow-owner/record-workflow-owner.job';
import { NotificationsKafkaController } from './interface/notifications.kafka-controller';

// Failure notices: a workflow run that failed or timed out is told to the workflow's owner by
// e-mail (setting enable_email_notifications), through the mail queue.
@Module({
  imports: [MailModule],
  controllers: [NotificationsKafkaController],
  providers: [RecordWorkflowOwnerJob, NotifyRunFailureJob],
})
export class NotificationsModule {}
