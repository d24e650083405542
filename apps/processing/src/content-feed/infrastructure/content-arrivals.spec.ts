import { ContentArrivals } from './content-arrivals';

describe('ContentArrivals', () => {
  it('wakes the waiters of a notified execution only', async () => {
    const arrivals = new ContentArrivals();
    const woken: string[] = [];
    const first = arrivals.next('exec-1', 60_000).then(() => woken.push('exec-1 a'));
    const second = arrivals.next('exec-1', 60_000).then(() => woken.push('exec-1 b'));
    const other = arrivals.next('exec-2', 1).then(() => woken.push('exec-2 (timer)'));
    await other;
    arrivals.notify(['exec-3', 'exec-1']);
    await Promise.all([first, second]);
    expect(woken).toEqual(['exec-2 (timer)', 'exec-1 a', 'exec-1 b']);
  });
});
