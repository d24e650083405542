import { AddressInfo } from 'node:net';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServiceApp, ServiceBootstrap, startServiceApp } from '@mindhill/platform';
import { createKafka, deleteTopicsWithPrefix } from '@mindhill/messaging';
import { createTestDatabase, TestDatabase, testEnv } from '@mindhill/testing';
import { startAbsentUpstream } from './absent-upstream';
import { buildGateway, SERVICE_CATALOG, ServiceName } from './service-catalog';
import { startTestJwks } from './test-jwks';
import { newTestKey, TestKey } from './tokens';

export type TestPlatform = {
  env: Record<string, string>;
  gatewayUrl: string;
  urls: Partial<Record<ServiceName | 'gateway', string>>;
  apps: Partial<Record<ServiceName | 'gateway', NestFastifyApplication>>;
  databases: Partial<Record<ServiceName, TestDatabase>>;
  // The key the gateway trusts besides auth's own: signToken(platform.tokenKey, …) mints tokens.
  tokenKey: TestKey;
  // Stops the apps and keeps their databases and topics (a restore or restart test's first half).
  stopApps(): Promise<void>;
  // Starts the apps again on the same databases, topics and ports.
  startApps(): Promise<void>;
  // Another gateway in front of the same services (a second replica), on a port of its own;
  // closed with the platform or by its own close().
  startGatewayReplica(env?: Record<string, string>): Promise<{ url: string; close(): Promise<void> }>;
  close(): Promise<void>;
};

export type TestPlatformOptions = {
  services: ServiceName[];
  env?: Record<string, string>;
  // false: the gateway reads auth's own JWKS only, as in production (no test key).
  trustTestKey?: boolean;
  // Replace how a service is built (e.g. to inject a test hook).
  customize?: Partial<Record<ServiceName, (env: NodeJS.ProcessEnv) => ServiceBootstrap>>;
};

// Starts the chosen services and the gateway in this process, on free ports, each with a fresh
// database, all sharing one topic prefix on the real broker. The gateway reaches only ports this
// process opened: a service not started is an upstream that drops every connection (502).
export async function startTestPlatform(options: TestPlatformOptions): Promise<TestPlatform> {
  const env: Record<string, string> = testEnv(options.env);
  const databases: TestPlatform['databases'] = {};
  const apps: TestPlatform['apps'] = {};
  const urls: TestPlatform['urls'] = {};
  const tokenKey = await newTestKey();
  const jwks = await startTestJwks(tokenKey, () => urls.auth);
  const absent = await startAbsentUpstream();
  // The gateway first (no new requests), then the services side by side: each waits up to
  // kafkajs's 5 s fetch per consumer when it stops, so one after another took a minute for six.
  const replicas = new Set<NestFastifyApplication>();
  const gatewayEnv = (extra: Record<string, string> = {}) => ({
    ...env,
    ...(options.trustTestKey === false ? {} : { GATEWAY_JWKS_URL: env.GATEWAY_JWKS_URL ?? jwks.url }),
    ...extra,
  });
  const startGatewayReplica = async (extra: Record<string, string> = {}) => {
    const { app, url } = await startApp(buildGateway(gatewayEnv({ ...extra, GATEWAY_PORT: '0' })));
    replicas.add(app);
    return { url, close: async () => void (replicas.delete(app) && (await app.close())) };
  };
  const stopApps = async () => {
    await Promise.all([...replicas].map((app) => app.close()));
    replicas.clear();
    await apps.gateway?.close();
    delete apps.gateway;
    const names = Object.keys(apps) as (keyof typeof apps)[];
    await Promise.all(names.map((name) => apps[name]?.close()));
    for (const name of names) delete apps[name];
  };
  const close = async () => {
    await stopApps();
    await jwks.close();
    await absent.close();
    await Promise.all(Object.values(databases).map((db) => db?.drop()));
    // A broker keeps every topic; left behind, thousands of test topics exhaust its memory.
    const kafka = createKafka({ brokers: env.KAFKA_BROKERS!.split(','), clientId: 'test-cleanup', topicPrefix: env.KAFKA_TOPIC_PREFIX! });
    await deleteTopicsWithPrefix(kafka, env.KAFKA_TOPIC_PREFIX!).catch(() => undefined);
  };
  const platform: TestPlatform = {
    env,
    gatewayUrl: '',
    urls,
    apps,
    databases,
    tokenKey,
    stopApps,
    startApps: () => startApps(),
    startGatewayReplica,
    close,
  };
  const startApps = async () => {
    for (const name of options.services) {
      const build = options.customize?.[name] ?? SERVICE_CATALOG[name].build;
      const { app, url } = await startApp(build({ ...env, [`${name.toUpperCase()}_PORT`]: portOf(urls[name]) }));
      apps[name] = app;
      urls[name] = url;
      env[`${name.toUpperCase()}_URL`] = url;
    }
    for (const name of Object.keys(SERVICE_CATALOG)) env[`${name.toUpperCase()}_URL`] ??= absent.url;
    const { app, url } = await startApp(buildGateway(gatewayEnv({ GATEWAY_PORT: portOf(urls.gateway) })));
    apps.gateway = app;
    urls.gateway = url;
    platform.gatewayUrl = url;
  };
  try {
    await Promise.all(
      options.services.map(async (name) => {
        const db = await createTestDatabase(name, SERVICE_CATALOG[name].migrations);
        databases[name] = db;
        env[`${name.toUpperCase()}_DATABASE_URL`] = db.url;
        env[`${name.toUpperCase()}_PORT`] = '0';
      }),
    );
    await startApps();
    return platform;
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}

// A restart keeps the port the app had (so the others' URLs stay right); the first start takes any.
const portOf = (url?: string) => (url ? new URL(url).port : '0');

export async function startApp(bootstrap: ServiceBootstrap): Promise<{ app: NestFastifyApplication; url: string }> {
  const app = await createServiceApp(bootstrap);
  try {
    await app.init();
    await startServiceApp(app, bootstrap);
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
  const address = app.getHttpServer().address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${address.port}` };
}
