// The event-store stream of each aggregate, spelled once. A stream id is "<aggregate>-<id>";
// the topic key and the audit row's resource id both come from it, so a typo here would split
// one aggregate's history in two.
export const streamIds = {
  user: (userId: string) => `user-${userId}`,
  session: (sessionId: string) => `session-${sessionId}`,
  // Failed logins for an e-mail that has no account, keyed by a hash of it (the address stays out).
  loginAttempts: (emailHash: string) => `login-attempts-${emailHash}`,
  setting: (key: string, environment: string) => `setting-${key}@${environment}`,
  signingKey: (kid: string) => `signing-key-${kid}`,
  // One mail auth sends (its mail id: the token id of an account mail, run-failed-<execution>).
  mail: (mailId: string) => `mail-${mailId}`,
  workflow: (workflowId: string) => `workflow-${workflowId}`,
  execution: (executionId: string) => `execution-${executionId}`,
  dataSource: (dataSourceId: string) => `data-source-${dataSourceId}`,
  fetching: (fetchingId: string) => `fetching-${fetchingId}`,
  content: (contentId: string) => `content-${contentId}`,
  webhookDelivery: (deliveryId: string) => `webhook-delivery-${deliveryId}`,
  processingHistory: (historyId: string) => `processing-history-${historyId}`,
  report: (reportId: string) => `report-${reportId}`,
  reportExecution: (reportExecutionId: string) => `report-execution-${reportExecutionId}`,
  delivery: (deliveryId: string) => `delivery-${deliveryId}`,
  deliveryRetention: (runId: string) => `delivery-retention-${runId}`,
  deadLetter: (deadLetterId: string) => `dead-letter-${deadLetterId}`,
  retentionRun: (runId: string) => `retention-${runId}`,
  scrubRun: (runId: string) => `scrub-${runId}`,
  backup: (backupId: string) => `backup-${backupId}`,
} as const;
