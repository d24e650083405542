import { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';

export const LIVENESS_PATH = '/health/live';

// Terminus's answer for a check with no indicators: liveness depends on nothing external, so a
// broken dependency never restarts pods.
export const LIVENESS_ANSWER = Object.freeze({ status: 'ok', info: {}, error: {}, details: {} });
const LIVENESS_JSON = JSON.stringify(LIVENESS_ANSWER);

// Route config flag: hooks that only matter for API calls (request context, actor) skip it.
export const LIVENESS_ROUTE_CONFIG = 'liveness' as const;

export function isLivenessRequest(req: FastifyRequest): boolean {
  const config: object | undefined = req.routeOptions.config;
  return config !== undefined && LIVENESS_ROUTE_CONFIG in config && config[LIVENESS_ROUTE_CONFIG] === true;
}

function answerLive(_req: FastifyRequest, reply: FastifyReply): void {
  void reply.header('cache-control', 'no-cache, no-store, must-revalidate').type('application/json; charset=utf-8').send(LIVENESS_JSON);
}

// HealthController declares GET /health/live (the manifests and their test read it there), but
// Nest's router, interceptors and terminus cost several times a bare Fastify route for an answer
// that never changes (bench/README.md, benchmark 3). When Nest registers the route, its handler is
// swapped for a plain one that sends the same bytes and headers; the app's own hooks (security
// headers, correlation id, metrics) still run.
export function serveLivenessWithoutNest(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (route.url !== LIVENESS_PATH || !methods.includes('GET')) return;
    route.handler = answerLive;
    route.config = { ...(route.config as object | undefined), [LIVENESS_ROUTE_CONFIG]: true } as RouteOptions['config'];
  });
}
