import { Readable } from 'node:stream';
import { NestFastifyApplication } from '@nestjs/platform-fastify';

// The Fastify instance Nest's adapter hands out (its own copy of Fastify's types).
type NestFastify = ReturnType<ReturnType<NestFastifyApplication['getHttpAdapter']>['getInstance']>;

// Raw bodies by request object, dropped with the request.
const rawBodies = new WeakMap<object, Buffer>();

// Webhook signatures are over the exact bytes received, not a re-serialised JSON value: keep
// the raw body of webhook requests (before parsing), and accept any media type there.
export function installRawBodyCapture(app: NestFastify, pathPrefix = '/api/v1/webhooks/'): void {
  const limit = app.initialConfig.bodyLimit ?? 1_048_576;
  app.addHook('preParsing', async (req, _reply, payload) => {
    if (!req.url.startsWith(pathPrefix)) return payload;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of payload) {
      size += (chunk as Buffer).length;
      if (size > limit)
        throw Object.assign(new Error('Request body is too large'), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' });
      chunks.push(chunk as Buffer);
    }
    const raw = Buffer.concat(chunks);
    rawBodies.set(req, raw);
    const replay = Readable.from([raw]) as Readable & { receivedEncodedLength?: number };
    replay.receivedEncodedLength = raw.length;
    return replay;
  });
  // Media types nobody else parses (NDJSON, CSV, octet-stream, …) arrive as bytes.
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
}

export function rawBodyOf(req: object): Buffer {
  return rawBodies.get(req) ?? Buffer.alloc(0);
}
