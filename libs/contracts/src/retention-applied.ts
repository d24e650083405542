import { auditRetentionApplied } from './audit/retention.events';
import { authRetentionApplied } from './auth/retention.events';
import { ingestionRetentionApplied } from './ingestion/retention.events';
import { processingRetentionApplied } from './processing/retention.events';
import { reportingRetentionApplied } from './reporting/retention.events';
import { workflowsRetentionApplied } from './workflows/retention.events';

// The retention receipt of each service that keeps data, by service name.
export const RETENTION_APPLIED = {
  auth: authRetentionApplied,
  workflows: workflowsRetentionApplied,
  ingestion: ingestionRetentionApplied,
  processing: processingRetentionApplied,
  reporting: reportingRetentionApplied,
  audit: auditRetentionApplied,
} as const;
export type RetentionService = keyof typeof RETENTION_APPLIED;
