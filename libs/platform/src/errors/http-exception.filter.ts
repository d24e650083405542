import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { Observable, throwError } from 'rxjs';
import { currentContext } from '../context/request-context';
import { getLogger } from '../logging/logger';
import { DomainError, DomainErrorKind } from '@mindhill/domain';

// The one place a domain error kind becomes an HTTP status.
export const HTTP_STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  gone: 410,
  conflict: 409,
  'too-many': 429,
  unavailable: 503,
};

export type ErrorBody = { error: { code: string; message: string; details?: unknown }; correlationId?: string };

const logger = getLogger('http');

// The one place where errors become HTTP answers: a status and a machine-readable code.
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void | Observable<never> {
    // Kafka handlers: hand the original error back so the consumer's failure policy can tell a
    // permanent failure from a transient one.
    if (host.getType() !== 'http') return throwError(() => exception);
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const correlationId = currentContext()?.correlationId;
    const [status, body] = toResponse(exception);
    if (status >= 500) logger.error({ err: exception }, 'Request failed');
    void reply.status(status).send(status === 503 && isTerminusBody(body) ? body : { ...body, correlationId });
  }
}

function toResponse(exception: unknown): [number, ErrorBody | Record<string, unknown>] {
  if (exception instanceof DomainError) {
    return [
      HTTP_STATUS_BY_KIND[exception.kind],
      { error: { code: exception.code, message: exception.message, details: exception.details } },
    ];
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    if (typeof response === 'object' && response !== null && 'error' in response && typeof (response as ErrorBody).error === 'object') {
      return [status, response as ErrorBody];
    }
    if (isTerminusBody(response)) return [status, response as Record<string, unknown>];
    // Nest re-throws Fastify's body-parsing errors (bad JSON, empty JSON body) as a bare
    // HttpException(message, 400); our own code never throws those.
    if (status === 400 && typeof response === 'string') return [status, { error: { code: 'REQUEST.MALFORMED_BODY', message: response } }];
    return [status, { error: { code: codeForStatus(status), message: exception.message } }];
  }
  // Fastify's own errors (bad JSON, body too large, unsupported media type) carry a status code.
  const fastifyError = exception as { statusCode?: number; code?: string; message?: string };
  if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode < 500) {
    return [
      fastifyError.statusCode,
      { error: { code: codeForFastify(fastifyError.code, fastifyError.statusCode), message: fastifyError.message ?? 'Bad request' } },
    ];
  }
  return [500, { error: { code: 'INTERNAL.UNEXPECTED', message: 'Internal error' } }];
}

function isTerminusBody(body: unknown): boolean {
  return typeof body === 'object' && body !== null && 'status' in body && 'details' in body;
}

function codeForFastify(code: string | undefined, status: number): string {
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return 'REQUEST.BODY_TOO_LARGE';
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return 'REQUEST.UNSUPPORTED_MEDIA_TYPE';
  if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || code === 'FST_ERR_CTP_INVALID_JSON_BODY' || code?.startsWith('FST_ERR_CTP'))
    return 'REQUEST.MALFORMED_BODY';
  return codeForStatus(status);
}

export function codeForStatus(status: number): string {
  switch (status) {
    case 400:
      return 'REQUEST.INVALID';
    case 401:
      return 'AUTH.UNAUTHENTICATED';
    case 403:
      return 'AUTH.FORBIDDEN';
    case 404:
      return 'REQUEST.NOT_FOUND';
    case 405:
      return 'REQUEST.METHOD_NOT_ALLOWED';
    case 409:
      return 'REQUEST.CONFLICT';
    case 413:
      return 'REQUEST.BODY_TOO_LARGE';
    case 415:
      return 'REQUEST.UNSUPPORTED_MEDIA_TYPE';
    case 429:
      return 'REQUEST.RATE_LIMITED';
    case 503:
      return 'SERVICE.UNAVAILABLE';
    default:
      return status >= 500 ? 'INTERNAL.UNEXPECTED' : 'REQUEST.INVALID';
  }
}
