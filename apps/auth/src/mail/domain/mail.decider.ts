import { MailKind, mailFailed, mailSent, newEvent } from '@mindhill/contracts';
import { Decider } from '@mindhill/domain';

// One mail auth sends (a `mail-<mailId>` stream): it ends once, sent or failed. Its outcome
// commits with the job's completion; anything that asks again once it is recorded (a duplicate
// job) records nothing more.
export type MailRef = { mailId: string; kind: MailKind; userId: string | null; executionId: string | null };
export type MailState = { recorded: true } | null;
export type MailFailureReason = 'refused' | 'gave-up' | 'expired' | 'no-recipient';

export type MailCommand =
  | {
      kind: 'record-sent';
      mail: MailRef & { userId: string };
      where: 'sent' | 'written to the local mail folder';
      attempts: number;
      now: Date;
    }
  | { kind: 'record-failed'; mail: MailRef; reason: MailFailureReason; responseCode: number | null; attempts: number; now: Date };

export const mailDecider: Decider<MailState, MailCommand> = {
  decide(state, command) {
    if (state) return [];
    const { mailId, kind, userId, executionId } = command.mail;
    if (command.kind === 'record-sent') {
      return [
        newEvent(mailSent, {
          mailId,
          kind,
          userId: command.mail.userId,
          executionId,
          where: command.where,
          attempts: command.attempts,
          sentAt: command.now.toISOString(),
        }),
      ];
    }
    return [
      newEvent(mailFailed, {
        mailId,
        kind,
        userId,
        executionId,
        reason: command.reason,
        responseCode: command.responseCode,
        attempts: command.attempts,
        failedAt: command.now.toISOString(),
      }),
    ];
  },
};

// What an attempt that the SMTP server did not take leads to: a permanent refusal (5xx) ends the
// mail at once; anything else (4xx, unreachable) is tried again with backoff until the cap.
export function afterSendFailure(permanent: boolean, attempts: number, maxAttempts: number): 'retry' | 'refused' | 'gave-up' {
  if (permanent) return 'refused';
  return attempts < maxAttempts ? 'retry' : 'gave-up';
}

// A link that has expired is not worth sending (a retry can outlast a 30-minute reset link).
export function linkExpired(expiresAt: string | null, now: Date): boolean {
  return expiresAt !== null && new Date(expiresAt).getTime() <= now.getTime();
}
