import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import { EventEnvelope, EventRegistry } from '@mindhill/contracts';
import { Kafka } from 'kafkajs';
import { EventConsumer, HandleResult } from './event-consumer';
import { RetryPolicy } from './failure-policy';
import { KafkaSettings } from './kafka-settings';

// Handlers use @EventPattern(EVENT_BATCH_PATTERN) to receive whole batches (the audit log),
// or @EventPattern('<event type>') to receive one event at a time; a transport may have both.
export const EVENT_BATCH_PATTERN = 'mindhill.event-batch';

export type KafkaEventTransportOptions = {
  group: string;
  service: string;
  registry: EventRegistry;
  // Batch mode subscribes to these topics; single mode derives them from its handlers.
  topics?: readonly string[];
  // Batch mode: the event types its handler acts on, when fewer than its topics carry (others are
  // passed over undecoded). Single mode acts on its handlers' types only.
  eventTypes?: ReadonlySet<string>;
  retry?: Partial<RetryPolicy>;
  // See EventConsumerOptions.gatherMs.
  gatherMs?: number;
};

// A Nest custom transport over kafkajs eachBatch: Nest's own Kafka server handles one message
// at a time and decides redelivery by exception type; this one owns retries and dead letters.
export class KafkaEventTransport extends Server implements CustomTransportStrategy {
  private consumer?: EventConsumer;

  constructor(
    private readonly kafka: Kafka,
    private readonly settings: KafkaSettings,
    private readonly options: KafkaEventTransportOptions,
  ) {
    super();
  }

  get eventConsumer(): EventConsumer | undefined {
    return this.consumer;
  }

  async listen(callback: () => void): Promise<void> {
    const batchMode = this.messageHandlers.has(EVENT_BATCH_PATTERN);
    // Handlers of single event types; in batch mode they may sit beside the batch handler (a group
    // that batches its stage requests and takes workflow events one at a time).
    const singles = new Set([...this.messageHandlers.keys()].filter((p) => p !== EVENT_BATCH_PATTERN));
    const singleTopics = [...singles].map((type) => this.options.registry.definition(type).topic);
    const topics = batchMode ? [...(this.options.topics ?? this.options.registry.topics()), ...singleTopics] : singleTopics;
    // The types acted on: the handlers' own, or in batch mode those declared (else every type).
    const wanted = batchMode ? this.options.eventTypes && new Set([...this.options.eventTypes, ...singles]) : singles;
    this.consumer = new EventConsumer(this.kafka, this.settings, {
      group: this.options.group,
      service: this.options.service,
      topics: [...new Set(topics)],
      registry: this.options.registry,
      batchMode,
      wants: wanted && ((type) => wanted.has(type)),
      retry: this.options.retry,
      gatherMs: this.options.gatherMs,
      handle: (events) => (batchMode ? this.dispatch(events, singles) : this.invoke(events[0]!.type, events[0]!)),
    });
    await this.consumer.start();
    callback();
  }

  // A batch in order: runs of events without a handler of their own go to the batch handler
  // together, each other event to its handler alone.
  private async dispatch(events: EventEnvelope[], singles: ReadonlySet<string>): Promise<HandleResult> {
    let duplicates = 0;
    let run: EventEnvelope[] = [];
    const count = (result: HandleResult) => (duplicates += result?.duplicates ?? 0);
    for (const event of events) {
      if (!singles.has(event.type)) {
        run.push(event);
        continue;
      }
      if (run.length > 0) count(await this.invoke(EVENT_BATCH_PATTERN, run));
      run = [];
      count(await this.invoke(event.type, event));
    }
    if (run.length > 0) count(await this.invoke(EVENT_BATCH_PATTERN, run));
    return { duplicates };
  }

  private async invoke(pattern: string, data: EventEnvelope | EventEnvelope[]): Promise<HandleResult> {
    // Our patterns are plain strings, stored as given: Nest's getHandlerByPattern first tries
    // JSON.parse on each, and the exception it catches cost 1.5-2.5 % of a consumer's CPU.
    const handler = this.messageHandlers.get(pattern);
    if (!handler) return;
    const result = await handler(data);
    return lastValueFrom(this.transformToObservable(result), { defaultValue: undefined }) as Promise<HandleResult>;
  }

  async close(): Promise<void> {
    await this.consumer?.stop();
  }

  on(): void {
    // kafkajs events are handled inside EventConsumer.
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }
}
