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

const logger = getLogger('http');

// Opens the request context (correlation id, actor) for everything the request does, logs one
// line per request, records its duration, and, on internal services, refuses API calls that
// did not come through the gateway.
export function installHttpContext(app: FastifyInstance, options: { internalToken?: string }) {
  app.addHook('onRequest', (req, reply, done) => {
    const correlationId = headerValue(req, HEADER.correlationId) ?? randomUUID();
    void reply.header(HEADER.correlationId, correlationId);
    // The liveness probe does nothing that logs or appends events: no context to open.
    if (isLivenessRequest(req)) return done();
    const requestId = headerValue(req, HEADER.requestId) ?? randomUUID();
    if (options.internalToken && req.url.startsWith('/api/') && !sameSecret(headerValue(req, HEADER.internalToken), options.internalToken)) {
      void reply.status(401).send({ error: { code: 'AUTH.INTERNAL_ONLY', message: 'Internal API: call it through the gateway' }, correlationId });
      return;
    }
    runWithContext(requestContext(req, correlationId, requestId), done);
  });
  app.addHook('onResponse', (req, reply, done) => {
    const route = req.routeOptions?.url ?? 'unmatched';
    const seconds = reply.elapsedTime / 1000;
    platformMetrics.httpRequestDuration.observe({ method: req.method, route, status: String(reply.statusCode) }, seconds);
    if (!route.startsWith('/health') && route !== '/metrics') {
      logger.info({ method: req.method, url: req.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
    }
    done();
  });
}

// The actor is decoded (base64url, JSON, schema) only when something asks for it: reads never
// do, commands and admin checks do once.
function requestContext(req: FastifyRequest, correlationId: string, requestId: string): RequestContext {
  let actor: Actor | undefined;
  return {
    correlationId, requestId, causationId: null,
    get actor() {
      return (actor ??= actorFrom(req));
    },
  };
}

function headerValue(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name];
  return typeof v === 'string' && v.length > 0 && v.length <= 200 ? v : undefined;
}

// The gateway sends the verified identity as base64url JSON. Direct callers (tests, probes)
// get the request's own facts and no user.
function actorFrom(req: FastifyRequest): Actor {
  const raw = headerValue(req, HEADER.actor) ?? (typeof req.headers[HEADER.actor] === 'string' ? (req.headers[HEADER.actor] as string) : undefined);
  if (raw) {
    try {
      const parsed = actorSchema.safeParse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
      if (parsed.success) return parsed.data;
    } catch {
      // fall through: an unreadable actor header is treated as anonymous
    }
  }
  const ua = req.headers['user-agent'];
  return { ...SYSTEM_ACTOR, role: null, ip: req.ip, userAgent: typeof ua === 'string' ? ua : null, requestMethod: req.method, requestUrl: req.url };
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
