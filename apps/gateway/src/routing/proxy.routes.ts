import { randomUUID } from 'node:crypto';
import replyFrom from '@fastify/reply-from';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Actor } from '@mindhill/contracts';
import { encodeActor, getLogger, HEADER } from '@mindhill/platform';
import { GatewayConfig } from '../gateway.config';
import { Principal } from '../identity/principal';
import { TokenVerifier } from '../identity/token-verifier';
import { decideAccess } from './access-policy';
import { RouteRule, ROUTES, Upstream } from './route-table';

const logger = getLogger('gateway');

// Headers a client must never be able to set on an internal call.
const STRIPPED = ['authorization', 'cookie', HEADER.actor, HEADER.internalToken, 'x-forwarded-for', 'x-real-ip'];

export async function registerProxyRoutes(app: FastifyInstance, config: GatewayConfig, verifier: TokenVerifier, routes: readonly RouteRule[] = ROUTES) {
  await app.register(replyFrom, {
    undici: { connections: 128, pipelining: 1, keepAliveTimeout: 30_000 },
    http2: false,
  });
  const upstreams: Record<Upstream, string> = {
    auth: config.AUTH_URL, workflows: config.WORKFLOWS_URL, ingestion: config.INGESTION_URL,
    processing: config.PROCESSING_URL, reporting: config.REPORTING_URL, audit: config.AUDIT_URL,
  };

  for (const rule of routes) {
    app.route({
      method: rule.method,
      url: rule.path,
      handler: async (req: FastifyRequest, reply: FastifyReply) => {
        const correlationId = String(reply.getHeader(HEADER.correlationId) ?? randomUUID());
        const { principal, problem } = await authenticate(req, verifier);
        const decision = decideAccess(rule.access, principal, problem);
        if (!decision.allow) {
          return reply.status(decision.status).send({ error: { code: decision.code, message: decision.message }, correlationId });
        }
        const actor: Actor = {
          userId: principal?.userId ?? null, userNumber: principal?.userNumber ?? null, email: principal?.email ?? null,
          role: principal?.role ?? null, sessionId: principal?.sessionId ?? null, ip: req.ip,
          userAgent: typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'] : null,
          requestMethod: req.method, requestUrl: req.url,
        };
        return reply.from(`${upstreams[rule.upstream]}${req.url}`, {
          timeout: config.GATEWAY_UPSTREAM_TIMEOUT_MS,
          rewriteRequestHeaders: (_req, headers) => {
            const out: Record<string, string | string[] | undefined> = { ...headers };
            for (const h of STRIPPED) delete out[h];
            out[HEADER.internalToken] = config.INTERNAL_API_TOKEN;
            out[HEADER.actor] = encodeActor(actor);
            out[HEADER.correlationId] = correlationId;
            out[HEADER.requestId] = req.id;
            out['x-forwarded-for'] = req.ip;
            return out;
          },
          onError: (errReply, { error }) => {
            logger.warn({ upstream: rule.upstream, err: error }, 'Upstream call failed');
            void errReply.status(502).send({ error: { code: 'GATEWAY.UPSTREAM_UNAVAILABLE', message: `The ${rule.upstream} service did not answer` }, correlationId });
          },
        });
      },
    });
  }
}

async function authenticate(req: FastifyRequest, verifier: TokenVerifier): Promise<{ principal: Principal | null; problem: string | null }> {
  const header = req.headers.authorization;
  if (!header) return { principal: null, problem: null };
  const match = /^Bearer ([A-Za-z0-9_\-.]+)$/.exec(header);
  if (!match?.[1]) return { principal: null, problem: 'AUTH.TOKEN_INVALID' };
  const outcome = await verifier.verify(match[1]);
  return outcome.ok ? { principal: outcome.principal, problem: null } : { principal: null, problem: outcome.code };
}
