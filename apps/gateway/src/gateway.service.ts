import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { FastifyInstance } from 'fastify';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { eventRegistry } from '@mindhill/contracts';
import { DirectPublisher, KafkaEventTransport, kafkaFromEnv, LiveSettings, settingsEnvironment } from '@mindhill/messaging';
import { getLogger, ServiceBootstrap } from '@mindhill/platform';
import { GatewayConfig } from './gateway.config';
import { GatewayModule } from './gateway.module';
import { AccessWatermarks } from './identity/access-watermarks';
import { RevocationList } from './identity/revocation-list';
import { JwksKeyStore } from './identity/jwks-key-store';
import { AnswerSeal } from './idempotency/answer-seal';
import { IdempotencyGate } from './idempotency/idempotency-gate';
import { IdempotencyStore, MemoryIdempotencyStore, RedisIdempotencyStore } from './idempotency/idempotency-store';
import { TokenVerifier } from './identity/token-verifier';
import { LiveEventStreams } from './live-events/live-event.routes';
import { LiveRunEvents } from './live-events/live-run-events';
import { OpenStreams } from './live-events/open-streams';
import { RunEventHistoryClient } from './live-events/run-event-history.client';
import { RunEventsFeed } from './live-events/run-events.feed';
import { registerConsoleRoutes } from './console/console.routes';
import { registerOpenApiRoutes } from './openapi/openapi.routes';
import { registerProxyRoutes } from './routing/proxy.routes';
import { registerEdgePlugins } from './security/edge-plugins';
import { installJsonLimits } from './security/json-limits';

const logger = getLogger('gateway');

export function gatewayService(config: GatewayConfig): ServiceBootstrap {
  const { kafka, kafkaSettings } = kafkaFromEnv('gateway', config);
  const keys = new JwksKeyStore({ url: config.jwksUrl });
  const verifier = new TokenVerifier(keys);
  const security = new DirectPublisher(kafka, kafkaSettings, 'gateway');
  const revocations = new RevocationList();
  const watermarks = new AccessWatermarks();
  const liveSettings = new LiveSettings(settingsEnvironment(config.NODE_ENV));
  // Every gateway instance must see every revocation and access watermark: a group of its own,
  // read from the start.
  const revocationFeed = new KafkaEventTransport(kafka, kafkaSettings, {
    group: `${config.KAFKA_TOPIC_PREFIX}gateway.revocations.${hostname()}.${process.pid}.${randomBytes(3).toString('hex')}`,
    service: 'gateway',
    registry: eventRegistry,
  });
  const runEvents = new LiveRunEvents();
  const runEventsFeed = new RunEventsFeed(kafka, kafkaSettings, config.KAFKA_TOPIC_PREFIX, runEvents);
  const streams = new LiveEventStreams(
    runEvents,
    new RunEventHistoryClient(config.WORKFLOWS_URL, config.INTERNAL_API_TOKEN, config.GATEWAY_UPSTREAM_TIMEOUT_MS),
    new OpenStreams({ perUser: config.GATEWAY_EVENTS_MAX_STREAMS_PER_USER, total: config.GATEWAY_EVENTS_MAX_STREAMS }),
    revocations,
    watermarks,
    { keepAliveMs: config.GATEWAY_EVENTS_KEEPALIVE_MS, recheckMs: config.GATEWAY_EVENTS_RECHECK_MS },
  );
  return {
    service: 'gateway',
    module: GatewayModule.forRoot(kafka, kafkaSettings, revocations, watermarks, liveSettings, keys, runEventsFeed),
    transports: [revocationFeed],
    port: config.GATEWAY_PORT,
    host: config.GATEWAY_HOST,
    logLevel: config.LOG_LEVEL,
    metricsToken: config.METRICS_TOKEN,
    bodyLimitBytes: config.GATEWAY_BODY_LIMIT_BYTES,
    // JSON is parsed by installJsonLimits (shape limits first); the API takes no form bodies.
    nestBodyParsers: false,
    trustedProxies: config.GATEWAY_TRUSTED_PROXIES,
    configure: async (app) => {
      const fastify = fastifyOf(app);
      const edge = await registerEdgePlugins(fastify, config);
      installJsonLimits(fastify, {
        maxDepth: config.GATEWAY_JSON_MAX_DEPTH,
        maxArrayLength: config.GATEWAY_JSON_MAX_ARRAY_LENGTH,
        maxObjectKeys: config.GATEWAY_JSON_MAX_KEYS,
      });
      const idempotency = idempotencyGate(config);
      await registerProxyRoutes(fastify, config, verifier, security, revocations, liveSettings, watermarks, idempotency, streams);
      registerOpenApiRoutes(fastify);
      await registerConsoleRoutes(fastify, config.consoleDir);
      await keys.start();
      // Open event streams end first, or closing the server would wait for their clients.
      fastify.addHook('preClose', async () => streams.closeAll());
      fastify.addHook('onClose', async () => {
        keys.stop();
        await security.stop();
        await edge.close();
        await idempotency.close();
      });
    },
  };
}

// Records in Redis when REDIS_URL is set (shared by every replica), else in this process only.
// The answer seal's secret is the internal token, which every replica has (ADR 0022).
function idempotencyGate(config: GatewayConfig): IdempotencyGate {
  let store: IdempotencyStore;
  if (config.REDIS_URL) {
    const redis = new RedisIdempotencyStore(config.REDIS_URL, config.GATEWAY_IDEMPOTENCY_NAMESPACE);
    redis.onError((error) => logger.warn({ err: error }, 'Redis for idempotency keys is unavailable'));
    store = redis;
  } else store = new MemoryIdempotencyStore();
  return new IdempotencyGate(store, new AnswerSeal(config.INTERNAL_API_TOKEN), {
    ttlMs: config.GATEWAY_IDEMPOTENCY_TTL_SECONDS * 1_000,
    // Past the upstream timeout the call has answered (502 frees the key); the margin covers a
    // replica that died mid-call, whose claim then lapses.
    inFlightTtlMs: config.GATEWAY_UPSTREAM_TIMEOUT_MS + 10_000,
    maxAnswerBytes: config.GATEWAY_IDEMPOTENCY_MAX_ANSWER_BYTES,
  });
}

// The Fastify instance under Nest, typed as the gateway's own Fastify (the adapter's typed
// accessor; Nest's interface names the copy of Fastify it bundles).
function fastifyOf(app: NestFastifyApplication): FastifyInstance {
  const adapter = app.getHttpAdapter();
  if (!(adapter instanceof FastifyAdapter)) throw new Error('The gateway runs on the Fastify adapter');
  return adapter.getInstance();
}
