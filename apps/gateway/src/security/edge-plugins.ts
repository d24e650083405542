import cors from '@fastify/cors';
import helmet, { FastifyHelmetOptions } from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import LocalStore from '@fastify/rate-limit/store/LocalStore';
import RedisStore from '@fastify/rate-limit/store/RedisStore';
import Fastify, { FastifyInstance } from 'fastify';
import Redis from 'ioredis';
import { getLogger } from '@mindhill/platform';
import { GatewayConfig } from '../gateway.config';

const logger = getLogger('gateway-edge');

type Incr = (
  key: string,
  cb: (error: Error | null, result?: { current: number; ttl: number }) => void,
  timeWindow: number,
  max: number,
) => void;
type InnerStore = { incr: Incr };
// The plugin's own stores (memory, Redis; typed in rate-limit-stores.d.ts), shared by every route:
// @fastify/rate-limit gives each route a child store, which would make the limit per route; a
// user's budget is for the whole API.

// The headers @fastify/helmet sets with these options, computed once. The plugin itself builds a
// helmet middleware (and parses the CSP) on every request, in two hooks: a measurable share of
// the cheapest gateway route (bench/README.md, benchmark 3). The headers never vary per request.
async function helmetHeaders(options: FastifyHelmetOptions): Promise<Record<string, string>> {
  const probe = Fastify({ logger: false });
  await probe.register(helmet, options);
  probe.get('/', async () => '');
  const res = await probe.inject({ method: 'GET', url: '/' });
  await probe.close();
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers)) {
    if (!PROBE_OWN_HEADERS.has(name) && typeof value === 'string') headers[name] = value;
  }
  if (!headers['content-security-policy'] || !headers['strict-transport-security']) throw new Error('helmet set no security headers');
  return headers;
}
const PROBE_OWN_HEADERS = new Set(['content-type', 'content-length', 'date', 'connection', 'keep-alive', 'transfer-encoding']);

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
  const securityHeaders = await helmetHeaders({
    contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    hsts: { maxAge: 31_536_000, includeSubDomains: true },
  });
  app.addHook('onRequest', (_req, reply, done) => {
    void reply.headers(securityHeaders);
    done();
  });
  await app.register(cors, {
    origin: config.GATEWAY_CORS_ORIGINS.length ? config.GATEWAY_CORS_ORIGINS : false,
    methods: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'x-correlation-id', 'idempotency-key'],
    exposedHeaders: ['x-correlation-id', 'retry-after', 'location', 'idempotent-replayed'],
    maxAge: 600,
  });
  const redis = config.REDIS_URL
    ? new Redis(config.REDIS_URL, { connectTimeout: 1_000, maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false })
    : undefined;
  redis?.on('error', (error) => logger.warn({ err: error }, 'Redis for rate limits is unavailable'));
  await app.register(rateLimit, {
    global: false,
    // After the identity is read (onRequest), so the per-user limit can key on it.
    hook: 'preHandler',
    store: sharedStore(() =>
      redis ? new RedisStore(false, false, redis, config.GATEWAY_RATE_LIMIT_NAMESPACE) : new LocalStore(false, false, 100_000),
    ),
    // If Redis is down, serve rather than refuse everyone; the failure is logged.
    skipOnError: true,
    // Each route states its own budget (proxy.routes.ts); this only answers a route without one.
    errorResponseBuilder: (_req, context) => ({
      statusCode: 429,
      message: `Rate limit: ${context.max} requests reached; retry in ${Math.max(1, Math.ceil(context.ttl / 1000))} s`,
    }),
  });
  return { close: async () => void redis?.disconnect() };
}
