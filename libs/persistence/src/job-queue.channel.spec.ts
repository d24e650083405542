import { parseJobNotification } from './job-queue.channel';

describe('job notifications', () => {
  it.each([
    ['mail 1796600000123', { kind: 'mail', dueAt: 1796600000123 }],
    // A requeued dead job: its kind alone, due now.
    ['mail', { kind: 'mail', dueAt: null }],
    ['mail soon', { kind: 'mail', dueAt: null }],
    ['', { kind: '', dueAt: null }],
  ])('given the payload %p, reads %p', (payload, expected) => {
    expect(parseJobNotification(payload)).toEqual(expected);
  });
});
