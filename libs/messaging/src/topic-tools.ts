import { randomUUID } from 'node:crypto';
import { IHeaders, Kafka } from 'kafkajs';

export type RawMessage = { key: string | null; value: Buffer | null; headers: Record<string, string>; partition: number; offset: string };

// Publishes raw bytes, as an outside producer would (tests, dead-letter replay).
export async function publishRaw(
  kafka: Kafka,
  topic: string,
  messages: { key?: string | null; value: string | Buffer | null; headers?: Record<string, string>; partition?: number }[],
): Promise<void> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages: messages.map((m) => ({ ...m, headers: m.headers as IHeaders | undefined })) });
  } finally {
    await producer.disconnect();
  }
}

// Reads a topic from the beginning with a throw-away group until `done` says enough or the
// time runs out; returns what it saw. For inspection, never for the platform's own consuming.
export async function readTopic(
  kafka: Kafka,
  topic: string,
  options: { done: (seen: RawMessage[]) => boolean; timeoutMs: number },
): Promise<RawMessage[]> {
  const seen: RawMessage[] = [];
  const consumer = kafka.consumer({ groupId: `inspect-${randomUUID()}`, sessionTimeout: 6_000, heartbeatInterval: 1_000 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, options.timeoutMs);
      void consumer.run({
        autoCommit: false,
        eachMessage: async ({ partition, message }) => {
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(message.headers ?? {})) if (v !== undefined) headers[k] = String(v);
          seen.push({ key: message.key?.toString('utf8') ?? null, value: message.value, headers, partition, offset: message.offset });
          if (options.done(seen)) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return seen;
}

// True when a Kafka broker answers a metadata request at these addresses within the timeout.
export async function kafkaAnswers(brokers: string[], timeoutMs = 3_000): Promise<boolean> {
  const { Kafka, logLevel } = await import('kafkajs');
  const admin = new Kafka({
    clientId: 'mindhill-probe',
    brokers,
    connectionTimeout: timeoutMs,
    retry: { retries: 0 },
    logLevel: logLevel.NOTHING,
  }).admin();
  try {
    await admin.connect();
    await admin.listTopics();
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

// Deletes every topic whose name starts with the prefix (a test run's own topics).
export async function deleteTopicsWithPrefix(kafka: Kafka, prefix: string): Promise<number> {
  if (!prefix) throw new Error('Refusing to delete topics without a prefix');
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 10_000 });
    return topics.length;
  } finally {
    await admin.disconnect();
  }
}
