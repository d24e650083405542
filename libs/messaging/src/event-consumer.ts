import { Admin, Consumer, EachBatchPayload, Kafka, KafkaMessage, OffsetsByTopicPartition, Producer } from 'kafkajs';
import { EventEnvelope, EventRegistry, deadLetterTopic } from '@mindhill/contracts';
import { backoffDelayMs } from '@mindhill/domain';
import { getLogger, platformMetrics, ReadinessCheck, runWithContext, sampleOnScrape } from '@mindhill/platform';
import {
  DEFAULT_RETRY_POLICY,
  OUTAGE_BACKOFF,
  RetryPolicy,
  errorCode,
  isInfrastructureOutage,
  isPermanentFailure,
  rebuildConsumer,
  retryBackoff,
} from './failure-policy';
import { decodeMessage, deadLetterMessage } from './consumed-message';
import { KafkaSettings, prefixedTopic, unprefixedTopic } from './kafka-settings';

// What a handler reports back: how many of the events were already processed (inbox hits).
export type HandleResult = { duplicates: number } | void;
export type BatchHandler = (events: EventEnvelope[]) => Promise<HandleResult>;

export type EventConsumerOptions = {
  group: string;
  // The consuming service; its dead-letter topic is `<service>.dead-letters.v1`.
  service: string;
  topics: readonly string[];
  registry: EventRegistry;
  // Called with consecutive valid events of one partition. A single-event consumer receives
  // batches of one.
  handle: BatchHandler;
  batchMode: boolean;
  retry?: Partial<RetryPolicy>;
  maxMessageBytes?: number;
  fromBeginning?: boolean;
  // Read messages this answers false for are passed over undecoded (a feed with no one to tell).
  accepts?: () => boolean;
  // The event types this group acts on: a message whose `event-type` header names another type
  // is passed over undecoded (a stage-request group reads every execution event of its topic and
  // acts on two kinds). Without the header a message is decoded as before.
  wants?: (eventType: string) => boolean;
  // At most one offset commit per this many ms (default 1 000), and at the latest this long after
  // the last batch. A commit per batch cost the broker 40 % of its CPU under load (bench/README.md);
  // what a crash leaves uncommitted is delivered again, and the inbox drops it.
  commitIntervalMs?: number;
  // For a group that reads many events and needs none of them at once (the audit log, report read
  // models): after a batch the next fetch waits this many ms, so what arrives meanwhile comes as
  // one batch. A burst then costs a few large batches instead of one small batch per produced
  // message (each batch costs a fetch, a transaction and a few statements whatever its size); the
  // first event after a quiet spell is still handled at once, and at rest nothing polls.
  gatherMs?: number;
};

// Rebuilding a crashed consumer: 2 s, doubling to 30 s.

// The running consumers of each service, for its readiness check.
const consumersByService = new Map<string, Set<EventConsumer>>();

export function consumerReadiness(service: string): ReadinessCheck {
  return {
    name: 'consumers',
    check: async () => {
      const consumers = [...(consumersByService.get(service) ?? [])];
      const groups = consumers.map((c) => ({ group: c.group, connected: c.isConnected }));
      return { ok: groups.every((g) => g.connected), details: { groups } };
    },
  };
}

// Consumes with eachBatch and commits only what is done: every message ends handled, or, after
// bounded retries, in the dead-letter topic with its error. A poison message never blocks the
// partition and is never dropped silently.
export class EventConsumer {
  private readonly logger = getLogger('event-consumer');
  private consumer?: Consumer;
  private dlqProducer?: Producer;
  private readonly policy: RetryPolicy;
  private connected = false;
  private lagAdmin?: Admin;
  private stopped = false;
  private stopLagSampling?: () => void;
  // The sample in flight: stop() waits for it, or its admin would reconnect after the disconnect.
  private lagSample?: Promise<unknown>;
  // What the group has handled and not committed yet (the last batch's view), and the commit
  // planned for it when no later batch commits first.
  private uncommitted?: () => OffsetsByTopicPartition;
  private commitTimer?: NodeJS.Timeout;

