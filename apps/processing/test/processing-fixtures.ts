import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SYSTEM_ACTOR } from '@mindhill/contracts';
import { createKafka, KafkaClient, prefixedTopic, publishRaw, readTopic } from '@mindhill/messaging';

// Builders for what other services would publish (fetched content, stage requests) and readers
// of what processing answers, over the real broker with the test's topic prefix.
export class ProcessingFixtures {
  readonly kafka: KafkaClient;
  private contentNumber = 0;

  constructor(private readonly env: Record<string, string>) {
    this.kafka = createKafka({ brokers: env.KAFKA_BROKERS!.split(','), clientId: 'processing-test', topicPrefix: env.KAFKA_TOPIC_PREFIX! });
  }

  topic(name: string): string {
    return prefixedTopic({ topicPrefix: this.env.KAFKA_TOPIC_PREFIX! }, name);
  }

  envelope(type: string, aggregateType: string, aggregateId: string, payload: Record<string, unknown>) {
    return {
      eventId: randomUUID(),
      type,
      version: 1,
      occurredAt: new Date().toISOString(),
      producer: 'test',
      aggregateType,
      aggregateId,
      aggregateVersion: 1,
      correlationId: `corr-${aggregateId}`,
      causationId: null,
      actor: SYSTEM_ACTOR,
      payload,
    };
  }

  // workflows.workflow.created for the fixtures' workflow: its owner and sharing (workflow_access).
  async workflowCreated(
    sharing: { createdBy: number; isPublic?: boolean; sharedWithUsers?: number[] },
    workflowId = '00000000-0000-4000-8000-0000000000aa',
  ) {
    const payload = {
      workflowId,
      workflowNumber: 1,
      name: 'fixture workflow',
      description: null,
      configuration: { stages: [] },
      scheduleCron: null,
      scheduleTimezone: 'UTC',
      timeoutMinutes: 60,
      maxRetries: 0,
      category: null,
      tags: [],
      status: 'active',
      configurationHash: 'x',
      isTemplate: false,
      templateName: null,
      parentWorkflowId: null,
      createdBy: sharing.createdBy,
      isPublic: sharing.isPublic ?? false,
      sharedWithUsers: sharing.sharedWithUsers ?? [],
    };
    await publishRaw(this.kafka, this.topic('workflows.workflow.events.v1'), [
      {
        key: `workflow-${workflowId}`,
        value: JSON.stringify(this.envelope('workflows.workflow.created', 'workflow', `workflow-${workflowId}`, payload)),
      },
    ]);
  }

  // Writes the bytes into the content store (unless `store: false`) and publishes ingestion.content.fetched.
  async fetched(input: {
    executionId: string | null;
    fluxId: string;
    name: string;
    mimeType: string;
    body: string | Buffer;
    extension?: string;
    store?: boolean;
  }) {
    const bytes = Buffer.isBuffer(input.body) ? input.body : Buffer.from(input.body, 'utf8');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const storageKey = `${sha256.slice(0, 2)}/${sha256}`;
    if (input.store !== false) {
      mkdirSync(path.join(this.env.CONTENT_STORE_DIR!, sha256.slice(0, 2)), { recursive: true });
      writeFileSync(path.join(this.env.CONTENT_STORE_DIR!, storageKey), bytes);
    }
    const contentId = randomUUID();
    this.contentNumber += 1;
    const payload = {
      contentId,
      contentNumber: this.contentNumber,
      fluxId: input.fluxId,
      fluxNumber: 7,
      fetchingId: 3,
      fetchingUuid: randomUUID(),
      executionId: input.executionId,
      stageOrder: 1,
      name: input.name,
      mimeType: input.mimeType,
      extension: input.extension ?? null,
      sizeBytes: bytes.length,
      sha256,
      encoding: null,
      language: null,
      preview: null,
      wordCount: null,
      storageKey,
      duplicate: false,
      fetchedAt: new Date().toISOString(),
    };
    await publishRaw(this.kafka, this.topic('ingestion.content.events.v1'), [
      { key: contentId, value: JSON.stringify(this.envelope('ingestion.content.fetched', 'content', contentId, payload)) },
    ]);
    return { contentId, sha256 };
  }

  stageRequest(input: {
    executionId: string;
    stageOrder: number;
    stageType: string;
    settings?: Record<string, unknown>;
    expected: number;
    attempt?: number;
    deadlineInMs?: number;
  }) {
    return {
      executionId: input.executionId,
      workflowId: '00000000-0000-4000-8000-0000000000aa',
      workflowVersion: 1,
      executionNumber: 42,
      stageOrder: input.stageOrder,
      attempt: input.attempt ?? 1,
      stageName: `${input.stageType}-${input.stageOrder}`,
      stageType: input.stageType,
      settings: input.settings ?? {},
      dataSourceIds: [],
      input: { expectedContentCount: input.expected, previousStageType: null },
      triggeredByUserNumber: 1,
      deadlineAt: new Date(Date.now() + (input.deadlineInMs ?? 60_000)).toISOString(),
    };
  }

  async requestStage(input: Parameters<ProcessingFixtures['stageRequest']>[0]) {
    const payload = this.stageRequest(input);
    const envelope = this.envelope('workflows.execution.stage-requested', 'execution', input.executionId, payload);
    await publishRaw(this.kafka, this.topic('workflows.execution.events.v1'), [
      { key: input.executionId, value: JSON.stringify(envelope) },
    ]);
    return { payload, eventId: envelope.eventId };
  }

  async executionFinished(executionId: string, status: 'Cancelled' | 'Failed' | 'Timeout' | 'Success') {
    const payload = {
      executionId,
      workflowId: '00000000-0000-4000-8000-0000000000aa',
      workflowNumber: 1,
      runNumber: 1,
      status,
      errorCode: null,
      errorMessage: null,
      startedAt: null,
      completedAt: new Date().toISOString(),
      durationMinutes: 0,
      contentProcessed: 0,
      bytesProcessed: 0,
      stagesCompleted: 0,
      cancelledBy: 1,
    };
    await publishRaw(this.kafka, this.topic('workflows.execution.events.v1'), [
      { key: executionId, value: JSON.stringify(this.envelope('workflows.execution.finished', 'execution', executionId, payload)) },
    ]);
  }

  // The terminal answer (completed or failed) for one stage attempt, as published on Kafka.
  async outcome(executionId: string, stageOrder: number, attempt = 1): Promise<{ type: string; payload: Record<string, any> }> {
    const matches = (m: { value: Buffer | null }) => {
      const e = JSON.parse(m.value!.toString('utf8'));
      return (
        (e.type === 'processing.stage.completed' || e.type === 'processing.stage.failed') &&
        e.payload.executionId === executionId &&
        e.payload.stageOrder === stageOrder &&
        e.payload.attempt === attempt
      );
    };
    const seen = await readTopic(this.kafka, this.topic('processing.stage.events.v1'), { done: (s) => s.some(matches), timeoutMs: 40_000 });
    const found = seen.find(matches);
    if (!found) throw new Error(`no outcome for ${executionId}#${stageOrder}/${attempt}`);
    return JSON.parse(found.value!.toString('utf8'));
  }

  async messages(topic: string, until: (events: any[]) => boolean): Promise<any[]> {
    const parse = (s: { value: Buffer | null }[]) => s.map((m) => JSON.parse(m.value!.toString('utf8')));
    return parse(await readTopic(this.kafka, this.topic(topic), { done: (s) => until(parse(s)), timeoutMs: 30_000 }));
  }
}
