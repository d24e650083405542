import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { FastifyInstance } from 'fastify';
import Redis from 'ioredis';
import { getLogger } from '@mindhill/platform';
import { GatewayConfig } from '../gateway.config';

const logger = getLogger('gateway-edge');

type Incr = (key: string, cb: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number, max: number) => void;
type InnerStore = { incr: Incr };
// The plugin's own stores (memory, Redis), shared by every route: @fastify/rate-limit gives each
// route a child store, which would make the limit per route; a user's budget is for the whole API.
type StoreClass = new (continueExceeding: boolean, exponentialBackoff: boolean, ...rest: unknown[]) => InnerStore;
const LocalStore = require('@fastify/rate-limit/store/LocalStore') as StoreClass;
const RedisStore = require('@fastify/rate-limit/store/RedisStore') as StoreClass;

function sharedStore(make: () => InnerStore) {
  return class SharedStore {
    private readonly inner = make();
    incr(...args: Parameters<Incr>) {
      this.inner.incr(...args);
    }
    child() {
      return this;
    }
  };
}

// Security headers for a JSON API, CORS only for configured origins, and the rate limiter (its
// limits are set per route in proxy.routes.ts).
export async function registerEdgePlugins(app: FastifyInstance, config: GatewayConfig): Promise<{ close(): Promise<void> }> {
  await app.register(helmet, {
    contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    hsts: { maxAge: 31_536_000, includeSubDomains: true },
  });
  await app.register(cors, {
    origin: config.GATEWAY_CORS_ORIGINS.length ? config.GATEWAY_CORS_ORIGINS : false,
    methods: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'x-correlation-id'],
    exposedHeaders: ['x-correlation-id', 'retry-after'],
    maxAge: 600,
  });
  const redis = config.REDIS_URL ? new Redis(config.REDIS_URL, { connectTimeout: 1_000, maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false }) : undefined;
  redis?.on('error', (error) => logger.warn({ err: error }, 'Redis for rate limits is unavailable'));
  await app.register(rateLimit, {
    global: false,
    // After the identity is read (onRequest), so the per-user limit can key on it.
    hook: 'preHandler',
    store: sharedStore(() =>
      redis
        ? new RedisStore(false, false, redis, config.GATEWAY_RATE_LIMIT_NAMESPACE)
        : new LocalStore(false, false, 100_000)),
    // If Redis is down, serve rather than refuse everyone; the failure is logged.
    skipOnError: true,
    errorResponseBuilder: (_req, context) => ({
      statusCode: 429,
      message: `Too many requests: the limit is ${context.max} per ${context.after}`,
    }),
  });
  return { close: async () => void redis?.disconnect() };
}
