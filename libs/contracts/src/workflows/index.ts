import { EventDefinition } from '../define-event';
import {
  executionCreated,
  executionFinished,
  executionsArchived,
  executionStageCompleted,
  executionStageFailed,
  executionStageProgressed,
  executionStageRequested,
  executionStarted,
} from './execution.events';
import { workflowsRetentionApplied } from './retention.events';
import { workflowCreated, workflowSharingChanged, workflowStatusChanged, workflowUpdated } from './workflow.events';

export * from './workflow.events';
export * from './execution.events';
export * from './retention.events';

export const WORKFLOWS_EVENTS: readonly EventDefinition[] = [
  workflowCreated,
  workflowUpdated,
  workflowStatusChanged,
  workflowSharingChanged,
  executionCreated,
  executionStarted,
  executionStageRequested,
  executionStageProgressed,
  executionStageCompleted,
  executionStageFailed,
  executionFinished,
  executionsArchived,
  workflowsRetentionApplied,
];
