import { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { enqueueJob } from '@mindhill/persistence';

export const SEND_MAIL_JOB = 'send-mail';

// What a queued mail keeps (the job's payload): who it is for and what it is about, never the
// text, the link or a token (an account mail keeps its token's id; MailLinks derives the token).
export const accountMailJobSchema = z.object({
  kind: z.enum(['password-reset', 'email-verification']),
  mailId: z.uuid(),
  userId: z.uuid(),
  expiresAt: z.iso.datetime({ offset: true }),
});

export const runFailedMailJobSchema = z.object({
  kind: z.literal('run-failed'),
  mailId: z.string(),
  executionId: z.uuid(),
  workflowId: z.uuid(),
  workflowNumber: z.number().int().positive(),
  runNumber: z.number().int().positive(),
  status: z.enum(['Failed', 'Timeout']),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  completedAt: z.iso.datetime({ offset: true }),
});

export const mailJobSchema = z.discriminatedUnion('kind', [accountMailJobSchema, runFailedMailJobSchema]);
export type MailJob = z.infer<typeof mailJobSchema>;
export type AccountMailJob = z.infer<typeof accountMailJobSchema>;

// The mail id of a run's failure notice: one per run, so the notice is queued once whatever
// delivers the run's end twice.
export const runFailedMailId = (executionId: string) => `run-failed-${executionId}`;

// Queues a mail in the caller's transaction (with the event that asks for it). Keyed by its mail
// id: queued twice, it is sent once. False when it was already queued.
export function enqueueMail(em: EntityManager, mail: MailJob): Promise<boolean> {
  return enqueueJob(em, { key: `mail:${mail.mailId}`, kind: SEND_MAIL_JOB, payload: mail });
}
