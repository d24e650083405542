import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { DailyRetentionWorker } from '@mindhill/persistence';
import { systemContext } from '@mindhill/platform';
import { RemoveExpiredContentsHandler } from './remove-expired-contents.handler';

export const CONTENT_RETENTION_JOB = 'content-retention';

// Job: the daily content retention (at DAILY_RETENTION_HOUR_UTC), through the job queue.
@Injectable()
export class RemoveExpiredContentsJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly daily: DailyRetentionWorker;

  constructor(orm: MikroORM, handler: RemoveExpiredContentsHandler) {
    this.daily = new DailyRetentionWorker(orm, CONTENT_RETENTION_JOB, () => handler.apply(false, systemContext(), 'schedule'));
  }

  onApplicationBootstrap(): Promise<void> {
    return this.daily.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.daily.stop();
  }
}
