import { defineEvent, topicName } from '../define-event';
import { stageCompletedSchema, stageFailedSchema, stageProgressedSchema } from './stage-protocol';

// Each worker answers on its own topic with the same three shapes.
function stageOutcomeEvents(service: 'ingestion' | 'processing') {
  const topic = topicName(service, 'stage');
  const resourceName = (p: { stageOrder: number; executionId: string }) => `${p.executionId}#${p.stageOrder}`;
  return {
    progressed: defineEvent({
      type: `${service}.stage.progressed`,
      version: 1,
      aggregateType: 'stage',
      topic,
      schema: stageProgressedSchema,
      audit: { category: 'workflow', action: 'stage-progress', resourceType: 'execution-stage', severity: 'info', resourceName },
    }),
    completed: defineEvent({
      type: `${service}.stage.completed`,
      version: 1,
      aggregateType: 'stage',
      topic,
      schema: stageCompletedSchema,
      // output holds analysis keywords and calculated values.
      audit: {
        category: 'workflow',
        action: 'stage-complete',
        resourceType: 'execution-stage',
        severity: 'low',
        resourceName,
        contentFields: ['output'],
      },
    }),
    failed: defineEvent({
      type: `${service}.stage.failed`,
      version: 1,
      aggregateType: 'stage',
      topic,
      schema: stageFailedSchema,
      audit: { category: 'workflow', action: 'stage-fail', resourceType: 'execution-stage', severity: 'medium', resourceName },
    }),
  };
}

export const ingestionStage = stageOutcomeEvents('ingestion');
export const processingStage = stageOutcomeEvents('processing');

// The aggregate id of a worker's stage stream: one stream per stage attempt.
export function stageStreamId(ref: { executionId: string; stageOrder: number; attempt: number }): string {
  return `stage-${ref.executionId}-${ref.stageOrder}-${ref.attempt}`;
}
