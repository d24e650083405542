import { PROJECTION_TABLES, ServiceProjections } from '@mindhill/persistence';
import { reportDeliveryProjector } from './report-deliveries/infrastructure/report-delivery.projector';
import { reportExecutionProjector } from './report-executions/infrastructure/report-execution.projector';
import { reportFilesExpiredProjector } from './report-retention/infrastructure/report-files-expired.projector';
import { RESTORE_NEXT_RUN_AT_SQL } from './report-schedules/infrastructure/report-schedule-ticks.store';
import { reportProjector } from './reports/infrastructure/report.projector';

// What a rebuild truncates and replays from stored_event. The read models (rm_*) are fed by
// other services' events through the inbox, not by this service's store, so they are not here.
export const reportingProjections: ServiceProjections = {
  entities: [],
  tables: PROJECTION_TABLES.reporting,
  projectors: [reportProjector, reportExecutionProjector, reportDeliveryProjector, reportFilesExpiredProjector],
  // Ids are carried in the events; keep the sequences ahead of them after a replay.
  afterReplaySql: [
    `SELECT setval('flux_reports_id_seq', GREATEST((SELECT max(id) FROM flux_reports), 1))`,
    `SELECT setval('report_executions_id_seq', GREATEST((SELECT max(id) FROM report_executions), 1))`,
    // next_run_at follows the pending schedule ticks (jobs, not events).
    RESTORE_NEXT_RUN_AT_SQL,
  ],
};
