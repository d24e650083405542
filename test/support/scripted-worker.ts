import { randomUUID } from 'node:crypto';
import { eventRegistry, ingestionStage, processingStage, stageStreamId, StageRequested, SYSTEM_ACTOR } from '@mindhill/contracts';
import { createKafka, EventConsumer, prefixedTopic, publishRaw } from '@mindhill/messaging';

export type StageAnswer =
  | {
      kind: 'complete';
      contentCount?: number;
      output?: Record<string, unknown>;
      progressFirst?: boolean;
      // All messages in one send (one Kafka batch), the completion twice (a redelivery).
      together?: boolean;
      repeated?: boolean;
    }
  | { kind: 'fail'; errorCode: string; retriable: boolean }
  | { kind: 'silence' };

// Stands in for the ingestion and processing services: answers each stage request as the test
// decides, with real events on the real broker. For testing the orchestrator alone.
export class ScriptedWorker {
  readonly requests: StageRequested[] = [];
  private consumer?: EventConsumer;
  private readonly kafka;

  constructor(
    private readonly env: Record<string, string>,
    private readonly answer: (request: StageRequested) => StageAnswer,
  ) {
    this.kafka = createKafka({ brokers: env.KAFKA_BROKERS!.split(','), clientId: 'scripted-worker', topicPrefix: env.KAFKA_TOPIC_PREFIX! });
  }

  async start(): Promise<void> {
    const settings = {
      brokers: this.env.KAFKA_BROKERS!.split(','),
      clientId: 'scripted-worker',
      topicPrefix: this.env.KAFKA_TOPIC_PREFIX!,
    };
    this.consumer = new EventConsumer(this.kafka, settings, {
      group: `${settings.topicPrefix}scripted-worker`,
      service: 'scripted-worker',
      topics: ['workflows.execution.events.v1'],
      registry: eventRegistry,
      batchMode: false,
      handle: async ([event]) => {
        if (event!.type !== 'workflows.execution.stage-requested') return;
        const request = event!.payload as StageRequested;
        this.requests.push(request);
        await this.reply(request, this.answer(request));
      },
    });
    await this.consumer.start();
  }

  async stop(): Promise<void> {
    await this.consumer?.stop();
  }

  // Sends an outcome for a stage attempt, at any time (also late, after a cancel or timeout).
  async reply(request: StageRequested, answer: StageAnswer): Promise<void> {
    if (answer.kind === 'silence') return;
    const events = request.stageType === 'fetching' ? ingestionStage : processingStage;
    const ref = {
      executionId: request.executionId,
      workflowId: request.workflowId,
      stageOrder: request.stageOrder,
      attempt: request.attempt,
    };
    const count = answer.kind === 'complete' ? (answer.contentCount ?? Math.max(request.input.expectedContentCount, 3)) : 0;
    const messages = [];
    if (answer.kind === 'complete' && answer.progressFirst) {
      messages.push(
        this.envelope(events.progressed.type, events.progressed.topic, ref, {
          ...ref,
          itemsTotal: count,
          itemsProcessed: 1,
          bytesProcessed: 10,
        }),
      );
    }
    messages.push(
      answer.kind === 'complete'
        ? this.envelope(events.completed.type, events.completed.topic, ref, {
            ...ref,
            itemsTotal: count,
            itemsProcessed: count,
            itemsSuccessful: count,
            itemsFailed: 0,
            bytesProcessed: count * 100,
            contentCount: count,
            durationMs: 25,
            output: answer.output ?? {},
            historyId: randomUUID(),
          })
        : this.envelope(events.failed.type, events.failed.topic, ref, {
            ...ref,
            errorCode: answer.errorCode,
            errorMessage: `scripted ${answer.errorCode}`,
            retriable: answer.retriable,
            itemsProcessed: 0,
            itemsFailed: 0,
            details: {},
          }),
    );
    if (answer.kind === 'complete' && answer.repeated) messages.push(messages[messages.length - 1]!);
    const topic = (m: { topic: string }) => prefixedTopic({ topicPrefix: this.env.KAFKA_TOPIC_PREFIX! }, m.topic);
    if (answer.kind === 'complete' && answer.together) {
      await publishRaw(
        this.kafka,
        topic(messages[0]!),
        messages.map((m) => ({ key: m.key, value: m.value })),
      );
      return;
    }
    for (const m of messages) await publishRaw(this.kafka, topic(m), [{ key: m.key, value: m.value }]);
  }

  private envelope(
    type: string,
    topic: string,
    ref: { executionId: string; stageOrder: number; attempt: number },
    payload: Record<string, unknown>,
  ) {
    const key = stageStreamId(ref);
    return {
      topic,
      key,
      value: JSON.stringify({
        eventId: randomUUID(),
        type,
        version: 1,
        occurredAt: new Date().toISOString(),
        producer: 'scripted-worker',
        aggregateType: 'stage',
        aggregateId: key,
        aggregateVersion: 1,
        correlationId: randomUUID(),
        causationId: null,
        actor: SYSTEM_ACTOR,
        payload,
      }),
    };
  }
}
