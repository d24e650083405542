import { deliveryAttempted, deliveryDelivered, deliveryFailed, deliveryRequested, newEvent } from '@mindhill/contracts';
import { deciderSpecification } from '@mindhill/testing/decider-specification';
import { CompletedRun, Delivery, displayTarget, mailMode, mayHandle, reportDeliveryDecider } from './report-delivery.decider';

const spec = deciderSpecification(reportDeliveryDecider);
const now = '2026-12-06T12:00:00.000Z';
const ids = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222', '33333333-3333-4333-8333-333333333333'];
const run: CompletedRun = {
  reportExecutionId: '44444444-4444-4444-8444-444444444444',
  reportId: '55555555-5555-4555-8555-555555555555',
  reportNumber: 3,
  reportName: 'Weekly',
  ownerNumber: 7,
  emailRecipients: ['a@example.com', 'B@example.com', 'b@EXAMPLE.com', ' '],
  webhookUrl: 'https://hooks.example.com/in/abc?token=s3cret#x',
};
const owner = { role: 'user', userNumber: 7 } as const;
const admin = { role: 'admin', userNumber: 1 } as const;
const stranger = { role: 'user', userNumber: 8 } as const;
const requested = (i: number, channel: 'email' | 'webhook', target: string, webhookUrl: string | null) =>
  newEvent(deliveryRequested, {
    deliveryId: ids[i]!,
    reportExecutionId: run.reportExecutionId,
    reportId: run.reportId,
    reportNumber: 3,
    reportName: 'Weekly',
    ownerNumber: 7,
    channel,
    target,
    round: 1,
    requestedBy: null,
    requestedAt: now,
    webhookUrl,
  });
const pending: Delivery = {
  deliveryId: ids[0]!,
  reportExecutionId: run.reportExecutionId,
  reportId: run.reportId,
  reportNumber: 3,
  reportName: 'Weekly',
  ownerNumber: 7,
  channel: 'webhook',
  target: 'https://hooks.example.com/…',
  webhookUrl: run.webhookUrl,
  round: 1,
  status: 'pending',
  attempts: 0,
  roundAttempts: 0,
};
const policy = { maxAttempts: 3, retryDelayMs: 2_000 };
const base = { deliveryId: ids[0]!, reportExecutionId: run.reportExecutionId, channel: 'webhook' as const, target: pending.target };

