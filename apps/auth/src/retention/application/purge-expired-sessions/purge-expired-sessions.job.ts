import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { DailyRetentionWorker } from '@mindhill/persistence';
import { systemContext } from '@mindhill/platform';
import { PurgeExpiredSessionsHandler } from './purge-expired-sessions.handler';

export const SESSION_RETENTION_JOB = 'session-retention';

// Job: the daily session retention (at DAILY_RETENTION_HOUR_UTC), through auth's job queue.
@Injectable()
export class PurgeExpiredSessionsJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly daily: DailyRetentionWorker;

  constructor(orm: MikroORM, handler: PurgeExpiredSessionsHandler) {
    this.daily = new DailyRetentionWorker(orm, SESSION_RETENTION_JOB, () => handler.apply(false, systemContext(), 'schedule'));
  }

  onApplicationBootstrap(): Promise<void> {
    return this.daily.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.daily.stop();
  }
}
