import { PassThrough } from 'node:stream';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Actor } from '@mindhill/contracts';
import { getLogger } from '@mindhill/platform';
import { AccessWatermarks } from '../identity/access-watermarks';
import { Principal } from '../identity/principal';
import { RevocationList } from '../identity/revocation-list';
import { LiveRunEvents } from './live-run-events';
import { OpenStreams } from './open-streams';
import { RunEventHistoryClient } from './run-event-history.client';
import { RunEventStream, StreamKind } from './run-event-stream';

const logger = getLogger('live-events');

export type LiveEventsOptions = { keepAliveMs: number; recheckMs: number };
export type StreamRequest = {
  req: FastifyRequest;
  reply: FastifyReply;
  kind: StreamKind;
  id: string;
  // The workflows service's history read, rebuilt from the matched route (canonicalPath).
  path: string;
  principal: Principal;
  actor: Actor;
  correlationId: string;
};

// GET /api/v1/executions/:id/events and /workflows/:id/events: Server-Sent Events, served by the
// gateway itself once the proxy's checks passed (token, revocation, role, rate limit).
export class LiveEventStreams {
  constructor(
    private readonly hub: LiveRunEvents,
    private readonly history: RunEventHistoryClient,
    private readonly open: OpenStreams,
    private readonly revocations: RevocationList,
    private readonly watermarks: AccessWatermarks,
    private readonly options: LiveEventsOptions,
  ) {}

  closeAll(): void {
    this.open.closeAll();
  }

  async serve({ req, reply, kind, id, path, principal, actor, correlationId }: StreamRequest) {
    const lastEventId = req.headers['last-event-id'];
    const after = typeof lastEventId === 'string' && lastEventId !== '' ? lastEventId : null;
    if (after !== null && !/^\d{1,18}$/.test(after)) {
      return reply.status(400).send({
        error: { code: 'GATEWAY.INVALID_LAST_EVENT_ID', message: 'Last-Event-ID is not an id this stream sent' },
        correlationId,
      });
    }
    const body = new PassThrough();
    // Set once the stream exists: what the gateway's shutdown calls.
    const shutdown = { close: () => undefined as void };
    const acquired = this.open.acquire(principal.userId, () => shutdown.close());
    if (!acquired.ok) {
      return reply.status(429).send({
        error: {
          code: 'GATEWAY.TOO_MANY_STREAMS',
          message:
            acquired.scope === 'user'
              ? `At most ${acquired.limit} event streams per user are open at once on this gateway: close one first`
              : 'This gateway holds as many event streams as it may: try again shortly',
        },
        correlationId,
      });
    }
    const stream = new RunEventStream({
      kind,
      after,
      history: (cursor) => this.history.read({ path, after: cursor, actor, correlationId, requestId: req.id }),
      subscribe: (listener) => this.hub.subscribe(kind, id, listener),
      revoked: () => this.revokedReason(principal),
      write: (chunk) => {
        if (!body.writableEnded && !body.destroyed) body.write(chunk);
      },
      end: () => {
        acquired.slot.release();
        if (!body.writableEnded && !body.destroyed) body.end();
      },
      onError: (error) => logger.warn({ err: error, kind, id }, 'Event stream history read failed'),
      keepAliveMs: this.options.keepAliveMs,
      recheckMs: this.options.recheckMs,
    });
    shutdown.close = () => stream.close('gateway stopping');
    let outcome;
    try {
      outcome = await stream.open();
    } catch (error) {
      acquired.slot.release();
      logger.warn({ err: error, kind, id }, 'Event stream history read failed');
      return reply
        .status(502)
        .send({ error: { code: 'GATEWAY.UPSTREAM_UNAVAILABLE', message: 'The workflows service did not answer' }, correlationId });
    }
    if (!outcome.ok) {
      acquired.slot.release();
      return reply.status(outcome.status).send(outcome.body);
    }
    // The client went away: stop listening and free the slot.
    reply.raw.on('close', () => stream.close());
    return reply
      .status(200)
      .header('content-type', 'text/event-stream; charset=utf-8')
      .header('cache-control', 'no-cache, no-transform')
      .header('x-accel-buffering', 'no')
      .send(body);
  }

  private revokedReason(principal: Principal): string | null {
    if (this.revocations.isRevoked(principal.sessionId)) return 'session revoked';
    if (this.watermarks.isStale(principal.userId, principal.tokenVersion)) return 'account changed';
    if (Date.now() >= principal.expiresAt) return 'access token expired';
    return null;
  }
}