describe('report delivery decider', () => {
  describe('plan', () => {
    it('given a completed run, when planned, then one delivery per distinct address and one for the webhook, shown by its origin only (the full URL private)', () =>
      spec
        .given(null)
        .when({ kind: 'plan', run, newId: (i) => ids[i]!, now })
        .then([
          requested(0, 'email', 'a@example.com', null),
          requested(1, 'email', 'B@example.com', null),
          requested(2, 'webhook', 'https://hooks.example.com/…', run.webhookUrl),
        ]));

    it('given a report without recipients nor webhook, when planned, then nothing', () =>
      spec
        .given(null)
        .when({ kind: 'plan', run: { ...run, emailRecipients: [], webhookUrl: null }, newId: (i) => ids[i]!, now })
        .thenNothing());
  });

  describe('record an attempt', () => {
    it('given a pending delivery, when the receiver took it, then the receipt and delivered', () =>
      spec
        .given(pending)
        .when({ kind: 'record-attempt', round: 1, result: { ok: true, where: 'posted', responseCode: 204, mode: null }, policy, now })
        .then([
          newEvent(deliveryAttempted, {
            ...base,
            round: 1,
            attempt: 1,
            outcome: 'delivered',
            where: 'posted',
            mode: null,
            responseCode: 204,
            errorCode: null,
            nextAttemptAt: null,
            attemptedAt: now,
          }),
          newEvent(deliveryDelivered, { ...base, attempts: 1, where: 'posted', responseCode: 204, deliveredAt: now }),
        ]));

    it('given a pending delivery, when a transient failure comes with attempts left, then a receipt with the next attempt time', () =>
      spec
        .given({ ...pending, attempts: 1, roundAttempts: 1 })
        .when({
          kind: 'record-attempt',
          round: 1,
          result: { ok: false, permanent: false, errorCode: 'REPORTING.WEBHOOK_REJECTED', responseCode: 500, mode: null },
          policy,
          now,
        })
        .then([
          newEvent(deliveryAttempted, {
            ...base,
            round: 1,
            attempt: 2,
            outcome: 'retry',
            where: null,
            mode: null,
            responseCode: 500,
            errorCode: 'REPORTING.WEBHOOK_REJECTED',
            nextAttemptAt: '2026-12-06T12:00:02.000Z',
            attemptedAt: now,
          }),
        ]));

    it('given the last attempt of the round, when it fails, then failed with its code', () =>
      spec
        .given({ ...pending, attempts: 2, roundAttempts: 2 })
        .when({
          kind: 'record-attempt',
          round: 1,
          result: { ok: false, permanent: false, errorCode: 'REPORTING.WEBHOOK_REJECTED', responseCode: 503, mode: null },
          policy,
          now,
        })
        .then([
          newEvent(deliveryAttempted, {
            ...base,
            round: 1,
            attempt: 3,
            outcome: 'failed',
            where: null,
            mode: null,
            responseCode: 503,
            errorCode: 'REPORTING.WEBHOOK_REJECTED',
            nextAttemptAt: null,
            attemptedAt: now,
          }),
          newEvent(deliveryFailed, { ...base, attempts: 3, errorCode: 'REPORTING.WEBHOOK_REJECTED', responseCode: 503, failedAt: now }),
        ]));

    it('given a pending mail, when the SMTP server refuses it for good (5xx), then failed at once', () =>
      spec
        .given({ ...pending, channel: 'email', target: 'bounce@example.com', webhookUrl: null })
        .when({
          kind: 'record-attempt',
          round: 1,
          result: { ok: false, permanent: true, errorCode: 'REPORTING.MAIL_REFUSED', responseCode: 550, mode: 'attachment' },
          policy,
          now,
        })
        .then([
          newEvent(deliveryAttempted, {
            ...base,
            channel: 'email',
            target: 'bounce@example.com',
            round: 1,
            attempt: 1,
            outcome: 'failed',
            where: null,
            mode: 'attachment',
            responseCode: 550,
            errorCode: 'REPORTING.MAIL_REFUSED',
            nextAttemptAt: null,
            attemptedAt: now,
          }),
          newEvent(deliveryFailed, {
            ...base,
            channel: 'email',
            target: 'bounce@example.com',
            attempts: 1,
            errorCode: 'REPORTING.MAIL_REFUSED',
            responseCode: 550,
            failedAt: now,
          }),
        ]));

    it('given a finished delivery or another round, when a stale job reports, then nothing', () => {
      const result = { ok: true as const, where: 'posted' as const, responseCode: 200, mode: null };
      spec
        .given({ ...pending, status: 'delivered' })
        .when({ kind: 'record-attempt', round: 1, result, policy, now })
        .thenNothing();
      spec
        .given({ ...pending, round: 2 })
        .when({ kind: 'record-attempt', round: 1, result, policy, now })
        .thenNothing();
      spec.given(null).when({ kind: 'record-attempt', round: 1, result, policy, now }).thenNothing();
    });
  });

  describe('resend', () => {
    const failed: Delivery = { ...pending, status: 'failed', attempts: 3, roundAttempts: 3 };
    it('given a failed delivery, when its owner resends it, then a new round is requested', () =>
      spec
        .given(failed)
        .when({ kind: 'resend', by: owner, now })
        .then([
          {
            ...requested(0, 'webhook', pending.target, run.webhookUrl),
            payload: { ...requested(0, 'webhook', pending.target, run.webhookUrl).payload, round: 2, requestedBy: 7 },
          },
        ]));

    it('given a delivered one, when an admin resends it, then a new round too', () =>
      spec
        .given({ ...failed, status: 'delivered' })
        .when({ kind: 'resend', by: admin, now })
        .then([
          {
            ...requested(0, 'webhook', pending.target, run.webhookUrl),
            payload: { ...requested(0, 'webhook', pending.target, run.webhookUrl).payload, round: 2, requestedBy: 1 },
          },
        ]));

    it('given someone else, when they resend, then it does not exist for them', () =>
      spec.given(failed).when({ kind: 'resend', by: stranger, now }).thenThrows('REPORTING.DELIVERY_NOT_FOUND'));

    it('given a delivery still being attempted, when resent, then 409', () =>
      spec.given(pending).when({ kind: 'resend', by: owner, now }).thenThrows('REPORTING.DELIVERY_IN_PROGRESS'));

    it('given no delivery, when resent, then 404', () =>
      spec.given(null).when({ kind: 'resend', by: admin, now }).thenThrows('REPORTING.DELIVERY_NOT_FOUND'));
  });

  it('attaches files up to the limit and links larger ones; shows webhook URLs by origin; owner or admin handle', () => {
    expect(mailMode(5, 5)).toBe('attachment');
    expect(mailMode(6, 5)).toBe('link');
    expect(displayTarget('https://h.example/p?q=1#f')).toBe('https://h.example/…');
    expect(displayTarget('https://h.example/services/T0/B0/secret')).toBe('https://h.example/…');
    expect(displayTarget('https://h.example')).toBe('https://h.example/');
    expect(mayHandle(owner, { ownerNumber: 7 })).toBe(true);
    expect(mayHandle(admin, { ownerNumber: 7 })).toBe(true);
    expect(mayHandle(stranger, { ownerNumber: 7 })).toBe(false);
    expect(mayHandle({ role: 'viewer', userNumber: 7 }, { ownerNumber: 7 })).toBe(false);
  });
});
