import { z } from 'zod';
import { defineEvent, topicName } from '../define-event';

export const AUTH_MAIL_TOPIC = topicName('auth', 'mail');

// The mails auth sends through its job queue: account mails (a password-reset or verification
// link) and the notice to a workflow's owner that a run failed or timed out. The events say what
// happened to one mail, never its body, link or token: the kind, the recipient's user id, how it
// went out and how many attempts it took.
export const mailKindSchema = z.enum(['password-reset', 'email-verification', 'run-failed']);
export type MailKind = z.infer<typeof mailKindSchema>;

const iso = () => z.iso.datetime({ offset: true });

export const mailSent = defineEvent({
  type: 'auth.mail.sent',
  version: 1,
  aggregateType: 'mail',
  topic: AUTH_MAIL_TOPIC,
  schema: z.object({
    mailId: z.string(),
    kind: mailKindSchema,
    userId: z.uuid(),
    // The workflow run a run-failed notice is about.
    executionId: z.uuid().nullable(),
    // 'sent': an SMTP server took it; otherwise it was written to the local mail folder.
    where: z.enum(['sent', 'written to the local mail folder']),
    attempts: z.number().int().positive(),
    sentAt: iso(),
  }),
  audit: {
    category: 'system',
    action: 'mail-send',
    resourceType: 'mail',
    severity: 'info',
    resourceName: (p) => `${p.kind} ${p.mailId}`,
    newValues: (p) => ({ kind: p.kind, where: p.where, attempts: p.attempts }),
  },
});

// refused: the SMTP server refused it for good (5xx); gave-up: it stayed unreachable or kept
// answering 4xx until the attempt cap; expired: its link had expired before it could go out;
// no-recipient: the account is gone or has no address.
export const mailFailed = defineEvent({
  type: 'auth.mail.failed',
  version: 1,
  aggregateType: 'mail',
  topic: AUTH_MAIL_TOPIC,
  schema: z.object({
    mailId: z.string(),
    kind: mailKindSchema,
    userId: z.uuid().nullable(),
    executionId: z.uuid().nullable(),
    reason: z.enum(['refused', 'gave-up', 'expired', 'no-recipient']),
    responseCode: z.number().int().nullable(),
    attempts: z.number().int().positive(),
    failedAt: iso(),
  }),
  audit: {
    category: 'system',
    action: 'mail-fail',
    resourceType: 'mail',
    severity: 'medium',
    resourceName: (p) => `${p.kind} ${p.mailId}`,
    newValues: (p) => ({ kind: p.kind, reason: p.reason, responseCode: p.responseCode, attempts: p.attempts }),
  },
});

export const AUTH_MAIL_EVENTS = [mailSent, mailFailed] as const;
