import { ConfigResourceTypes, Kafka } from 'kafkajs';
import { getLogger } from '@mindhill/platform';

// config: topic-level settings (e.g. cleanup.policy=compact), applied at creation and kept on
// topics that already exist.
export type TopicSpec = { topic: string; partitions?: number; config?: Record<string, string> };

// Creates the topics that do not exist yet and waits until every partition has a leader.
// Consumers never rely on auto-creation (the broker runs with it off). Services start side by
// side and race to create the same topics; kafkajs' own waitForLeaders then fails on metadata
// that is not propagated yet, so creation and the wait for leaders are done here, with retries.
export async function ensureTopics(kafka: Kafka, specs: readonly TopicSpec[], defaults = { partitions: 3 }): Promise<string[]> {
  const admin = kafka.admin();
  const logger = getLogger('kafka-admin');
  const created: string[] = [];
  await admin.connect();
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        const existing = new Set(await admin.listTopics());
        const missing = specs.filter((s) => !existing.has(s.topic));
        if (missing.length > 0) {
          const done = await admin
            .createTopics({
              waitForLeaders: false,
              topics: missing.map((s) => ({
                topic: s.topic,
                numPartitions: s.partitions ?? defaults.partitions,
                replicationFactor: -1,
                configEntries: entries(s.config),
              })),
            })
            .catch(() => false);
          if (done) created.push(...missing.map((s) => s.topic));
        }
        const metadata = await admin.fetchTopicMetadata({ topics: specs.map((s) => s.topic) });
        if (
          metadata.topics.length === specs.length &&
          metadata.topics.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))
        ) {
          if (created.length > 0) logger.info({ topics: created }, 'Created topics');
          const configured = specs.filter((s) => s.config && !created.includes(s.topic));
          if (configured.length > 0) {
            await admin.alterConfigs({
              validateOnly: false,
              resources: configured.map((s) => ({ type: ConfigResourceTypes.TOPIC, name: s.topic, configEntries: entries(s.config) })),
            });
          }
          return created;
        }
      } catch (error) {
        if (attempt >= 40) throw error;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    await admin.disconnect();
  }
}

function entries(config: Record<string, string> | undefined): { name: string; value: string }[] {
  return Object.entries(config ?? {}).map(([name, value]) => ({ name, value }));
}
