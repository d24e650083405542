import { CompressionTypes, Kafka, Producer } from 'kafkajs';
import { OutboxRow, OutboxStore } from '@mindhill/persistence';
import { Backoff, backoffDelayMs } from '@mindhill/domain';
import { getLogger, platformMetrics } from '@mindhill/platform';
import { OUTAGE_BACKOFF } from './failure-policy';
import { KafkaSettings, prefixedTopic } from './kafka-settings';

export type OutboxRelayOptions = {
  batchSize?: number;
  // The safety poll for rows no kick announced (a replica that died after its commit, a script).
  idlePollMs?: number;
  // Test-only: runs after Kafka acknowledged a batch and before the outbox commit.
  afterPublishHook?: (rows: OutboxRow[]) => Promise<void>;
};

// Moves committed outbox rows to Kafka: keyed by aggregate id (per-aggregate order), acks from
// all in-sync replicas, idempotent producer. Woken right after a commit in this process; polls
// slowly when idle (every 5 s), since every commit kicks its own process's relay.
export class OutboxRelay {
  private readonly logger = getLogger('outbox-relay');
  private producer?: Producer;
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private pendingKick = false;
  private connected = false;

  constructor(
    private readonly kafka: Kafka,
    private readonly settings: KafkaSettings,
    private readonly store: OutboxStore,
    private readonly options: OutboxRelayOptions = {},
  ) {}

  get isConnected(): boolean {
    return this.connected;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  kick(): void {
    this.pendingKick = true;
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.producer?.disconnect().catch(() => undefined);
    this.connected = false;
  }

  private async run(): Promise<void> {
    let failures = 0;
    let contended = 0;
    // Kicked (a commit in this process), after a full batch or a failure: publish at once. Woken
    // by the poll timer: look first, since rows from elsewhere (another replica) are rare.
    let kicked = true;
    while (this.running) {
      try {
        await this.ensureProducer();
        const looked = kicked || (await this.store.hasPending());
        const published = looked ? await this.publishOnce() : 0;
        failures = 0;
        if (published >= (this.options.batchSize ?? 500)) {
          kicked = true;
          continue;
        }
        // Rows wait, yet none came here: another relay (a replica) holds the lock. They may be
        // this process's rows, announced by a kick already spent: look again soon, not at the poll.
        contended = published === 0 && looked && (await this.store.hasPending()) ? contended + 1 : 0;
        kicked = await this.idle(contended > 0 ? backoffDelayMs(contended, CONTENDED_BACKOFF) : (this.options.idlePollMs ?? 5_000));
      } catch (error) {
        failures++;
        platformMetrics.outboxPublishErrors.inc();
        this.logger.warn({ err: error, failures }, 'Outbox publish failed; will retry');
        await this.idle(backoffDelayMs(failures, OUTAGE_BACKOFF));
        kicked = true;
      }
    }
  }

  // Publishes one batch; returns how many rows left the outbox.
  async publishOnce(): Promise<number> {
    const producer = await this.ensureProducer();
    const timer = platformMetrics.outboxPublishDuration.startTimer();
    const count = await this.store.publishBatch(
      this.options.batchSize ?? 500,
      async (rows) => {
        await producer.sendBatch({
          acks: -1,
          compression: CompressionTypes.None,
          topicMessages: groupByTopic(rows).map(([topic, list]) => ({
            topic: prefixedTopic(this.settings, topic),
            messages: list.map((r) => ({ key: r.message_key, value: JSON.stringify(r.message), headers: r.headers })),
          })),
        });
      },
      this.options.afterPublishHook,
    );
    if (count > 0) {
      timer();
      platformMetrics.outboxPublished.inc(count);
    }
    return count;
  }

  private async ensureProducer(): Promise<Producer> {
    if (this.producer && this.connected) return this.producer;
    this.producer ??= this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    this.producer.on(this.producer.events.DISCONNECT, () => (this.connected = false));
    await this.producer.connect();
    this.connected = true;
    return this.producer;
  }

  // Waits for a kick or the timer; true when kicked.
  private idle(ms: number): Promise<boolean> {
    if (this.pendingKick) {
      this.pendingKick = false;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const done = (kicked: boolean) => {
        clearTimeout(timer);
        this.wake = undefined;
        this.pendingKick = false;
        resolve(kicked);
      };
      const timer = setTimeout(() => done(false), ms);
      this.wake = () => done(true);
    });
  }
}

// While another relay publishes: 10 ms, doubling to a second (a relay stuck on Kafka holds the
// lock until its send fails).
const CONTENDED_BACKOFF: Backoff = { baseMs: 10, maxMs: 1_000, jitter: false };

function groupByTopic(rows: OutboxRow[]): [string, OutboxRow[]][] {
  const map = new Map<string, OutboxRow[]>();
  for (const r of rows) {
    const list = map.get(r.topic);
    if (list) list.push(r);
    else map.set(r.topic, [r]);
  }
  return [...map.entries()];
}
