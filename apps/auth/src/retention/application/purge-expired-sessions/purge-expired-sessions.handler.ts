import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { authRetentionApplied, newEvent, RetentionReceipt, sessionsPurged, streamIds } from '@mindhill/contracts';
import { assertAdmin } from '@mindhill/domain';
import { LIVE_SETTINGS, LiveSettings } from '@mindhill/messaging';
import { EventContext, EventStore, recordRetentionRun, retentionCutoff, RetentionTrigger } from '@mindhill/persistence';
import { DEFAULT_SESSION_RETENTION_DAYS } from '../../domain/session-retention';
import { countExpired, findExpiredSessions, findExpiredUserTokens } from '../../infrastructure/expired-sessions.store';
import { PurgeExpiredSessionsBody } from './purge-expired-sessions.schema';

const BATCH = 1_000;

// Removes sessions that ended, and reset/verification tokens that expired or were used, more
// than session_retention_days ago: each batch is one `auth.session.purged` event (its projection
// drops the rows; rotated refresh tokens go with their session). Every run, dry or not, ends
// with an `auth.retention.applied` receipt. A usable session or token is never touched.
@Injectable()
export class PurgeExpiredSessionsHandler {
  constructor(
    private readonly orm: MikroORM,
    private readonly events: EventStore,
    @Inject(LIVE_SETTINGS) private readonly live: LiveSettings,
  ) {}

  execute(body: PurgeExpiredSessionsBody, context: EventContext): Promise<RetentionReceipt> {
    assertAdmin(context.actor, 'Retention');
    return this.apply(body.dryRun, context, 'request');
  }

  async apply(dryRun: boolean, context: EventContext, trigger: RetentionTrigger): Promise<RetentionReceipt> {
    const retentionDays = this.live.integer('session_retention_days', DEFAULT_SESSION_RETENTION_DAYS);
    const cutoff = retentionCutoff(retentionDays).toISOString();
    const matched = await countExpired(this.orm.em.fork(), cutoff);
    const removed = { sessions: 0, rotatedRefreshTokens: 0, userTokens: 0 };
    while (!dryRun) {
      const sessions = await findExpiredSessions(this.orm.em.fork(), cutoff, BATCH);
      const tokens = await findExpiredUserTokens(this.orm.em.fork(), cutoff, BATCH);
      if (sessions.length === 0 && tokens.length === 0) break;
      const runId = randomUUID();
      const event = newEvent(sessionsPurged, {
        runId,
        sessionIds: sessions.map((s) => s.sessionId),
        userTokens: tokens.length,
        userTokenHashes: tokens,
        retentionDays,
        cutoff,
        purgedAt: new Date().toISOString(),
      });
      await this.events.transact((tx) => tx.append(streamIds.retentionRun(runId), 0, [event], context));
      removed.sessions += sessions.length;
      removed.rotatedRefreshTokens += sessions.reduce((n, s) => n + s.rotated, 0);
      removed.userTokens += tokens.length;
      if (sessions.length < BATCH && tokens.length < BATCH) break;
    }
    return recordRetentionRun(
      this.events,
      authRetentionApplied,
      { dataClass: 'sessions', dryRun, trigger, retentionDays, cutoff, matched, removed, matchedBytes: 0, removedBytes: 0 },
      context,
    );
  }
}
