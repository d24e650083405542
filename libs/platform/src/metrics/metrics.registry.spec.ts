import { metricsRegistry, platformMetrics, sampleOnScrape } from './metrics.registry';

// The outbox backlog and consumer lag cost a round trip each, so they are sampled when scraped
// and never on a timer: a process at rest asks nothing of the database or Kafka.
describe('gauges sampled on scrape', () => {
  it('given a backlog sampler, when scraped, then it runs once for both outbox gauges and sets them', async () => {
    let runs = 0;
    const stop = sampleOnScrape('outbox', async () => {
      runs++;
      platformMetrics.outboxBacklog.set(7);
      platformMetrics.outboxOldestAge.set(3);
    });
    try {
      const text = await metricsRegistry.metrics();
      expect(runs).toBe(1);
      expect(text).toMatch(/^outbox_backlog_messages 7$/m);
      expect(text).toMatch(/^outbox_oldest_message_age_seconds 3$/m);
    } finally {
      stop();
    }
  });

  it('given no scrape, then no sampler runs', async () => {
    let runs = 0;
    const stop = sampleOnScrape('consumerLag', async () => void runs++);
    await new Promise((r) => setImmediate(r));
    expect(runs).toBe(0);
    stop();
  });

  it('given an unregistered sampler, when scraped, then it does not run', async () => {
    let runs = 0;
    const stop = sampleOnScrape('consumerLag', async () => void runs++);
    stop();
    await metricsRegistry.metrics();
    expect(runs).toBe(0);
  });

  it('given a failing sampler, when scraped, then the scrape answers with the other samplers run', async () => {
    let lagSampled = false;
    const stops = [
      sampleOnScrape('consumerLag', () => Promise.reject(new Error('broker away'))),
      sampleOnScrape('consumerLag', async () => {
        lagSampled = true;
        platformMetrics.consumerLag.set({ group: 'g', topic: 't', partition: '0' }, 4);
      }),
    ];
    try {
      const text = await metricsRegistry.metrics();
      expect(lagSampled).toBe(true);
      expect(text).toContain('consumer_lag_messages{group="g",topic="t",partition="0"} 4');
    } finally {
      for (const stop of stops) stop();
    }
  });
});
