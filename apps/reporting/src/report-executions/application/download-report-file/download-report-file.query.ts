import { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { EventStore } from '@mindhill/persistence';
import { Who } from '@mindhill/platform';
import { executionNotFound, outputNotFound, reportExecutionDecider } from '../../domain/report-execution.decider';
import { CONTENT_TYPES } from '../../domain/report-renderer';
import { findExecutionState } from '../../infrastructure/report-execution.read-model';
import { openReportFile, REPORT_OUTPUT, ReportOutputSettings } from '../../infrastructure/report-output.store';

export type ReportDownload = { stream: Readable; contentType: string; fileName: string; length: number };

// The file of a finished run, if the caller may see its report.
@Injectable()
export class DownloadReportFileQuery {
  constructor(
    private readonly events: EventStore,
    @Inject(REPORT_OUTPUT) private readonly settings: ReportOutputSettings,
  ) {}

  async execute(id: string, who: Who): Promise<ReportDownload> {
    const execution = await findExecutionState(this.events.readModel(), id, who);
    if (!execution) throw executionNotFound();
    // 409 while it renders, 404 when it has no file.
    reportExecutionDecider.decide(execution, { kind: 'download' });
    const file = execution.outputFilePath ? await openReportFile(this.settings, execution.outputFilePath) : null;
    if (!file) throw outputNotFound(execution.status);
    return {
      ...file,
      contentType: CONTENT_TYPES[execution.outputFormat],
      fileName: `report-${execution.reportNumber}-run-${execution.reportExecutionNumber}.${execution.outputFormat}`,
    };
  }
}
