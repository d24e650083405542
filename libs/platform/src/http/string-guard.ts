import { randomUUID } from 'node:crypto';
import { IncomingHttpHeaders, STATUS_CODES } from 'node:http';
import { Socket } from 'node:net';
import { FastifyInstance } from 'fastify';

// NUL, or a UTF-16 surrogate without its pair: PostgreSQL refuses both in text and jsonb (a 500
// if they reach it), and neither has a use in this API.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const isBadString = (s: string): boolean => s.includes('\u0000') || LONE_SURROGATE.test(s);

export const INVALID_STRING = 'REQUEST.INVALID_STRING';

// Where in a parsed body, query or params the first bad string is (a value or an object key, at
// any depth), or null. Iterative, so a deeply nested body cannot overflow the stack.
export function findInvalidString(value: unknown, root = '$'): string | null {
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (isBadString(v)) return path;
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push([v[i], `${path}[${i}]`]);
    } else if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v)) {
      for (const key of Object.keys(v)) {
        if (isBadString(key)) return `${path} (a key)`;
        stack.push([(v as Record<string, unknown>)[key], `${path}.${key}`]);
      }
    }
  }
  return null;
}

// Typed by what is used: Nest's Fastify adapter brings a Fastify copy of its own, whose request
// and reply types are not this package's.
type ErrorReply = {
  getHeader(name: string): unknown;
  status(code: number): ErrorReply;
  header(name: string, value: string): ErrorReply;
  send(body: unknown): unknown;
};

function correlationOf(req: { headers: IncomingHttpHeaders }, reply: ErrorReply): string {
  const fromReply = reply.getHeader('x-correlation-id');
  if (typeof fromReply === 'string') return fromReply;
  const fromRequest = req.headers['x-correlation-id'];
  return typeof fromRequest === 'string' && fromRequest.length > 0 && fromRequest.length <= 200 ? fromRequest : randomUUID();
}

// Refuses, on every route of the app, a body, query string or path parameter holding a NUL or
// a lone surrogate, before any handler (and so before PostgreSQL) sees it. Raw bodies (Buffers,
// signed webhooks) are the service's to read.
export function installStringGuard(app: FastifyInstance): void {
  // A raw byte outside printable ASCII in the request target (Node reads it as latin1): the URL
  // must be percent-encoded UTF-8.
  app.addHook('onRequest', (req, reply, done) => {
    if (!/[^\x21-\x7e]/.test(req.raw.url ?? '')) return done();
    const correlationId = correlationOf(req, reply);
    void reply
      .status(400)
      .header('x-correlation-id', correlationId)
      .send({
        error: { code: 'REQUEST.BAD_URL', message: 'The URL is not valid: use percent-encoded UTF-8' },
        correlationId,
      });
  });
  app.addHook('preValidation', (req, reply, done) => {
    const where = findInvalidString(req.params, 'path') ?? findInvalidString(req.query, 'query') ?? findInvalidString(req.body, 'body');
    if (!where) return done();
    void reply.status(400).send({
      error: { code: INVALID_STRING, message: `${where}: NUL characters and unpaired UTF-16 surrogates are not allowed` },
      correlationId: correlationOf(req, reply),
    });
  });
}

// Fastify answers a URL it cannot decode (a raw non-ASCII byte, a broken %-escape) before any
// hook runs, in a shape of its own; this gives it the platform's coded shape.
export function frameworkErrorReply(error: { code: string }, req: { headers: IncomingHttpHeaders }, reply: ErrorReply): void {
  const correlationId = correlationOf(req, reply);
  const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
  void reply
    .status(tooLong ? 414 : 400)
    .header('x-correlation-id', correlationId)
    .send({
      error: {
        code: tooLong ? 'REQUEST.URL_TOO_LONG' : 'REQUEST.BAD_URL',
        message: tooLong ? 'A path segment is too long' : 'The URL is not valid: use percent-encoded UTF-8',
      },
      correlationId,
    });
}

// Node's HTTP parser refuses a request it cannot read (a raw non-ASCII byte or a space in the
// request target, a broken header) before Fastify sees it; Fastify's default answer is
// `{"error":"Bad Request","message":"Client Error"}`. This one has the platform's shape.
export function clientErrorReply(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'REQUEST.TIMEOUT', 'The request took too long to arrive']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'REQUEST.HEADERS_TOO_LARGE', 'The request headers are too large']
        : error.code === 'HPE_INVALID_URL'
          ? [400, 'REQUEST.BAD_URL', 'The URL is not valid: use percent-encoded UTF-8']
          : [400, 'REQUEST.MALFORMED', 'The request is not valid HTTP'];
  const body = JSON.stringify({ error: { code, message }, correlationId: randomUUID() });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
