import { randomUUID, timingSafeEqual } from 'node:crypto';
import { FastifyInstance, FastifyRequest } from 'fastify';
import { Actor, SYSTEM_ACTOR, actorSchema } from '@mindhill/contracts';
import { RequestContext, runWithContext } from '../context/request-context';
import { isLivenessRequest } from '../health/liveness';
import { getLogger } from '../logging/logger';
import { platformMetrics } from '../metrics/metrics.registry';

export const HEADER = {
  requestId: 'x-request-id',
  correlationId: 'x-correlation-id',
  actor: 'x-mindhill-actor',
  internalToken: 'x-internal-token',
} as const;

// Routes a service answers without the internal token: probes, metrics (which has a credential of
// its own when METRICS_TOKEN is set) and whatever the service adds (auth: its JWKS).
export const PUBLIC_PATHS = ['/health/live', '/health/ready', '/metrics'] as const;
const METRICS_PATH = '/metrics';

export type HttpContextOptions = {
  // The gateway's credential; when set, every request needs it except GET/HEAD of a public path.
  internalToken?: string;
  // Exact paths that are public on this service besides PUBLIC_PATHS.
  publicPaths?: readonly string[];
  // When set, GET /metrics needs `Authorization: Bearer <metricsToken>` (Prometheus credentials_file).
  metricsToken?: string;
};

// Opens the request context (correlation id, actor) for everything the request does, records its
// duration, and, on internal services, refuses every call that did not come through the gateway.
// It also writes the request line: a hook, not nestjs-pino's middleware, which cost the gateway a
// quarter of its throughput in `npm run bench` (ADR 0005).
const requestLogger = getLogger('http');

// Probes and scrapes come every few seconds and say nothing about use.
export function isQuietPath(url: string): boolean {
  const path = url.split('?', 1)[0] ?? '';
  return path === '/metrics' || path === '/health' || path.startsWith('/health/');
}

export function installHttpContext(app: FastifyInstance, options: HttpContextOptions) {
  const publicPaths = new Set<string>([...PUBLIC_PATHS, ...(options.publicPaths ?? [])]);
  app.addHook('onRequest', (req, reply, done) => {
    const correlationId = headerValue(req, HEADER.correlationId) ?? randomUUID();
    void reply.header(HEADER.correlationId, correlationId);
    // Compared on the raw URL, before any decoding or normalisation: the router also matches
    // encoded, doubled-slash and dot-segment spellings of a path, so anything that is not exactly
    // a public path (plus a query string) is an internal call and needs the token.
    const publicPath = publicPathOf(req, publicPaths);
    const viaGateway = options.internalToken !== undefined && sameSecret(headerValue(req, HEADER.internalToken), options.internalToken);
    if (options.internalToken && !publicPath && !viaGateway) {
      void reply
        .status(401)
        .send({ error: { code: 'AUTH.INTERNAL_ONLY', message: 'Internal API: call it through the gateway' }, correlationId });
      return;
    }
    if (publicPath === METRICS_PATH && options.metricsToken && !sameSecret(bearer(req), options.metricsToken)) {
      void reply
        .status(401)
        .header('www-authenticate', 'Bearer realm="metrics"')
        .send({
          error: { code: 'AUTH.METRICS_TOKEN_REQUIRED', message: 'Metrics need the scrape credential (METRICS_TOKEN)' },
          correlationId,
        });
      return;
    }
    // The liveness probe does nothing that logs or appends events: no context to open.
    if (isLivenessRequest(req)) return done();
    const requestId = headerValue(req, HEADER.requestId) ?? randomUUID();
    runWithContext(requestContext(req, correlationId, requestId, viaGateway), done);
  });
  app.addHook('onResponse', (req, reply, done) => {
    const route = req.routeOptions?.url ?? 'unmatched';
    const seconds = reply.elapsedTime / 1000;
    platformMetrics.httpRequestDuration.observe({ method: req.method, route, status: String(reply.statusCode) }, seconds);
    if (!isQuietPath(req.url)) {
      requestLogger.info(
        { req: { method: req.method, url: req.url }, res: { statusCode: reply.statusCode }, ms: Math.round(reply.elapsedTime) },
        'request',
      );
    }
    done();
  });
}

// The actor is decoded (base64url, JSON, schema) only when something asks for it: reads never
// do, commands and admin checks do once.
// The actor header is believed only on a request that carried the internal token: anyone else
// could write one.
function requestContext(req: FastifyRequest, correlationId: string, requestId: string, viaGateway: boolean): RequestContext {
  let actor: Actor | undefined;
  return {
    correlationId,
    requestId,
    causationId: null,
    get actor() {
      return (actor ??= actorFrom(req, viaGateway));
    },
  };
}

// Only GET/HEAD of an exact public path, optionally followed by a query string.
function publicPathOf(req: FastifyRequest, publicPaths: ReadonlySet<string>): string | null {
  if (req.method !== 'GET' && req.method !== 'HEAD') return null;
  const raw = req.raw.url ?? '';
  const q = raw.indexOf('?');
  const path = q === -1 ? raw : raw.slice(0, q);
  return publicPaths.has(path) ? path : null;
}

function bearer(req: FastifyRequest): string | undefined {
  const v = req.headers.authorization;
  return typeof v === 'string' && v.startsWith('Bearer ') ? v.slice(7) : undefined;
}

function headerValue(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name];
  return typeof v === 'string' && v.length > 0 && v.length <= 200 ? v : undefined;
}

// The gateway sends the verified identity as base64url JSON. Direct callers (probes, a service
// without a token configured) get the request's own facts and no user.
function actorFrom(req: FastifyRequest, viaGateway: boolean): Actor {
  const raw = typeof req.headers[HEADER.actor] === 'string' ? (req.headers[HEADER.actor] as string) : undefined;
  if (raw && viaGateway) {
    try {
      const parsed = actorSchema.safeParse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
      if (parsed.success) return parsed.data;
    } catch {
      // fall through: an unreadable actor header is treated as anonymous
    }
  }
  const ua = req.headers['user-agent'];
  return {
    ...SYSTEM_ACTOR,
    role: null,
    ip: req.ip,
    userAgent: typeof ua === 'string' ? ua : null,
    requestMethod: req.method,
    requestUrl: req.url,
  };
}

export function encodeActor(actor: Actor): string {
  return Buffer.from(JSON.stringify(actor), 'utf8').toString('base64url');
}

function sameSecret(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
