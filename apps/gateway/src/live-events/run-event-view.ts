import { redactSecrets } from '@mindhill/platform';

// One run event as the workflows service's history read and the Kafka feed both give it.
// cursor: the stream's cursor for this event (an execution's stream version, or a workflow's
// event-store position).
export type RunEvent = {
  cursor: string;
  type: string;
  executionId: string;
  workflowId: string;
  occurredAt: string;
  payload: Record<string, unknown>;
};

const PREFIX = 'workflows.execution.';
export const STREAM_EVENT_TYPES = [
  'created',
  'started',
  'stage-requested',
  'stage-progressed',
  'stage-completed',
  'stage-failed',
  'finished',
];

// Fields of the published payloads that are the platform's business, not the API's: who may use
// which data sources (the worker's authorisation), what the worker waits for, the raw stage
// settings and source ids (the workflow's configuration already shows them to those who may).
const INTERNAL_FIELDS: Record<string, readonly string[]> = {
  'stage-requested': ['settings', 'dataSourceIds', 'input', 'workflowOwnerNumber', 'workflowOwnerIsAdmin', 'triggeredByUserNumber'],
};

// The SSE event name: the type without the workflows.execution. prefix; null for a type the
// streams do not show.
export function streamEventName(type: string): string | null {
  if (!type.startsWith(PREFIX)) return null;
  const name = type.slice(PREFIX.length);
  return STREAM_EVENT_TYPES.includes(name) ? name : null;
}

// The message's data: camelCase as the events already are, internal fields dropped, any
// secret-named field redacted (stage outputs and error details are free-form).
export function publicEventData(event: RunEvent, name: string) {
  const payload: Record<string, unknown> = { ...event.payload };
  for (const field of INTERNAL_FIELDS[name] ?? []) delete payload[field];
  if (name === 'created' && Array.isArray(payload.stages)) {
    payload.stages = payload.stages.map((s: Record<string, unknown>) => ({
      order: s.order,
      name: s.name,
      type: s.type,
      timeoutSeconds: s.timeoutSeconds,
    }));
  }
  return {
    type: name,
    executionId: event.executionId,
    workflowId: event.workflowId,
    occurredAt: event.occurredAt,
    payload: redactSecrets(payload),
  };
}

// The SSE frame: id, event, one data line (JSON never holds a raw newline).
export function sseFrame(event: RunEvent): string | null {
  const name = streamEventName(event.type);
  if (!name) return null;
  return `id: ${event.cursor}\nevent: ${name}\ndata: ${JSON.stringify(publicEventData(event, name))}\n\n`;
}
