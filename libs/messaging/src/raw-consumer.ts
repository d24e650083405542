import { Consumer, Kafka } from 'kafkajs';
import { backoffDelayMs } from '@mindhill/domain';
import { getLogger } from '@mindhill/platform';
import { rebuildConsumer } from './failure-policy';
import { RawMessage } from './topic-tools';
import { KafkaSettings, prefixedTopic } from './kafka-settings';

// 200 ms, doubling to 5 s: the handler writes to this service's own database.
const RAW_RETRY_BACKOFF = { baseMs: 200, maxMs: 5_000, jitter: false };

export type RawBatchHandler = (messages: (RawMessage & { topic: string })[]) => Promise<void>;

// Reads topics as raw bytes (no decoding, no dead-lettering): for consumers of dead-letter
// topics, whose messages may not even be JSON. A failing handler is retried with backoff until
// it succeeds; the offsets are committed only after it did.
export class RawTopicConsumer {
  private readonly logger = getLogger('raw-consumer');
  private consumer?: Consumer;
  private stopped = false;

  constructor(
    private readonly kafka: Kafka,
    private readonly settings: KafkaSettings,
    private readonly options: { group: string; topics: readonly string[]; handle: RawBatchHandler },
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    this.consumer = this.kafka.consumer({
      groupId: this.options.group,
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
      allowAutoTopicCreation: false,
    });
    // kafkajs gives up on some errors (no group coordinator right after a broker restart): then
    // this consumer is rebuilt, rather than left without members until the process restarts.
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      this.logger.error({ err: payload.error, restart: payload.restart, group: this.options.group }, 'Raw consumer crashed');
      if (!payload.restart && !this.stopped) void this.recover();
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.options.topics.map((t) => prefixedTopic(this.settings, t)), fromBeginning: true });
    await this.consumer.run({
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning }) => {
        const messages = batch.messages.map((m) => ({
          topic: batch.topic,
          partition: batch.partition,
          offset: m.offset,
          key: m.key?.toString('utf8') ?? null,
          value: m.value,
          headers: Object.fromEntries(
            Object.entries(m.headers ?? {})
              .filter(([, v]) => v !== undefined)
              .map(([k, v]) => [k, String(v)]),
          ),
        }));
        for (let attempt = 1; isRunning(); attempt++) {
          try {
            await this.options.handle(messages);
            break;
          } catch (error) {
            this.logger.warn({ err: error, attempt, topic: batch.topic }, 'Raw batch failed; retrying');
            await new Promise((r) => setTimeout(r, backoffDelayMs(attempt, RAW_RETRY_BACKOFF)));
            await heartbeat();
          }
        }
        const last = batch.messages[batch.messages.length - 1];
        if (last) resolveOffset(last.offset);
        await commitOffsetsIfNecessary();
      },
    });
  }

  private recover(): Promise<void> {
    return rebuildConsumer({
      group: this.options.group,
      logger: this.logger,
      stopped: () => this.stopped,
      rebuild: async () => {
        await this.consumer?.disconnect().catch(() => undefined);
        await this.start();
      },
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.consumer?.disconnect().catch(() => undefined);
  }
}
