import { Kafka, logLevel, LogEntry } from 'kafkajs';
import { getLogger } from '@mindhill/platform';
import { quietKafkajsWhenIdle } from './kafkajs-idle';

export type KafkaSettings = {
  brokers: string[];
  clientId: string;
  // Prefix for every topic name (tests and side-by-side environments share a broker).
  topicPrefix: string;
  // Partitions of topics created at start-up (default 3).
  partitions?: number;
};

export function prefixedTopic(settings: Pick<KafkaSettings, 'topicPrefix'>, topic: string): string {
  return `${settings.topicPrefix}${topic}`;
}

export function unprefixedTopic(settings: Pick<KafkaSettings, 'topicPrefix'>, topic: string): string {
  return topic.startsWith(settings.topicPrefix) ? topic.slice(settings.topicPrefix.length) : topic;
}

const LEVEL: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
  [logLevel.NOTHING]: 'debug',
};

// kafkajs notices that do not apply here: the default partitioner (we key by aggregate id and
// never relied on the legacy one) and bounded retries on the idempotent producer (we do not
// claim exactly-once; the outbox retries and consumers deduplicate).
const QUIET = [/switched default partitioner/, /Limiting retries for the idempotent producer/, /Topic creation errors/];

export function createKafka(settings: KafkaSettings): Kafka {
  quietKafkajsWhenIdle();
  const logger = getLogger('kafkajs');
  return new Kafka({
    clientId: settings.clientId,
    brokers: settings.brokers,
    connectionTimeout: 3_000,
    requestTimeout: 30_000,
    retry: { initialRetryTime: 200, retries: 8, maxRetryTime: 5_000 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ namespace, level, log }: LogEntry) => {
        const { message, ...extra } = log;
        const quiet = QUIET.some((q) => q.test(String(message)));
        logger[quiet ? 'debug' : (LEVEL[level] ?? 'info')]({ namespace, ...extra }, message);
      },
  });
}

export type KafkaEnv = {
  KAFKA_BROKERS: string[];
  KAFKA_CLIENT_ID_SUFFIX: string;
  KAFKA_TOPIC_PREFIX: string;
  KAFKA_TOPIC_PARTITIONS?: number;
};

export function kafkaFromEnv(service: string, env: KafkaEnv): { kafka: Kafka; kafkaSettings: KafkaSettings } {
  const kafkaSettings = {
    brokers: env.KAFKA_BROKERS,
    clientId: `mindhill-${service}${env.KAFKA_CLIENT_ID_SUFFIX}`,
    topicPrefix: env.KAFKA_TOPIC_PREFIX,
    partitions: env.KAFKA_TOPIC_PARTITIONS,
  };
  return { kafka: createKafka(kafkaSettings), kafkaSettings };
}

// The client type apps pass around, so no app imports kafkajs itself.
export type KafkaClient = Kafka;
