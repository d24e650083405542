import { randomBytes, randomUUID } from 'node:crypto';
import { AUTH_SETTING_TOPIC, EventEnvelope, SYSTEM_ACTOR } from '@mindhill/contracts';
import {
  createKafka,
  deleteTopicsWithPrefix,
  ensureTopics,
  KafkaSettings,
  LiveSettings,
  prefixedTopic,
  publishRaw,
} from '@mindhill/messaging';
import { eventually } from '@mindhill/testing';

const settings: KafkaSettings = {
  brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
  clientId: 'live-settings-test',
  topicPrefix: `t${randomBytes(4).toString('hex')}.`,
};
const kafka = createKafka(settings);
const TOPIC = prefixedTopic(settings, AUTH_SETTING_TOPIC);

function settingEvent(type: 'auth.setting.changed' | 'auth.setting.created', payload: Record<string, unknown>): EventEnvelope {
  return {
    eventId: randomUUID(),
    type,
    version: 1,
    occurredAt: new Date().toISOString(),
    producer: 'auth',
    aggregateType: 'setting',
    aggregateId: `setting-${String(payload.key)}@${String(payload.environment)}`,
    aggregateVersion: 2,
    correlationId: 'c',
    causationId: null,
    actor: SYSTEM_ACTOR,
    payload,
  };
}

describe('LiveSettings against the real broker', () => {
  beforeAll(() => ensureTopics(kafka, [{ topic: TOPIC, partitions: 1 }]));
  afterAll(() => deleteTopicsWithPrefix(kafka, settings.topicPrefix));

  it('applies changes and environment overrides (the environment wins over all), then removes its consumer group', async () => {
    const live = new LiveSettings('production');
    await live.follow(kafka, settings, 'test');
    expect(live.integer('max_file_size_mb', 100)).toBe(100);
    const change = (key: string, environment: string, newValue: string) =>
      settingEvent('auth.setting.changed', {
        key,
        environment,
        oldValue: null,
        newValue,
        changedBy: null,
        reason: null,
        requiresRestart: false,
      });
    await publishRaw(kafka, TOPIC, [
      { key: 'setting-max_file_size_mb@all', value: JSON.stringify(change('max_file_size_mb', 'all', '5')) },
      { key: 'setting-retention_period_days@all', value: JSON.stringify(change('retention_period_days', 'all', '30')) },
      {
        key: 'setting-retention_period_days@production',
        value: JSON.stringify(
          settingEvent('auth.setting.created', {
            key: 'retention_period_days',
            environment: 'production',
            category: 'data',
            name: 'r',
            description: null,
            value: '7',
            type: 'integer',
            defaultValue: '90',
            validationRules: null,
            allowedValues: null,
            minValue: 1,
            maxValue: 3650,
            isPublic: false,
            isReadonly: false,
            requiresRestart: false,
            source: 'environment-override',
          }),
        ),
      },
      { key: 'setting-session_timeout_hours@staging', value: JSON.stringify(change('session_timeout_hours', 'staging', '3')) },
    ]);
    await eventually(() => {
      expect(live.integer('max_file_size_mb', 100)).toBe(5);
      expect(live.integer('retention_period_days', 90)).toBe(7);
    });
    // Another environment's value does not apply here.
    expect(live.integer('session_timeout_hours', 24)).toBe(24);

    const admin = kafka.admin();
    await admin.connect();
    try {
      const mine = async () =>
        (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(`${settings.topicPrefix}test.settings.`));
      expect(await mine()).toHaveLength(1);
      await live.stop();
      expect(await mine()).toHaveLength(0);
    } finally {
      await admin.disconnect();
    }
  });
});
