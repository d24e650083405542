import { randomUUID } from 'node:crypto';
import replyFrom from '@fastify/reply-from';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { accessDenied, Actor, rateLimited } from '@mindhill/contracts';
import { DirectPublisher, LiveSettings } from '@mindhill/messaging';
import { encodeActor, getLogger, HEADER } from '@mindhill/platform';
import { GatewayConfig } from '../gateway.config';
import { IdempotencyGate } from '../idempotency/idempotency-gate';
import { Principal } from '../identity/principal';
import { AccessWatermarks } from '../identity/access-watermarks';
import { RevocationList } from '../identity/revocation-list';
import { TokenVerifier } from '../identity/token-verifier';
import { LiveEventStreams } from '../live-events/live-event.routes';
import { decideAccess } from './access-policy';
import { canonicalPath, forwardableQuery } from './canonical-path';
import { HOP_BY_HOP, IdempotentForwarder, UpstreamAnswer } from './idempotent-forward';
import { rateLimitMessage } from './rate-limit-message';
import { RouteRule, ROUTES, Upstream } from './route-table';

const logger = getLogger('gateway');

// Headers a client must never be able to set on an internal call.
const STRIPPED = ['authorization', 'cookie', HEADER.actor, HEADER.internalToken, 'x-forwarded-for', 'x-real-ip'];

type Identity = { principal: Principal | null; problem: string | null };
const identities = new WeakMap<FastifyRequest, Identity>();

