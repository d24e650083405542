// The default of the report_file_retention_days setting, until an admin changes it. A run's
// rendered file is kept that many days after the run finished; the run itself is kept (with
// its statistics), marked file-expired, and its download answers 410 REPORTING.FILE_EXPIRED.
export const DEFAULT_REPORT_FILE_RETENTION_DAYS = 90;
