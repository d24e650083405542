import { StageType } from '@mindhill/contracts';
import { ResourceAccess } from '@mindhill/domain';

export type ExecutionStage = {
  order: number;
  name: string;
  type: StageType;
  status: string;
  timeoutSeconds: number;
  settings: Record<string, unknown>;
  dataSourceIds: string[];
  // A rerun's stage not executed again: the run whose worker output it is. Null otherwise.
  carriedOverFrom: string | null;
};

// An execution as the orchestrator's decisions see it: its projection rows (the run and its
// stages). It follows its workflow's access; the owner's role is the current one.
export type Execution = {
  id: string;
  number: number;
  workflowId: string;
  workflowNumber: number;
  workflowVersion: number;
  runNumber: number;
  status: string;
  startedAt: string | null;
  currentStageOrder: number;
  currentAttempt: number;
  totalStages: number;
  stagesCompleted: number;
  contentProcessed: number;
  bytesProcessed: number;
  timeoutMinutes: number;
  maxRetries: number;
  triggerUserNumber: number | null;
  // The run's resolved inputs; every stage request carries them.
  inputs: Record<string, unknown>;
  access: ResourceAccess;
  ownerNumber: number | null;
  ownerIsAdmin: boolean;
  stages: ExecutionStage[];
};