  constructor(
    private readonly kafka: Kafka,
    private readonly settings: KafkaSettings,
    private readonly options: EventConsumerOptions,
  ) {
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  }

  get isConnected(): boolean {
    return this.connected;
  }

  private get commitIntervalMs(): number {
    return this.options.commitIntervalMs ?? 1_000;
  }

  get group(): string {
    return this.options.group;
  }

  get dlqTopic(): string {
    return prefixedTopic(this.settings, deadLetterTopic(this.options.service));
  }

  async start(): Promise<void> {
    this.stopped = false;
    this.dlqProducer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    await this.dlqProducer.connect();
    await this.startConsumer();
    const registered = consumersByService.get(this.options.service) ?? new Set<EventConsumer>();
    registered.add(this);
    consumersByService.set(this.options.service, registered);
    this.stopLagSampling = sampleOnScrape('consumerLag', () => {
      this.lagSample ??= this.sampleLag().finally(() => (this.lagSample = undefined));
      return this.lagSample;
    });
  }

  private async startConsumer(): Promise<void> {
    // A rebuilt consumer starts from the group's committed offsets; what the old one handled
    // past them is delivered again (and dropped by the inbox).
    this.uncommitted = undefined;
    this.consumer = this.kafka.consumer({
      groupId: this.options.group,
      // Handlers are short (long work runs in jobs), so a dead member is noticed within 10 s and
      // its partitions move to a live one.
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
      maxBytesPerPartition: 1_048_576,
      allowAutoTopicCreation: false,
    });
    this.consumer.on(this.consumer.events.CONNECT, () => (this.connected = true));
    this.consumer.on(this.consumer.events.DISCONNECT, () => (this.connected = false));
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      this.connected = false;
      this.logger.error({ err: payload.error, restart: payload.restart }, 'Consumer crashed');
      // kafkajs gives up on some errors (e.g. no group coordinator right after a broker restart):
      // then this consumer is rebuilt, rather than left dead behind a healthy-looking process.
      if (!payload.restart && !this.stopped) void this.recover();
    });
    await this.consumer.connect();
    this.connected = true;
    await this.consumer.subscribe({
      topics: this.options.topics.map((t) => prefixedTopic(this.settings, t)),
      fromBeginning: this.options.fromBeginning ?? true,
    });
    await this.consumer.run({
      // Commits are this class's: at most one per interval (commitOffsetsIfNecessary), a trailing
      // one after the last batch, and one when stopping (see commitHandled).
      autoCommit: false,
      autoCommitInterval: this.commitIntervalMs,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 3,
      eachBatch: (p) => this.onBatch(p),
    });
  }

  private recover(): Promise<void> {
    return rebuildConsumer({
      group: this.options.group,
      logger: this.logger,
      stopped: () => this.stopped,
      rebuild: async () => {
        await this.consumer?.disconnect().catch(() => undefined);
        await this.startConsumer();
      },
    });
  }

  // Lag per partition: the topic's high watermark minus the group's committed offset.
  async sampleLag(): Promise<{ topic: string; partition: number; lag: number }[]> {
    if (this.stopped) return [];
    if (!this.lagAdmin) {
      this.lagAdmin = this.kafka.admin();
      await this.lagAdmin.connect();
    }
    const topics = this.options.topics.map((t) => prefixedTopic(this.settings, t));
    const committed = await this.lagAdmin.fetchOffsets({ groupId: this.options.group, topics });
    const result: { topic: string; partition: number; lag: number }[] = [];
    for (const { topic, partitions } of committed) {
      const ends = await this.lagAdmin.fetchTopicOffsets(topic);
      for (const end of ends) {
        const at = Number(partitions.find((p) => p.partition === end.partition)?.offset ?? -1);
        const lag = Math.max(0, Number(end.high) - Math.max(at, Number(end.low)));
        platformMetrics.consumerLag.set(
          { group: this.options.group, topic: unprefixedTopic(this.settings, topic), partition: String(end.partition) },
          lag,
        );
        result.push({ topic, partition: end.partition, lag });
      }
    }
    return result;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.commitTimer);
    this.commitTimer = undefined;
    consumersByService.get(this.options.service)?.delete(this);
    this.stopLagSampling?.();
    await this.lagSample?.catch(() => undefined);
    await this.lagAdmin?.disconnect().catch(() => undefined);
    // What was handled goes on record before the group is left (a batch still running commits
    // its own at its end, as isRunning() is false by then).
    await this.commitHandled();
    await this.consumer?.disconnect().catch(() => undefined);
    await this.dlqProducer?.disconnect().catch(() => undefined);
    this.connected = false;
  }

  private async onBatch({
    batch,
    resolveOffset,
    heartbeat,
    commitOffsetsIfNecessary,
    isRunning,
    isStale,
    uncommittedOffsets,
  }: EachBatchPayload): Promise<void> {
    const topic = unprefixedTopic(this.settings, batch.topic);
    this.uncommitted = uncommittedOffsets;
    const commit = async () => {
      if (isRunning()) await commitOffsetsIfNecessary();
      else await commitOffsetsIfNecessary(uncommittedOffsets());
      this.planTrailingCommit();
    };
    if (this.options.accepts && !this.options.accepts()) {
      const last = batch.messages[batch.messages.length - 1];
      if (last) resolveOffset(last.offset);
      await commit();
      return heartbeat();
    }
    const count = (outcome: string, n = 1) => platformMetrics.consumerMessages.inc({ group: this.options.group, topic, outcome }, n);
    const wanted = this.options.wants ? batch.messages.filter((m) => this.wanted(m)) : batch.messages;
    if (wanted.length < batch.messages.length) count('skipped', batch.messages.length - wanted.length);
    const decoded = wanted.map((m) => decodeMessage(m, this.options.registry, this.options.maxMessageBytes ?? 1_048_576));

    for (const d of decoded) {
      if ('error' in d) await this.deadLetter(batch.topic, batch.partition, d.message, d.error, 0);
    }
    const valid = decoded.filter((d): d is { message: KafkaMessage; envelope: EventEnvelope } => 'envelope' in d);

    const handleOne = async (d: { message: KafkaMessage; envelope: EventEnvelope }) => {
      const outcome = await this.attempt([d.envelope], heartbeat, isRunning);
      if (outcome.ok) count('handled');
      else {
        count('dead-lettered');
        await this.deadLetter(batch.topic, batch.partition, d.message, outcome.error, outcome.attempts);
      }
      resolveOffset(d.message.offset);
    };

    if (this.options.batchMode && valid.length > 0) {
      const outcome = await this.attempt(
        valid.map((d) => d.envelope),
        heartbeat,
        isRunning,
      );
      if (outcome.ok) count('handled', valid.length);
      else {
        // Find the culprit: the rest of the batch still goes through, one at a time.
        this.logger.warn({ err: outcome.error, size: valid.length }, 'Batch failed; retrying message by message');
        for (const d of valid) {
          if (!isRunning() || isStale()) return commit();
          await handleOne(d);
        }
      }
    } else {
      for (const d of valid) {
        if (!isRunning() || isStale()) return commit();
        await handleOne(d);
        await heartbeat();
      }
    }
    const last = batch.messages[batch.messages.length - 1];
    if (last) resolveOffset(last.offset);
    await commit();
    await heartbeat();
    // kafkajs fetches again once this returns: waiting here gathers the next batch.
    if (this.options.gatherMs && isRunning() && !isStale()) await sleep(this.options.gatherMs);
  }

  // Once the interval is over, commits what the batches since the last commit handled (when no
  // batch came to do it). One timer after activity, none at rest.
  private planTrailingCommit(): void {
    if (this.commitTimer || this.stopped) return;
    this.commitTimer = setTimeout(() => {
      this.commitTimer = undefined;
      void this.commitHandled();
    }, this.commitIntervalMs);
    // Never what keeps a process alive: stopping commits anyway.
    this.commitTimer.unref();
  }

  // Commits every handled offset not committed yet. A failure is only logged: the next commit
  // carries the same offsets, and until then a restart delivers them again (the inbox drops them).
  private async commitHandled(): Promise<void> {
    const offsets = this.uncommitted?.().topics.flatMap(({ topic, partitions }) => partitions.map((p) => ({ topic, ...p }))) ?? [];
    if (offsets.length === 0 || !this.consumer || !this.connected) return;
    await this.consumer.commitOffsets(offsets).catch((error: unknown) => {
      this.logger.warn({ err: error, group: this.options.group }, 'Offset commit failed; the next one carries these offsets');
    });
  }

  private wanted(message: KafkaMessage): boolean {
    const header = message.headers?.['event-type'];
    const type = Array.isArray(header) ? header[0] : header;
    return type === undefined || this.options.wants!(type.toString());
  }

  private async attempt(
    events: EventEnvelope[],
    heartbeat: () => Promise<void>,
    isRunning: () => boolean,
  ): Promise<{ ok: true } | { ok: false; error: unknown; attempts: number }> {
    let outage = 0;
    for (let attempt = 1; ; attempt++) {
      try {
        const first = events[0];
        const context =
          events.length === 1 && first
            ? { correlationId: first.correlationId, causationId: first.eventId, actor: first.actor }
            : { correlationId: `batch:${this.options.group}`, causationId: null, actor: first!.actor };
        const timer = platformMetrics.consumerHandlerDuration.startTimer({
          group: this.options.group,
          event_type: events.length === 1 ? first!.type : 'batch',
        });
        const result = await runWithContext(context, () => this.options.handle(events));
        timer();
        if (result && result.duplicates > 0) platformMetrics.consumerDuplicates.inc({ group: this.options.group }, result.duplicates);
        return { ok: true };
      } catch (error) {
        if (isInfrastructureOutage(error)) {
          // Not the message's fault: wait for the database or broker, however long it takes. When
          // the consumer stops meanwhile, the error propagates and nothing is committed.
          if (!isRunning()) throw error;
          outage++;
          attempt--;
          platformMetrics.consumerRetries.inc({ group: this.options.group });
          if (outage === 1 || outage % 10 === 0)
            this.logger.warn({ err: error, outage }, 'Infrastructure unavailable; retrying until it is back');
          await sleep(backoffDelayMs(outage, OUTAGE_BACKOFF));
          await heartbeat();
          continue;
        }
        if (isPermanentFailure(error) || attempt >= this.policy.maxAttempts) return { ok: false, error, attempts: attempt };
        platformMetrics.consumerRetries.inc({ group: this.options.group });
        this.logger.warn({ err: error, attempt, size: events.length }, 'Handler failed; retrying');
        await sleep(backoffDelayMs(attempt, retryBackoff(this.policy)));
        await heartbeat();
      }
    }
  }

  // If the dead-letter publish itself fails, the error propagates: the batch is not committed
  // and will be delivered again, so nothing is lost.
  private async deadLetter(topic: string, partition: number, message: KafkaMessage, error: unknown, attempts: number): Promise<void> {
    const code = errorCode(error);
    platformMetrics.consumerDeadLettered.inc({ group: this.options.group, reason: code });
    this.logger.error(
      { topic, partition, offset: message.offset, code, error: (error as Error)?.message, attempts },
      'Message dead-lettered',
    );
    await this.dlqProducer!.send({
      topic: this.dlqTopic,
      acks: -1,
      messages: [deadLetterMessage(message, { topic, partition, group: this.options.group, attempts }, error)],
    });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
