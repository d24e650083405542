import { notificationsOn, notifiesOwner } from './run-failure.policy';

describe('run failure notices', () => {
  it('tell the owner of a failed or timed-out run while notifications are on', () => {
    expect(notifiesOwner('Failed', true)).toBe(true);
    expect(notifiesOwner('Timeout', true)).toBe(true);
  });

  it('say nothing of a success or a cancellation, nor anything while notifications are off', () => {
    expect(notifiesOwner('Success', true)).toBe(false);
    expect(notifiesOwner('Cancelled', true)).toBe(false);
    expect(notifiesOwner('Failed', false)).toBe(false);
    expect(notifiesOwner('Timeout', false)).toBe(false);
  });

  it("read enable_email_notifications for this environment, then 'all', then its default (on)", () => {
    expect(notificationsOn([{ environment: 'all', value: 'false' }], 'development')).toBe(false);
    expect(
      notificationsOn(
        [
          { environment: 'all', value: 'false' },
          { environment: 'development', value: 'true' },
        ],
        'development',
      ),
    ).toBe(true);
    expect(notificationsOn([{ environment: 'production', value: 'false' }], 'development')).toBe(true);
    expect(notificationsOn([], 'development')).toBe(true);
  });
});
