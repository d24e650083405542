import { randomUUID } from 'node:crypto';
import { Kafka } from 'kafkajs';
import type { KafkaPositions, PartitionOffsets, TopicOffsets } from '@mindhill/persistence';

// Where the platform stands on Kafka, for backups and restores: each consumer group's committed
// offsets and each topic's end (the offset the next message will get), per partition.
export type { KafkaPositions, PartitionOffsets, TopicOffsets };

// Only the platform's own topics and groups: those named with `prefix` (a shared broker holds
// other environments' too). Ephemeral groups (inspection, per-instance) are left out by `keepGroup`.
export async function readKafkaPositions(kafka: Kafka, prefix: string, keepGroup: (group: string) => boolean): Promise<KafkaPositions> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix) && !t.startsWith('__')).sort();
    const topicEnds: TopicOffsets = {};
    for (const topic of topics) {
      const ends = await admin.fetchTopicOffsets(topic).catch((error: unknown) => {
        // Deleted between the listing and this read: nothing of it to record.
        if (isUnknownTopic(error)) return null;
        throw error;
      });
      if (ends) topicEnds[topic] = Object.fromEntries(ends.map((p) => [String(p.partition), p.high]));
    }
    const groups: Record<string, TopicOffsets> = {};
    const names = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(prefix) && keepGroup(g));
    for (const groupId of names.sort()) {
      const committed = await admin.fetchOffsets({ groupId, topics: Object.keys(topicEnds) });
      const byTopic: TopicOffsets = {};
      for (const t of committed) {
        const partitions = t.partitions.filter((p) => p.offset !== '-1');
        if (partitions.length > 0) byTopic[t.topic] = Object.fromEntries(partitions.map((p) => [String(p.partition), p.offset]));
      }
      groups[groupId] = byTopic;
    }
    return { takenAt: new Date().toISOString(), groups, topicEnds };
  } finally {
    await admin.disconnect();
  }
}

// Puts a group back where it stood: partitions it had committed go to those offsets, partitions
// it reads now but had not read then go to the earliest offset (it will read them again, and its
// inbox drops what it already applied). The group must have no live members (platform stopped).
// Only topics named with `prefix` are touched (a shared broker holds other environments' too).
// Answers the topics moved and by how many messages in all the group went back (what it will
// read again; a partition it had never read counts from 0).
export async function rewindGroup(
  kafka: Kafka,
  groupId: string,
  then: TopicOffsets,
  prefix: string,
): Promise<{ topics: { topic: string; partitions: number }[]; movedBack: bigint }> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix) && !t.startsWith('__'));
    const now = await admin.fetchOffsets({ groupId, topics });
    const moves: { topic: string; partition: number; offset: string }[] = [];
    const rewound: { topic: string; partitions: number }[] = [];
    let movedBack = 0n;
    for (const t of now) {
      const read = t.partitions.filter((p) => p.offset !== '-1');
      if (read.length === 0 && !then[t.topic]) continue;
      const low = Object.fromEntries((await admin.fetchTopicOffsets(t.topic)).map((p) => [p.partition, p.low]));
      const partitions = t.partitions
        .filter((p) => p.offset !== '-1' || then[t.topic]?.[String(p.partition)] !== undefined)
        .map((p) => ({ partition: p.partition, now: p.offset, offset: then[t.topic]?.[String(p.partition)] ?? low[p.partition] ?? '0' }));
      // Topics already where they should be are left alone.
      if (partitions.every((p) => p.now === p.offset)) continue;
      for (const { partition, now: at, offset } of partitions) {
        moves.push({ topic: t.topic, partition, offset });
        movedBack += (at === '-1' ? 0n : BigInt(at)) - BigInt(offset);
      }
      rewound.push({ topic: t.topic, partitions: partitions.length });
    }
    if (moves.length) await commitThroughMember(kafka, groupId, moves);
    return { topics: rewound, movedBack };
  } finally {
    await admin.disconnect();
  }
}

