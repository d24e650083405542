import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import {
  EventEnvelope,
  executionFinished,
  executionStageRequested,
  StageRequested,
  SYSTEM_ACTOR,
  workflowCreated,
} from '@mindhill/contracts';
import { createKafka, KafkaClient, prefixedTopic, publishRaw, RawMessage, readTopic } from '@mindhill/messaging';
import { TestPlatform } from '../../../test/support/test-platform';

export const kafkaOf = (platform: TestPlatform): KafkaClient =>
  createKafka({
    brokers: platform.env.KAFKA_BROKERS!.split(','),
    clientId: 'ingestion-test',
    topicPrefix: platform.env.KAFKA_TOPIC_PREFIX!,
  });

export const topicOf = (platform: TestPlatform, topic: string) => prefixedTopic({ topicPrefix: platform.env.KAFKA_TOPIC_PREFIX! }, topic);

// A stage request as the workflows service would publish it.
export function stageRequest(dataSourceIds: string[], overrides: Partial<StageRequested> = {}): StageRequested {
  return {
    executionId: randomUUID(),
    workflowId: randomUUID(),
    stageOrder: 1,
    attempt: 1,
    workflowVersion: 1,
    executionNumber: 1,
    stageName: 'fetch',
    stageType: 'fetching',
    settings: {},
    dataSourceIds,
    input: { expectedContentCount: 0, previousStageType: null },
    // The test's data sources belong to user 7, whose workflow this is.
    triggeredByUserNumber: 7,
    workflowOwnerNumber: 7,
    workflowOwnerIsAdmin: false,
    deadlineAt: new Date(Date.now() + 3_600_000).toISOString(),
    ...overrides,
  };
}

export function envelope<P>(type: string, aggregateId: string, payload: P): EventEnvelope<P> {
  return {
    eventId: randomUUID(),
    type,
    version: 1,
    occurredAt: new Date().toISOString(),
    producer: 'workflows',
    aggregateType: 'execution',
    aggregateId,
    aggregateVersion: 1,
    correlationId: randomUUID(),
    causationId: null,
    actor: SYSTEM_ACTOR,
    payload,
  };
}

export async function publishStageRequest(platform: TestPlatform, request: StageRequested): Promise<EventEnvelope<StageRequested>> {
  const event = envelope(executionStageRequested.type, `execution-${request.executionId}`, request);
  await publishRaw(kafkaOf(platform), topicOf(platform, 'workflows.execution.events.v1'), [
    { key: event.aggregateId, value: JSON.stringify(event) },
  ]);
  return event;
}

// A workflow-created event as the workflows service would publish it (ingestion's workflow_access).
export async function publishWorkflowCreated(
  platform: TestPlatform,
  workflowId: string,
  createdBy: number,
  sharing: { isPublic?: boolean; sharedWithUsers?: number[] } = {},
): Promise<void> {
  const event = {
    ...envelope(workflowCreated.type, `workflow-${workflowId}`, {
      workflowId,
      workflowNumber: 1,
      name: 'test workflow',
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
      createdBy,
      isPublic: sharing.isPublic ?? false,
      sharedWithUsers: sharing.sharedWithUsers ?? [],
    }),
    aggregateType: 'workflow',
  };
  await publishRaw(kafkaOf(platform), topicOf(platform, 'workflows.workflow.events.v1'), [
    { key: event.aggregateId, value: JSON.stringify(event) },
  ]);
}

export async function publishExecutionFinished(
  platform: TestPlatform,
  executionId: string,
  status: 'Cancelled' | 'Success',
): Promise<void> {
  const now = new Date().toISOString();
  const event = envelope(executionFinished.type, `execution-${executionId}`, {
    executionId,
    workflowId: randomUUID(),
    workflowNumber: 1,
    runNumber: 1,
    status,
    errorCode: null,
    errorMessage: null,
    startedAt: now,
    completedAt: now,
    durationMinutes: 0,
    contentProcessed: 0,
    bytesProcessed: 0,
    stagesCompleted: 0,
    cancelledBy: null,
  });
  await publishRaw(kafkaOf(platform), topicOf(platform, 'workflows.execution.events.v1'), [
    { key: event.aggregateId, value: JSON.stringify(event) },
  ]);
}

export type StageAnswer = EventEnvelope<Record<string, unknown>>;

// Reads the ingestion stage topic until the answer (completed or failed) for the execution arrives.
export async function stageAnswer(platform: TestPlatform, executionId: string): Promise<{ answer: StageAnswer; all: StageAnswer[] }> {
  const parse = (m: RawMessage) => JSON.parse(m.value!.toString('utf8')) as StageAnswer;
  const mine = (m: RawMessage) => (parse(m).payload as { executionId: string }).executionId === executionId;
  const terminal = (e: StageAnswer) => e.type === 'ingestion.stage.completed' || e.type === 'ingestion.stage.failed';
  const seen = await readTopic(kafkaOf(platform), topicOf(platform, 'ingestion.stage.events.v1'), {
    done: (s) => s.filter(mine).map(parse).some(terminal),
    timeoutMs: 45_000,
  });
  const all = seen.filter(mine).map(parse);
  const answer = all.find(terminal);
  if (!answer) throw new Error(`No stage answer for execution ${executionId}; saw ${all.map((e) => e.type).join(', ')}`);
  return { answer, all };
}

export type SourceServer = {
  url: string;
  server: Server;
  requests: { path: string; headers: IncomingMessage['headers'] }[];
  close(): Promise<void>;
};

// The `api` sources of the tests: JSON array, NDJSON, CSV, a protected text, and a route that
// fails twice before answering.
export async function startSourceServer(): Promise<SourceServer> {
  const requests: SourceServer['requests'] = [];
  let flaky = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests.push({ path: req.url ?? '', headers: req.headers });
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    };
    switch (req.url) {
      case '/items.json':
        return send(
          200,
          'application/json',
          JSON.stringify([{ id: 1, text: 'The first item is here and it is fine' }, { id: 2 }, { id: 3 }]),
        );
      case '/events.ndjson':
        return send(200, 'application/x-ndjson', '{"e":1}\n{"e":2}\n');
      case '/report.csv':
        return send(200, 'text/csv', 'city,value\nParis,1\nBerlin,2\n');
      case '/protected.txt':
        return req.headers.authorization === 'Bearer top-secret-token'
          ? send(200, 'text/plain; charset=utf-8', 'Le chat est sur le tapis et il est dans la maison avec les enfants.')
          : send(401, 'text/plain', 'no');
      case '/flaky.txt':
        flaky++;
        return flaky <= 2 ? send(503, 'text/plain', 'busy') : send(200, 'text/plain', 'finally an answer after retries');
      default:
        return send(404, 'text/plain', 'not here');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
