import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { DailyRetentionWorker } from '@mindhill/persistence';
import { systemContext } from '@mindhill/platform';
import { ExpireReportFilesHandler } from './expire-report-files.handler';

export const REPORT_FILE_RETENTION_JOB = 'report-file-retention';

// Job: the daily report-file retention (at DAILY_RETENTION_HOUR_UTC), through the job queue.
@Injectable()
export class ExpireReportFilesJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly daily: DailyRetentionWorker;

  constructor(orm: MikroORM, handler: ExpireReportFilesHandler) {
    this.daily = new DailyRetentionWorker(orm, REPORT_FILE_RETENTION_JOB, () => handler.apply(false, systemContext(), 'schedule'));
  }

  onApplicationBootstrap(): Promise<void> {
    return this.daily.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.daily.stop();
  }
}
