import { ConfigResourceTypes } from 'kafkajs';
import { createKafka, prefixedTopic } from '@mindhill/messaging';
import { AUTH_SETTING_TOPIC } from '@mindhill/contracts';
import { eventually } from '@mindhill/testing';
import { http } from '../support/http';
import { startTestPlatform, TestPlatform } from '../support/test-platform';
import { authTestEnv } from '../../apps/auth/test/auth-test-env';

const ADMIN = { email: 'live-admin@mindhill.test', password: 'the live keeper 42' };
const CONFIGURATION = { stages: [{ name: 'fetch', type: 'fetching', dataSources: ['7c9e6679-7425-40de-944b-e07fc1f90ae7'] }] };

// A setting changed through auth's API reaches the services that use it, without a restart.
describe('settings applied live by the services', () => {
  let platform: TestPlatform;
  let admin: string;
  const url = (path: string) => `${platform.gatewayUrl}/api/v1${path}`;
  const change = (key: string, value: number) =>
    http('PATCH', url(`/settings/${key}`), { token: admin, body: { value, reason: 'live settings test' } });

  beforeAll(async () => {
    platform = await startTestPlatform({
      services: ['auth', 'workflows', 'audit'],
      env: authTestEnv({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }),
    });
    admin = (await http('POST', url('/auth/login'), { body: ADMIN })).body.accessToken;
  });
  afterAll(() => platform?.close());

  it('workflows: a workflow created without a timeout takes default_workflow_timeout', async () => {
    const before = await http('POST', url('/workflows'), {
      token: admin,
      body: { name: 'before the change', configuration: CONFIGURATION },
    });
    expect(before.body.timeoutMinutes).toBe(60);
    expect((await change('default_workflow_timeout', 17)).status).toBe(200);
    let n = 0;
    await eventually(async () => {
      const created = await http('POST', url('/workflows'), {
        token: admin,
        body: { name: `after the change ${++n}`, configuration: CONFIGURATION },
      });
      expect(created.body.timeoutMinutes).toBe(17);
    });
    const explicit = await http('POST', url('/workflows'), {
      token: admin,
      body: { name: 'explicit', configuration: CONFIGURATION, timeoutMinutes: 5 },
    });
    expect(explicit.body.timeoutMinutes).toBe(5);
  });

  it('workflows: execution retention uses retention_period_days', async () => {
    const dryRun = () => http('POST', url('/executions/retention'), { token: admin, body: { dryRun: true } });
    expect((await dryRun()).body.retentionDays).toBe(90);
    expect((await change('retention_period_days', 12)).status).toBe(200);
    await eventually(async () => expect((await dryRun()).body.retentionDays).toBe(12));
  });

  it('workflows: no more runs in progress at once than max_concurrent_workflows', async () => {
    // No ingestion service here: a run waits on its fetching stage, in progress, until cancelled.
    const workflow = (
      await http('POST', url('/workflows'), { token: admin, body: { name: 'limited', configuration: CONFIGURATION, status: 'active' } })
    ).body;
    const run = () => http('POST', url(`/workflows/${workflow.id}/executions`), { token: admin, body: { triggeredBy: 'manual' } });
    const cancel = async (id: string) => expect((await http('POST', url(`/executions/${id}/cancel`), { token: admin })).status).toBe(200);
    const statusOf = async (id: string) => (await http('GET', url(`/executions/${id}`), { token: admin })).body.status;
    expect((await change('max_concurrent_workflows', 1)).status).toBe(200);
    const holder = (await run()).body;
    expect(holder.status).toBe('InProgress');
    // One run in progress (the per-user cap is 3): once the setting applies, the next one waits.
    const waiting = await eventually(async () => {
      const res = await run();
      expect(res.status).toBe(202);
      if (res.body.status !== 'Created') await cancel(res.body.id);
      expect(res.body.status).toBe('Created');
      return res.body;
    });
    const after = (await run()).body;
    expect(after.status).toBe('Created');
    // The slot frees: the first waiting run starts, the second still waits for it.
    await cancel(holder.id);
    await eventually(async () => expect(await statusOf(waiting.id)).toBe('InProgress'));
    expect(await statusOf(after.id)).toBe('Created');
    await cancel(waiting.id);
    await cancel(after.id);
  });

  it('auth: a new session idles out after session_timeout_hours', async () => {
    expect((await change('session_timeout_hours', 2)).status).toBe(200);
    await eventually(async () => {
      const token = (await http('POST', url('/auth/login'), { body: ADMIN })).body.accessToken;
      const sessions = await http('GET', url('/auth/sessions'), { token });
      const current = sessions.body.items.find((s: any) => s.current);
      const idleHours = (Date.parse(current.idleExpiresAt) - Date.parse(current.lastActivityAt)) / 3_600_000;
      expect(Math.round(idleHours)).toBe(2);
    });
  });

  it('keeps the latest value of every setting for good: the settings topic is compacted', async () => {
    const kafka = createKafka({
      brokers: platform.env.KAFKA_BROKERS!.split(','),
      clientId: 'live-settings-test',
      topicPrefix: platform.env.KAFKA_TOPIC_PREFIX!,
    });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const topic = prefixedTopic({ topicPrefix: platform.env.KAFKA_TOPIC_PREFIX! }, AUTH_SETTING_TOPIC);
      const described = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['cleanup.policy'] }],
      });
      expect(described.resources[0]!.configEntries.find((e) => e.configName === 'cleanup.policy')?.configValue).toBe('compact');
    } finally {
      await admin.disconnect();
    }
  });
});