export async function registerProxyRoutes(
  app: FastifyInstance,
  config: GatewayConfig,
  verifier: TokenVerifier,
  security: DirectPublisher,
  revocations: RevocationList,
  liveSettings: LiveSettings,
  watermarks: AccessWatermarks,
  idempotency: IdempotencyGate,
  streams: LiveEventStreams,
  routes: readonly RouteRule[] = ROUTES,
) {
  await app.register(replyFrom, { undici: { connections: 128, pipelining: 1, keepAliveTimeout: 30_000 }, http2: false });
  const forwarder = new IdempotentForwarder(config.GATEWAY_UPSTREAM_TIMEOUT_MS);
  app.addHook('onClose', () => forwarder.close());
  const upstreams: Record<Upstream, string> = {
    auth: config.AUTH_URL,
    workflows: config.WORKFLOWS_URL,
    ingestion: config.INGESTION_URL,
    processing: config.PROCESSING_URL,
    reporting: config.REPORTING_URL,
    audit: config.AUDIT_URL,
  };

  // Raw routes live in a scope of their own whose only body parser keeps the bytes, so a signature
  // over the exact body still holds at the service.
  const rawRoutes = routes.filter((r) => r.raw);
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: config.GATEWAY_BODY_LIMIT_BYTES }, (_req, body, done) =>
      done(null, body),
    );
    for (const rule of rawRoutes) addRoute(scope, rule);
  });
  for (const rule of routes.filter((r) => !r.raw)) addRoute(app, rule);

  function addRoute(scope: FastifyInstance, rule: RouteRule) {
    const login = Boolean(rule.credentialGuess);
    // The per-user budget follows the api_rate_limit_per_hour setting once it is changed.
    const currentMax = () =>
      login ? config.GATEWAY_LOGIN_RATE_PER_MINUTE : liveSettings.integer('api_rate_limit_per_hour', config.GATEWAY_RATE_LIMIT_PER_HOUR);
    const windowSeconds = login ? 60 : 3_600;
    scope.route({
      method: rule.method,
      url: rule.path,
      onRequest: async (req: FastifyRequest) => {
        identities.set(req, await authenticate(req, verifier, revocations, watermarks));
      },
      config: {
        rateLimit: {
          max: () => currentMax(),
          timeWindow: windowSeconds * 1000,
          // Signed-in users are counted per user; anonymous calls and logins per address.
          keyGenerator: (req: FastifyRequest) => (login ? `login:${req.ip}` : (identities.get(req)?.principal?.userId ?? `ip:${req.ip}`)),
          errorResponseBuilder: (req: FastifyRequest, context: { ttl: number }) => ({
            statusCode: 429,
            message: rateLimitMessage(
              currentMax(),
              windowSeconds,
              login || !identities.get(req)?.principal ? 'client address' : 'user',
              context.ttl,
            ),
          }),
          onExceeded: (req: FastifyRequest) => {
            const principal = identities.get(req)?.principal ?? null;
            security.publish(
              rateLimited,
              `ip-${req.ip}`,
              {
                ...requestFacts(req, rule, principal),
                scope: login ? 'login-ip' : principal ? 'user' : 'ip',
                limit: currentMax(),
                windowSeconds,
              },
              eventContext(req, reqCorrelation(req), principal),
            );
          },
        },
      },
      handler: async (req: FastifyRequest, reply: FastifyReply) => {
        const correlationId = reqCorrelation(req, reply);
        const { principal, problem } = identities.get(req) ?? { principal: null, problem: null };
        const decision = decideAccess(rule.access, principal, problem);
        if (!decision.allow) {
          if (decision.status !== 503) {
            security.publish(
              accessDenied,
              `ip-${req.ip}`,
              { ...requestFacts(req, rule, principal), status: decision.status, code: decision.code },
              eventContext(req, correlationId, principal),
            );
          }
          return reply.status(decision.status).send({ error: { code: decision.code, message: decision.message }, correlationId });
        }
        // What goes upstream is the route that matched, rebuilt, never the client's spelling.
        const path = canonicalPath(rule.path, req.params);
        if (path === null)
          return reply
            .status(404)
            .send({ error: { code: 'REQUEST.NOT_FOUND', message: `Route ${req.method}:${rule.path} not found` }, correlationId });
        const query = forwardableQuery(req.url);
        if (query === undefined)
          return reply.status(400).send({
            error: { code: 'REQUEST.BAD_URL', message: 'The query string is not valid: use percent-encoded UTF-8' },
            correlationId,
          });
        const actor = actorOf(req, principal);
        if (rule.stream && principal)
          return streams.serve({
            req,
            reply,
            kind: rule.stream,
            id: String((req.params as { id: string }).id),
            path,
            principal,
            actor,
            correlationId,
          });
        const upstreamHeaders = (headers: Record<string, string | string[] | undefined>) => {
          const out: Record<string, string | string[] | undefined> = { ...headers };
          for (const h of STRIPPED) delete out[h];
          out[HEADER.internalToken] = config.INTERNAL_API_TOKEN;
          out[HEADER.actor] = encodeActor(actor);
          out[HEADER.correlationId] = correlationId;
          out[HEADER.requestId] = req.id;
          out['x-forwarded-for'] = req.ip;
          return out;
        };
        const unavailable = (error: unknown) => {
          logger.warn({ upstream: rule.upstream, err: error }, 'Upstream call failed');
          return {
            error: { code: 'GATEWAY.UPSTREAM_UNAVAILABLE', message: `The ${rule.upstream} service did not answer` },
            correlationId,
          };
        };
        const url = `${upstreams[rule.upstream]}${path}${query}`;
        if (rule.idempotent && principal) {
          const gate = await idempotency.enter({
            userId: principal.userId,
            keyHeader: req.headers[IDEMPOTENCY_KEY],
            method: rule.method,
            pathAndQuery: `${path}${query}`,
            body: req.body,
          });
          if (gate.kind === 'refuse') {
            const error = { code: gate.code, message: gate.message, ...(gate.details ? { details: gate.details } : {}) };
            return reply.status(gate.status).send({ error, correlationId });
          }
          if (gate.kind === 'replay') {
            if (gate.contentType) void reply.header('content-type', gate.contentType);
            if (gate.location) void reply.header('location', gate.location);
            return reply.status(gate.status).header(IDEMPOTENT_REPLAYED, 'true').send(gate.body);
          }
          if (gate.kind === 'ticket') {
            let answer: UpstreamAnswer;
            try {
              // Identity encoding: the kept body is replayed without the upstream's Content-Encoding.
              const { 'accept-encoding': _encodings, ...sent } = withoutHopByHop(req.headers);
              answer = await forwarder.post(url, upstreamHeaders(sent), req.body);
            } catch (error) {
              await idempotency.abandon(gate.ticket);
              return reply.status(502).send(unavailable(error));
            }
            const header = (name: string) => {
              const value = answer.headers[name];
              return typeof value === 'string' ? value : null;
            };
            await idempotency.settle(gate.ticket, answer.status, header('content-type'), header('location'), answer.body);
            return reply.status(answer.status).headers(withoutHopByHop(answer.headers)).send(answer.body);
          }
        }
        return reply.from(url, {
          timeout: config.GATEWAY_UPSTREAM_TIMEOUT_MS,
          // Given explicitly, reply-from sends the bytes as they came (it would JSON-encode req.body).
          ...(rule.raw && Buffer.isBuffer(req.body)
            ? { body: req.body, contentType: req.headers['content-type'] ?? 'application/octet-stream' }
            : {}),
          rewriteRequestHeaders: (_req, headers) => upstreamHeaders(headers),
          onError: (errReply, { error }) => void errReply.status(502).send(unavailable(error)),
        });
      },
    });
  }
}

