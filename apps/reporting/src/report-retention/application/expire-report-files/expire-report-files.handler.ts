import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { newEvent, reportFilesExpired, reportingRetentionApplied, RetentionReceipt, streamIds } from '@mindhill/contracts';
import { assertAdmin } from '@mindhill/domain';
import { LIVE_SETTINGS, LiveSettings } from '@mindhill/messaging';
import { EventContext, EventStore, recordRetentionRun, retentionCutoff, RetentionTrigger } from '@mindhill/persistence';
import { DEFAULT_REPORT_FILE_RETENTION_DAYS } from '../../domain/report-file-retention';
import { countExpiredReportFiles, deleteReportFile, findExpiredReportFiles } from '../../infrastructure/expired-report-files.store';
import { ExpireReportFilesBody } from './expire-report-files.schema';

const BATCH = 500;
export const REPORT_FILES_DIR = Symbol('REPORT_FILES_DIR');

// Deletes the rendered files of runs finished more than report_file_retention_days ago: the files
// of a batch go first, then one `reporting.report-execution.file-expired` event marks their runs
// (a crash in between leaves unmarked runs without a file, which the next run marks). Every run,
// dry or not, ends with a `reporting.retention.applied` receipt.
@Injectable()
export class ExpireReportFilesHandler {
  constructor(
    private readonly orm: MikroORM,
    private readonly events: EventStore,
    @Inject(REPORT_FILES_DIR) private readonly outputDir: string,
    @Inject(LIVE_SETTINGS) private readonly live: LiveSettings,
  ) {}

  execute(body: ExpireReportFilesBody, context: EventContext): Promise<RetentionReceipt> {
    assertAdmin(context.actor, 'Retention');
    return this.apply(body.dryRun, context, 'request');
  }

  async apply(dryRun: boolean, context: EventContext, trigger: RetentionTrigger): Promise<RetentionReceipt> {
    const retentionDays = this.live.integer('report_file_retention_days', DEFAULT_REPORT_FILE_RETENTION_DAYS);
    const cutoff = retentionCutoff(retentionDays).toISOString();
    const matched = await countExpiredReportFiles(this.orm.em.fork(), cutoff);
    const removed = { files: 0 };
    let removedBytes = 0;
    while (!dryRun) {
      const batch = await findExpiredReportFiles(this.orm.em.fork(), cutoff, BATCH);
      if (batch.length === 0) break;
      for (const file of batch) {
        const freed = await deleteReportFile(this.outputDir, file.outputFilePath);
        if (freed === null) continue;
        removed.files += 1;
        removedBytes += freed;
      }
      const runId = randomUUID();
      const event = newEvent(reportFilesExpired, {
        runId,
        reportExecutionIds: batch.map((f) => f.reportExecutionId),
        retentionDays,
        cutoff,
        expiredAt: new Date().toISOString(),
      });
      await this.events.transact((tx) => tx.append(streamIds.retentionRun(runId), 0, [event], context));
      if (batch.length < BATCH) break;
    }
    return recordRetentionRun(
      this.events,
      reportingRetentionApplied,
      {
        dataClass: 'report-files',
        dryRun,
        trigger,
        retentionDays,
        cutoff,
        matched: { files: matched.files },
        removed,
        matchedBytes: matched.bytes,
        removedBytes,
      },
      context,
    );
  }
}
