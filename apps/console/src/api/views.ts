// The fields of the answers the first pages read, written before the OpenAPI document described
// answer bodies; newer pages take theirs from the generated types (answers.ts, reports/types.ts).
export type Workflow = {
  id: string;
  name: string;
  description: string | null;
  status: string;
  category: string | null;
  tags: string[];
  version: number;
  templateName: string | null;
  isTemplate: boolean;
  configuration: { stages?: { name: string; type: string }[] };
  statistics: { totalExecutions: number; successfulExecutions: number; failedExecutions: number; lastExecutionAt: string | null };
  updatedAt: string;
};

export type DataSource = { id: string; name: string; type: string };

export type Stage = {
  order: number;
  name: string;
  type: string;
  status: string;
  attempt: number;
  itemsToProcess: number | null;
  itemsProcessed: number | null;
  itemsFailed: number | null;
  progressPercentage: number;
  errorMessage: string | null;
};

export type Execution = {
  id: string;
  workflowId: string;
  runNumber: number;
  status: string;
  progressPercentage: number;
  stagesCompleted: number;
  totalStages: number;
  contentProcessed: number;
  errorCode: string | null;
  errorMessage: string | null;
  startedAt: string | null;
  completedAt: string | null;
  stages?: Stage[];
};

export const FINISHED = ['Success', 'Failed', 'Cancelled', 'Timeout'];

export type SearchHit = {
  contentId: string;
  name: string;
  snippet: string;
  category: string | null;
  tags: string[];
  language: string | null;
};

export type Report = { id: string; reportName: string; reportType: string; outputFormats?: string[]; reportConfig: { source: string } };
export type ReportExecution = {
  id: string;
  status: string;
  outputFormat: string;
  downloadUrl: string | null;
  errorMessage?: string | null;
};

export type AuditRow = {
  id: string;
  eventType: string;
  eventCategory: string;
  userEmail: string | null;
  resourceType: string | null;
  resourceName: string | null;
  severity: string;
  timestamp: string;
};

export type AdminUser = {
  id: string;
  email: string;
  displayName: string;
  role: string;
  isActive: boolean;
  isEmailVerified: boolean;
  lastLoginAt: string | null;
  lockedUntil: string | null;
};
