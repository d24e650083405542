// Each service's projections of its own events: what `npm run rebuild` empties and replays, what
// a backup hashes and a restore checks. One list, read by the services' *.projections.ts and by
// the backup (which runs in audit and may not import the services).
export const PROJECTION_TABLES = {
  auth: ['rotated_refresh_tokens', 'application_sessions', 'user_tokens', 'system_settings', 'signing_keys', 'users'],
  workflows: ['execution_stages', 'workflow_executions', 'workflow_versions', 'workflows'],
  reporting: ['flux_reports', 'report_executions', 'report_deliveries'],
  processing: ['processing_history', 'content_stage_text', 'content_search'],
  ingestion: ['fetching_contents', 'fetched_contents', 'fetching_history', 'webhook_deliveries', 'data_sources'],
} as const satisfies Record<string, readonly string[]>;

export function projectionTablesOf(service: string): readonly string[] {
  return (PROJECTION_TABLES as Record<string, readonly string[]>)[service] ?? [];
}
