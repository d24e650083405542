import { Kafka } from 'kafkajs';
import { getLogger } from '@mindhill/platform';

export type TopicSpec = { topic: string; partitions?: number };

// Creates the topics that do not exist yet and waits for their leaders. Consumers never rely on
// auto-creation (the broker runs with it off).
export async function ensureTopics(kafka: Kafka, specs: readonly TopicSpec[], defaults = { partitions: 3 }): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = specs.filter((s) => !existing.has(s.topic));
    if (missing.length === 0) return [];
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((s) => ({ topic: s.topic, numPartitions: s.partitions ?? defaults.partitions, replicationFactor: -1 })),
    });
    getLogger('kafka-admin').info({ topics: missing.map((s) => s.topic) }, 'Created topics');
    return missing.map((s) => s.topic);
  } catch (error) {
    // Services start side by side and race to create the same topics: fine when they all exist.
    const now = new Set(await admin.listTopics());
    if (specs.every((s) => now.has(s.topic))) return [];
    throw error;
  } finally {
    await admin.disconnect();
  }
}
