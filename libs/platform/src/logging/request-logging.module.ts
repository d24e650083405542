import { IncomingMessage, ServerResponse } from 'node:http';
import { DynamicModule, Module, Type } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { Options } from 'pino-http';
import { getLogger } from './logger';

// Probes and scrapes come every few seconds and say nothing about use.
export function isQuietPath(url: string): boolean {
  const path = url.split('?', 1)[0] ?? '';
  return path === '/metrics' || path === '/health' || path.startsWith('/health/');
}

// Nest's middleware runner strips the mounted path from req.url and keeps the request target in
// originalUrl (as Express does).
function requestTarget(req: IncomingMessage): string {
  return 'originalUrl' in req && typeof req.originalUrl === 'string' ? req.originalUrl : (req.url ?? '');
}

// One line per request through pino-http, mounted by nestjs-pino as Nest middleware. The line
// carries the correlation and request ids (the root logger's mixin), the request's headers with
// the secret ones censored (the root logger's redact paths, log-redaction.ts), the status and
// the duration.
export function requestLogOptions(): Options<IncomingMessage, ServerResponse> {
  return {
    logger: getLogger('http'),
    autoLogging: { ignore: (req) => isQuietPath(requestTarget(req)) },
    wrapSerializers: false,
    serializers: { req: (req: IncomingMessage) => ({ method: req.method, url: requestTarget(req), headers: req.headers }) },
    // Plain values only: the logged object goes through redactSecrets, which would walk a whole
    // ServerResponse (socket, server…). A 5xx is no exception here (the error filter logs those).
    customSuccessObject: (_req, res: ServerResponse, value: { responseTime: number }) => outcome(res, value),
    customErrorObject: (_req, res: ServerResponse, _error, value: { responseTime: number }) => outcome(res, value),
    customSuccessMessage: () => 'request',
    customErrorMessage: () => 'request',
  };
}

function outcome(res: ServerResponse, value: { responseTime: number }) {
  return { res: { statusCode: res.statusCode }, ms: value.responseTime };
}

@Module({})
class ServiceRootModule {}

// The service's module under a root that adds request logging, so apps need not import it.
export function withRequestLogging(module: Type<unknown> | DynamicModule): DynamicModule {
  return { module: ServiceRootModule, imports: [LoggerModule.forRoot({ pinoHttp: requestLogOptions() }), module] };
}
