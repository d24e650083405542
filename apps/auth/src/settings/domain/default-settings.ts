import { SettingType } from '@mindhill/contracts';

export type SettingDefinition = {
  key: string;
  category: string;
  name: string;
  description: string | null;
  value: string;
  type: SettingType;
  allowedValues?: string[];
  minValue?: number;
  maxValue?: number;
  isPublic?: boolean;
  isReadonly?: boolean;
  requiresRestart?: boolean;
};

// The seed's two lists of default settings (environment 'all'), with limits added so a change
// through the API cannot set nonsense. Deviations from the seed: session_timeout_hours is 24
// (the seed says 8 in one place; 24 is what AUTH_SESSION_IDLE_HOURS enforces), app_version is
// read-only (it describes the build), and the general/display settings are public. Added for
// issue 9: max_concurrent_workflows_per_user and min_schedule_interval_seconds.
export const DEFAULT_SETTINGS: readonly SettingDefinition[] = [
  {
    key: 'max_concurrent_workflows',
    category: 'performance',
    name: 'Maximum Concurrent Workflows',
    description: 'Maximum number of workflows that can run simultaneously',
    value: '5',
    type: 'integer',
    minValue: 1,
    maxValue: 1000,
  },
  {
    key: 'max_concurrent_workflows_per_user',
    category: 'performance',
    name: 'Maximum Concurrent Workflows per User',
    description: 'Maximum number of runs one user can have in progress at once (scheduled runs count for the workflow owner)',
    value: '3',
    type: 'integer',
    minValue: 1,
    maxValue: 1000,
  },
  {
    key: 'min_schedule_interval_seconds',
    category: 'workflow',
    name: 'Minimum Schedule Interval',
    description: 'Shortest time in seconds between two runs of a workflow schedule',
    value: '60',
    type: 'integer',
    minValue: 1,
    maxValue: 86400,
  },
  {
    key: 'default_workflow_timeout',
    category: 'workflow',
    name: 'Default Workflow Timeout',
    description: 'Default timeout for workflows in minutes',
    value: '60',
    type: 'integer',
    minValue: 1,
    maxValue: 10080,
  },
  {
    key: 'max_file_size_mb',
    category: 'content',
    name: 'Maximum File Size',
    description: 'Maximum file size allowed for upload in MB',
    value: '100',
    type: 'integer',
    minValue: 1,
    maxValue: 10240,
  },
  {
    key: 'retention_period_days',
    category: 'data',
    name: 'Data Retention Period',
    description: 'Number of days to retain execution data',
    value: '90',
    type: 'integer',
    minValue: 1,
    maxValue: 3650,
  },
  {
    key: 'enable_email_notifications',
    category: 'notifications',
    name: 'Enable Email Notifications',
    description: 'Whether to send email notifications',
    value: 'true',
    type: 'boolean',
  },
  {
    key: 'api_rate_limit_per_hour',
    category: 'security',
    name: 'API Rate Limit',
    description: 'Number of API requests allowed per hour per user',
    value: '1000',
    type: 'integer',
    minValue: 1,
    maxValue: 1_000_000,
  },
  {
    key: 'backup_frequency_hours',
    category: 'system',
    name: 'Backup Frequency',
    description: 'How often to run automatic backups in hours',
    value: '24',
    type: 'integer',
    minValue: 1,
    maxValue: 720,
  },
  {
    key: 'backup_retention_days',
    category: 'system',
    name: 'Backup Retention',
    description: 'Backup sets older than this many days are removed after each backup',
    value: '30',
    type: 'integer',
    minValue: 1,
    maxValue: 3650,
  },
  {
    key: 'app_name',
    category: 'general',
    name: 'Application Name',
    description: null,
    value: 'Mind Hillmetric',
    type: 'string',
    isPublic: true,
  },
  {
    key: 'app_version',
    category: 'general',
    name: 'Application Version',
    description: null,
    value: '1.0.0',
    type: 'string',
    isPublic: true,
    isReadonly: true,
  },
  { key: 'timezone', category: 'general', name: 'Default Timezone', description: null, value: 'UTC', type: 'string', isPublic: true },
  {
    key: 'date_format',
    category: 'general',
    name: 'Default Date Format',
    description: null,
    value: 'YYYY-MM-DD HH:mm:ss',
    type: 'string',
    isPublic: true,
  },
  {
    key: 'max_file_upload_size',
    category: 'limits',
    name: 'Max File Upload Size (MB)',
    description: null,
    value: '100',
    type: 'integer',
    minValue: 1,
    maxValue: 10240,
  },
  {
    key: 'session_timeout_hours',
    category: 'security',
    name: 'Session Timeout (Hours)',
    description: 'Idle session timeout in hours',
    value: '24',
    type: 'integer',
    minValue: 1,
    maxValue: 720,
  },
  // Retention of each class of data (issue 11): days after which a daily run or an admin's
  // request removes it. retention_period_days above stays the executions' own.
  {
    key: 'content_retention_days',
    category: 'data',
    name: 'Content Retention Period',
    description: 'Days after their last fetch that fetched contents are removed, with their bytes once no other content shares them',
    value: '365',
    type: 'integer',
    minValue: 1,
    maxValue: 3650,
  },
  {
    key: 'session_retention_days',
    category: 'security',
    name: 'Expired Session Retention Period',
    description: 'Days that expired or revoked sessions and expired or used reset/verification tokens are kept',
    value: '30',
    type: 'integer',
    minValue: 1,
    maxValue: 3650,
  },
  {
    key: 'report_file_retention_days',
    category: 'data',
    name: 'Report File Retention Period',
    description: 'Days after a report run finishes that its rendered file is deleted (the run is kept, its download answers 410)',
    value: '90',
    type: 'integer',
    minValue: 1,
    maxValue: 3650,
  },
  {
    key: 'job_retention_days',
    category: 'system',
    name: 'Finished Job Retention Period',
    description: 'Days that done, cancelled and dead jobs stay in each service job queue',
    value: '30',
    type: 'integer',
    minValue: 1,
    maxValue: 3650,
  },
];
