import { mailFailed, mailSent, newEvent } from '@mindhill/contracts';
import { deciderSpecification } from '@mindhill/testing/decider-specification';
import { afterSendFailure, linkExpired, mailDecider, MailRef } from './mail.decider';

const spec = deciderSpecification(mailDecider);
const now = new Date('2026-12-06T16:40:00.000Z');
const ADA = '0b9d6f4e-3c1a-4d7e-9f2b-5a8c1e6d2f01';
const TOKEN_ID = '3f6c0b1e-9a2d-4e8f-b7c1-5d4a2e9f8c10';
const reset: MailRef = { mailId: TOKEN_ID, kind: 'password-reset', userId: ADA, executionId: null };

describe('mail decider', () => {
  it('records a mail the SMTP server took, with where it went and the attempts it took', () => {
    spec
      .given(null)
      .when({ kind: 'record-sent', mail: { ...reset, userId: ADA }, where: 'sent', attempts: 2, now })
      .then([
        newEvent(mailSent, {
          mailId: TOKEN_ID,
          kind: 'password-reset',
          userId: ADA,
          executionId: null,
          where: 'sent',
          attempts: 2,
          sentAt: now.toISOString(),
        }),
      ]);
  });

  it('records a mail that failed, with the reason and the SMTP code only', () => {
    spec
      .given(null)
      .when({ kind: 'record-failed', mail: reset, reason: 'refused', responseCode: 550, attempts: 1, now })
      .then([
        newEvent(mailFailed, {
          mailId: TOKEN_ID,
          kind: 'password-reset',
          userId: ADA,
          executionId: null,
          reason: 'refused',
          responseCode: 550,
          attempts: 1,
          failedAt: now.toISOString(),
        }),
      ]);
  });

  it('records nothing more for a mail whose outcome is already recorded', () => {
    spec
      .given({ recorded: true })
      .when({ kind: 'record-sent', mail: { ...reset, userId: ADA }, where: 'written to the local mail folder', attempts: 1, now })
      .thenNothing();
  });
});

describe('after an attempt the SMTP server did not take', () => {
  it('a 5xx refusal ends the mail at once', () => {
    expect(afterSendFailure(true, 1, 8)).toBe('refused');
  });

  it('anything else is tried again until the attempt cap, then given up', () => {
    expect(afterSendFailure(false, 1, 8)).toBe('retry');
    expect(afterSendFailure(false, 7, 8)).toBe('retry');
    expect(afterSendFailure(false, 8, 8)).toBe('gave-up');
  });

  it('an expired link is not sent', () => {
    expect(linkExpired(new Date(now.getTime() - 1).toISOString(), now)).toBe(true);
    expect(linkExpired(new Date(now.getTime() + 60_000).toISOString(), now)).toBe(false);
    expect(linkExpired(null, now)).toBe(false);
  });
});
