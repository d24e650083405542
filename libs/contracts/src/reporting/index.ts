import { EventDefinition } from '../define-event';
import { reportExecutionCompleted, reportExecutionFailed, reportExecutionRequested } from './report-execution.events';
import { reportFilesExpired, reportingRetentionApplied } from './retention.events';
import { reportArchived, reportCreated, reportUpdated } from './report.events';
import {
  deliveryAttempted,
  deliveryDelivered,
  deliveryFailed,
  deliveryRequested,
  deliveryRetentionCompleted,
} from './report-delivery.events';

export * from './report.events';
export * from './report-execution.events';
export * from './report-delivery.events';
export * from './retention.events';

// Events of the reporting service.
export const REPORTING_EVENTS: readonly EventDefinition[] = [
  reportCreated,
  reportUpdated,
  reportArchived,
  reportExecutionRequested,
  reportExecutionCompleted,
  reportExecutionFailed,
  deliveryRequested,
  deliveryAttempted,
  deliveryDelivered,
  deliveryFailed,
  deliveryRetentionCompleted,
  reportFilesExpired,
  reportingRetentionApplied,
];
