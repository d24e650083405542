import { z } from 'zod';
import { defineEvent, topicName } from '../define-event';

// Deliveries of finished report runs: one per e-mail recipient and one for the webhook. The
// public payloads carry no secret and no mail body: the webhook URL goes to Kafka as its origin
// only (`target`; a token may hide in its path or query), the full URL is a private field kept in
// reporting's store.
export const REPORT_DELIVERY_TOPIC = topicName('reporting', 'delivery');
export const DELIVERY_RETENTION_TOPIC = topicName('reporting', 'delivery-retention');
export const deliveryChannelSchema = z.enum(['email', 'webhook']);
// What became of a mail or a post: only an SMTP server taking the mail is "sent".
export const deliveryWhereSchema = z.enum(['sent', 'written to the local mail folder', 'posted']);

const deliveryName = (p: { channel: string; target: string }) => `${p.channel} ${p.target}`;

export const deliveryRequested = defineEvent({
  type: 'reporting.delivery.requested',
  version: 1,
  aggregateType: 'delivery',
  topic: REPORT_DELIVERY_TOPIC,
  schema: z.object({
    deliveryId: z.uuid(),
    reportExecutionId: z.uuid(),
    reportId: z.uuid(),
    reportNumber: z.number().int().positive(),
    reportName: z.string(),
    // The report's owner when the run completed: who may list and resend the delivery.
    ownerNumber: z.number().int().nullable(),
    channel: deliveryChannelSchema,
    // An e-mail address, or the webhook URL's origin (`https://hooks.example.com/…`).
    target: z.string(),
    // 1 for the delivery planned at completion; each resend starts the next round.
    round: z.number().int().positive(),
    requestedBy: z.number().int().nullable(),
    requestedAt: z.iso.datetime({ offset: true }),
  }),
  privateSchema: z.object({
    // The webhook URL as configured (it may hold a token in its path or query).
    webhookUrl: z.string().nullable(),
  }),
  audit: {
    category: 'report',
    action: 'delivery-request',
    resourceType: 'report-delivery',
    severity: 'low',
    resourceName: deliveryName,
    newValues: (p) => ({ channel: p.channel, target: p.target, round: p.round, reportExecutionId: p.reportExecutionId }),
  },
});

export const deliveryAttempted = defineEvent({
  type: 'reporting.delivery.attempted',
  version: 1,
  aggregateType: 'delivery',
  topic: REPORT_DELIVERY_TOPIC,
  schema: z.object({
    deliveryId: z.uuid(),
    reportExecutionId: z.uuid(),
    channel: deliveryChannelSchema,
    target: z.string(),
    round: z.number().int().positive(),
    // Counts every attempt of the delivery, all rounds.
    attempt: z.number().int().positive(),
    outcome: z.enum(['delivered', 'retry', 'failed']),
    where: deliveryWhereSchema.nullable(),
    // How the file travelled in a mail.
    mode: z.enum(['attachment', 'link']).nullable(),
    responseCode: z.number().int().nullable(),
    errorCode: z.string().nullable(),
    nextAttemptAt: z.iso.datetime({ offset: true }).nullable(),
    attemptedAt: z.iso.datetime({ offset: true }),
  }),
  audit: {
    category: 'report',
    action: 'delivery-attempt',
    resourceType: 'report-delivery',
    severity: 'info',
    resourceName: deliveryName,
    newValues: (p) => ({ attempt: p.attempt, outcome: p.outcome, where: p.where, responseCode: p.responseCode, errorCode: p.errorCode }),
  },
});

export const deliveryDelivered = defineEvent({
  type: 'reporting.delivery.delivered',
  version: 1,
  aggregateType: 'delivery',
  topic: REPORT_DELIVERY_TOPIC,
  schema: z.object({
    deliveryId: z.uuid(),
    reportExecutionId: z.uuid(),
    channel: deliveryChannelSchema,
    target: z.string(),
    attempts: z.number().int().positive(),
    where: deliveryWhereSchema,
    responseCode: z.number().int().nullable(),
    deliveredAt: z.iso.datetime({ offset: true }),
  }),
  audit: {
    category: 'report',
    action: 'delivery-deliver',
    resourceType: 'report-delivery',
    severity: 'low',
    resourceName: deliveryName,
    newValues: (p) => ({ status: 'delivered', where: p.where, attempts: p.attempts, responseCode: p.responseCode }),
  },
});

export const deliveryFailed = defineEvent({
  type: 'reporting.delivery.failed',
  version: 1,
  aggregateType: 'delivery',
  topic: REPORT_DELIVERY_TOPIC,
  schema: z.object({
    deliveryId: z.uuid(),
    reportExecutionId: z.uuid(),
    channel: deliveryChannelSchema,
    target: z.string(),
    attempts: z.number().int().positive(),
    errorCode: z.string(),
    responseCode: z.number().int().nullable(),
    failedAt: z.iso.datetime({ offset: true }),
  }),
  audit: {
    category: 'report',
    action: 'delivery-fail',
    resourceType: 'report-delivery',
    severity: 'medium',
    resourceName: deliveryName,
    newValues: (p) => ({ status: 'failed', errorCode: p.errorCode, attempts: p.attempts, responseCode: p.responseCode }),
  },
});

export const deliveryRetentionCompleted = defineEvent({
  type: 'reporting.delivery-retention.completed',
  version: 1,
  aggregateType: 'delivery-retention',
  topic: DELIVERY_RETENTION_TOPIC,
  schema: z.object({
    runId: z.uuid(),
    dryRun: z.boolean(),
    retentionDays: z.number().int().positive(),
    cutoff: z.iso.datetime({ offset: true }),
    // Finished deliveries older than the cutoff: found, and removed (0 on a dry run).
    matched: z.number().int().nonnegative(),
    deleted: z.number().int().nonnegative(),
    requestedBy: z.number().int().nullable(),
    completedAt: z.iso.datetime({ offset: true }),
  }),
  audit: {
    category: 'admin',
    action: 'delivery-retention',
    resourceType: 'report-delivery',
    severity: 'medium',
    newValues: (p) => ({ dryRun: p.dryRun, retentionDays: p.retentionDays, matched: p.matched, deleted: p.deleted }),
  },
});

export const DELIVERY_EVENTS = [deliveryRequested, deliveryAttempted, deliveryDelivered, deliveryFailed] as const;
