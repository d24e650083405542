import { Writable } from 'node:stream';
import { Body, Controller, Get, Headers, Module, Post } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { REDACTED } from '@mindhill/domain';
import { createServiceApp } from '../bootstrap/bootstrap-service';
import { HEADER } from '../bootstrap/http-context.hook';
import { getLogger, initLogger } from './logger';

const TOKEN = 'internal-token-of-at-least-32-characters';
const SECRETS = { bearer: 'Bearer eyJhbGciOiJFZERTQSJ9.secret-jwt', cookie: 'sid=cookie-secret-1', password: 'hunter2hunter2' };

// A careless handler: logs the whole body and the headers it was given.
@Controller('api/v1')
class CarelessController {
  private readonly logger = getLogger('careless');

  @Post('login')
  login(@Body() body: Record<string, unknown>, @Headers() headers: Record<string, unknown>) {
    this.logger.info({ body, headers }, 'login body');
    this.logger.info({ req: { body, headers } }, 'login request');
    return { ok: true };
  }

  @Get('ping')
  ping() {
    return { pong: true };
  }
}

@Controller()
class ProbeController {
  @Get('health/live')
  live() {
    return { status: 'ok' };
  }
  @Get('metrics')
  metrics() {
    return 'm 1';
  }
}

@Module({ controllers: [CarelessController, ProbeController] })
class CarelessModule {}

describe('request logging', () => {
  let app: NestFastifyApplication;
  const lines: string[] = [];
  const entries = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

  beforeAll(async () => {
    app = await createServiceApp({
      service: 'logtest',
      module: CarelessModule,
      port: 0,
      host: '127.0.0.1',
      logLevel: 'silent',
      internalToken: TOKEN,
    });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    // Replaced after start-up, as tests capturing logs do: request lines follow the new root.
    initLogger('logtest', 'info', new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }));
  });
  afterAll(() => app.close());
  beforeEach(() => lines.splice(0));

  it('logs one line per request with the context ids and no secret header or password field', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/login',
      headers: {
        authorization: SECRETS.bearer,
        cookie: SECRETS.cookie,
        [HEADER.internalToken]: TOKEN,
        [HEADER.correlationId]: 'corr-7',
        [HEADER.requestId]: 'req-7',
        'user-agent': 'spec',
      },
      payload: { email: 'a@example.com', password: SECRETS.password },
    });
    expect(res.statusCode).toBe(201);
    const request = entries().find((e) => e.msg === 'request');
    expect(request).toMatchObject({
      level: 'info',
      service: 'logtest',
      component: 'http',
      correlationId: 'corr-7',
      requestId: 'req-7',
      req: { method: 'POST', url: '/api/v1/login' },
      res: { statusCode: 201 },
      ms: expect.any(Number),
    });
    expect(JSON.stringify(request)).not.toContain('authorization');
    const careless = entries().filter((e) => e.component === 'careless');
    expect(careless[0]).toMatchObject({ headers: { authorization: REDACTED, cookie: REDACTED }, body: { password: REDACTED } });
    expect(careless).toHaveLength(2);
    for (const value of [...Object.values(SECRETS), TOKEN]) expect(lines.join('')).not.toContain(value);
  });

  it('says nothing about probes and scrapes', async () => {
    await app.inject({ method: 'GET', url: '/health/live' });
    await app.inject({ method: 'GET', url: '/metrics?x=1' });
    await app.inject({ method: 'GET', url: '/api/v1/ping', headers: { [HEADER.internalToken]: TOKEN } });
    expect(entries().map((e) => (e.req as { url: string } | undefined)?.url)).toEqual(['/api/v1/ping']);
  });

  it.each([
    ['a call without the internal token', '/api/v1/ping', 401],
    ['an unknown route', '/api/v1/nothing', 404],
  ])('logs %s too', async (_what, url, status) => {
    const headers = { authorization: SECRETS.bearer, ...(status === 401 ? {} : { [HEADER.internalToken]: TOKEN }) };
    const res = await app.inject({ method: 'GET', url, headers });
    expect(res.statusCode).toBe(status);
    expect(entries()).toEqual([expect.objectContaining({ msg: 'request', res: { statusCode: status } })]);
    expect(lines.join('')).not.toContain(SECRETS.bearer);
  });
});