// kafkajs commits a group's offsets only through a member of it (admin.setOffsets joins once per
// topic and then waits out a 5 s empty fetch). One member for all of the group's topics, with a
// short fetch wait: it joins, seeks (committed, as autoCommit is on), and leaves at the first fetch.
async function commitThroughMember(kafka: Kafka, groupId: string, moves: { topic: string; partition: number; offset: string }[]) {
  const topics = [...new Set(moves.map((m) => m.topic))];
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 50, sessionTimeout: 6_000, heartbeatInterval: 1_000 });
  await consumer.connect();
  try {
    const description = await consumer.describeGroup();
    if (!['Empty', 'Dead'].includes(description.state))
      throw new Error(`Consumer group ${groupId} still has running members (${description.state}): stop the platform first`);
    await consumer.subscribe({ topics, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer.on(consumer.events.FETCH, () => void consumer.stop().then(resolve, reject));
      consumer.run({ autoCommit: true, eachBatchAutoResolve: false, eachBatch: async () => undefined }).catch(reject);
      consumer.pause(topics.map((topic) => ({ topic })));
      for (const m of moves) consumer.seek(m);
    });
  } finally {
    await consumer.disconnect();
  }
}

// Every message of the given topics from the given offsets (per partition; absent = from the
// start) up to each topic's end as it is now, read by one throw-away consumer. For restores'
// comparisons, never the platform's own consuming.
export type ReadMessage = { topic: string; partition: number; offset: string; value: Buffer | null };
export async function readTopicsFrom(kafka: Kafka, from: TopicOffsets, timeoutMs = 30_000): Promise<ReadMessage[]> {
  const admin = kafka.admin();
  await admin.connect();
  const pending = new Map<string, bigint>(); // `topic:partition` → end
  const start = new Map<string, string>();
  try {
    for (const topic of Object.keys(from)) {
      for (const p of await admin.fetchTopicOffsets(topic)) {
        const first = from[topic]?.[String(p.partition)] ?? p.low;
        if (BigInt(p.high) > BigInt(first)) {
          pending.set(`${topic}:${p.partition}`, BigInt(p.high));
          start.set(`${topic}:${p.partition}`, first);
        }
      }
    }
  } finally {
    await admin.disconnect();
  }
  const seen: ReadMessage[] = [];
  // A seek after the first fetch delivers some messages twice: each offset is kept once.
  const kept = new Set<string>();
  if (pending.size === 0) return seen;
  const topics = [...new Set([...pending.keys()].map((k) => k.slice(0, k.lastIndexOf(':'))))];
  const consumer = kafka.consumer({ groupId: `inspect-${randomUUID()}`, sessionTimeout: 6_000, heartbeatInterval: 1_000 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Reading ${topics.length} topic(s) took longer than ${timeoutMs} ms`)), timeoutMs);
      consumer.on(consumer.events.GROUP_JOIN, () => {
        for (const [key, offset] of start) {
          const at = key.lastIndexOf(':');
          consumer.seek({ topic: key.slice(0, at), partition: Number(key.slice(at + 1)), offset });
        }
      });
      void consumer.run({
        autoCommit: false,
        eachMessage: async ({ topic, partition, message }) => {
          const key = `${topic}:${partition}`;
          const end = pending.get(key);
          if (end === undefined || BigInt(message.offset) < BigInt(start.get(key) ?? '0')) return;
          if (kept.has(`${key}:${message.offset}`)) return;
          kept.add(`${key}:${message.offset}`);
          seen.push({ topic, partition, offset: message.offset, value: message.value });
          if (BigInt(message.offset) + 1n >= end) pending.delete(key);
          if (pending.size === 0) {
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

// The services whose consumer groups are durable: `<prefix><service>.<purpose>`. Per-instance
// groups (live settings `<service>.settings.<host>…`, the gateway's revocations) are created
// fresh at every start and are never recorded or rewound.
const DURABLE_GROUP_SERVICES = ['auth', 'workflows', 'ingestion', 'processing', 'reporting', 'audit'];

export function isDurableGroup(group: string, prefix: string): boolean {
  if (!group.startsWith(prefix)) return false;
  const name = group.slice(prefix.length);
  return DURABLE_GROUP_SERVICES.some((s) => name.startsWith(`${s}.`)) && !/\.settings\./.test(name);
}

// kafkajs wraps the broker's answer once it stops retrying.
function isUnknownTopic(error: unknown): boolean {
  for (let e = error as { type?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.type === 'UNKNOWN_TOPIC_OR_PARTITION') return true;
  }
  return false;
}
