import Fastify from 'fastify';
import { currentContext } from '../context/request-context';
import { initLogger } from '../logging/logger';
import { encodeActor, HEADER, installHttpContext } from './http-context.hook';

initLogger('test', 'silent');
// inject() normalises some spellings (dot segments) through URL; the raw-socket integration
// test (test/e2e/internal-access.int-spec.ts) sends them byte for byte.

const TOKEN = 'internal-token-of-at-least-32-characters';
const METRICS = 'metrics-token-of-at-least-32-characters!';
const forged = encodeActor({
  userId: 'u',
  userNumber: 1,
  email: 'x@example.com',
  role: 'admin',
  sessionId: null,
  ip: null,
  userAgent: null,
  requestMethod: null,
  requestUrl: null,
});

async function app() {
  const fastify = Fastify();
  installHttpContext(fastify, { internalToken: TOKEN, publicPaths: ['/.well-known/jwks.json'], metricsToken: METRICS });
  const role = async () => ({ role: currentContext()?.actor.role ?? null });
  fastify.get('/api/v1/users', role);
  fastify.get('/health/live', role);
  fastify.get('/metrics', role);
  fastify.get('/.well-known/jwks.json', role);
  await fastify.ready();
  return fastify;
}

describe('installHttpContext', () => {
  it.each([
    '/api/v1/users',
    '/%61pi/v1/users',
    '//api/v1/users',
    '/API/v1/users',
    '/x/../api/v1/users',
    '/api/./v1/users',
    '/api/v1/users/',
    '/api/v1/users;',
    '/api/v1/users%00',
    '/api/v1/users?',
    '/health/live/../../api/v1/users',
    '/metrics/../api/v1/users',
    '/nothing',
  ])('refuses %s without the token, forged actor or not', async (url) => {
    const fastify = await app();
    for (const headers of [{}, { [HEADER.actor]: forged }]) {
      const res = await fastify.inject({ method: 'GET', url, headers });
      expect([res.statusCode, res.json().error.code]).toEqual([401, 'AUTH.INTERNAL_ONLY']);
    }
    await fastify.close();
  });

  it('believes the actor header only with the token', async () => {
    const fastify = await app();
    const withToken = await fastify.inject({
      method: 'GET',
      url: '/api/v1/users',
      headers: { [HEADER.internalToken]: TOKEN, [HEADER.actor]: forged },
    });
    expect(withToken.json()).toEqual({ role: 'admin' });
    const publicPath = await fastify.inject({ method: 'GET', url: '/.well-known/jwks.json', headers: { [HEADER.actor]: forged } });
    expect(publicPath.json()).toEqual({ role: null });
    await fastify.close();
  });

  it('serves exact public paths without the token, metrics only with its own bearer credential', async () => {
    const fastify = await app();
    expect((await fastify.inject({ method: 'GET', url: '/health/live?x=1' })).statusCode).toBe(200);
    expect((await fastify.inject({ method: 'GET', url: '/.well-known/jwks.json' })).statusCode).toBe(200);
    expect((await fastify.inject({ method: 'POST', url: '/health/live' })).statusCode).toBe(401);
    expect((await fastify.inject({ method: 'GET', url: '/metrics' })).json().error.code).toBe('AUTH.METRICS_TOKEN_REQUIRED');
    expect((await fastify.inject({ method: 'GET', url: '/metrics', headers: { [HEADER.internalToken]: TOKEN } })).statusCode).toBe(401);
    expect((await fastify.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${METRICS}` } })).statusCode).toBe(
      200,
    );
    await fastify.close();
  });
});