const IDEMPOTENCY_KEY = 'idempotency-key';
const IDEMPOTENT_REPLAYED = 'idempotent-replayed';

function withoutHopByHop(headers: Record<string, string | string[] | undefined>) {
  return Object.fromEntries(Object.entries(headers).filter(([name, value]) => value !== undefined && !HOP_BY_HOP.has(name)));
}

function reqCorrelation(req: FastifyRequest, reply?: FastifyReply): string {
  const fromReply = reply?.getHeader(HEADER.correlationId);
  const fromRequest = req.headers[HEADER.correlationId];
  return String(fromReply ?? (typeof fromRequest === 'string' ? fromRequest : randomUUID()));
}

function actorOf(req: FastifyRequest, principal: Principal | null): Actor {
  return {
    userId: principal?.userId ?? null,
    userNumber: principal?.userNumber ?? null,
    email: principal?.email ?? null,
    role: principal?.role ?? null,
    sessionId: principal?.sessionId ?? null,
    ip: req.ip,
    userAgent: typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'] : null,
    requestMethod: req.method,
    requestUrl: req.url,
  };
}

function requestFacts(req: FastifyRequest, rule: RouteRule, principal: Principal | null) {
  return {
    method: req.method,
    route: rule.path,
    ip: req.ip,
    userAgent: typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'].slice(0, 500) : null,
    userId: principal?.userId ?? null,
  };
}

function eventContext(req: FastifyRequest, correlationId: string, principal: Principal | null) {
  return { correlationId, causationId: null, actor: actorOf(req, principal) };
}

async function authenticate(
  req: FastifyRequest,
  verifier: TokenVerifier,
  revocations: RevocationList,
  watermarks: AccessWatermarks,
): Promise<Identity> {
  const header = req.headers.authorization;
  if (!header) return { principal: null, problem: null };
  const match = /^Bearer ([A-Za-z0-9_\-.]+)$/.exec(header);
  if (!match?.[1]) return { principal: null, problem: 'AUTH.TOKEN_INVALID' };
  const outcome = await verifier.verify(match[1]);
  if (!outcome.ok) return { principal: null, problem: outcome.code };
  // A signed-out session's tokens are refused at once, not when they expire.
  if (revocations.isRevoked(outcome.principal.sessionId)) return { principal: null, problem: 'AUTH.SESSION_REVOKED' };
  // Issued before the user's role, status or lockout last changed: refresh for a current one.
  if (watermarks.isStale(outcome.principal.userId, outcome.principal.tokenVersion)) return { principal: null, problem: 'AUTH.TOKEN_STALE' };
  return { principal: outcome.principal, problem: null };
}
