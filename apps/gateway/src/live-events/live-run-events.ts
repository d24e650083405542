import { RunEvent } from './run-event-view';

export type RunEventListener = (event: RunEvent) => void;

// This gateway's fan-out of the run events it reads from Kafka to the open streams, by execution
// and by workflow. A listener must not throw: it only buffers or nudges its stream.
export class LiveRunEvents {
  private readonly byExecution = new Map<string, Set<RunEventListener>>();
  private readonly byWorkflow = new Map<string, Set<RunEventListener>>();

  subscribe(kind: 'execution' | 'workflow', id: string, listener: RunEventListener): () => void {
    const map = kind === 'execution' ? this.byExecution : this.byWorkflow;
    const set = map.get(id) ?? new Set<RunEventListener>();
    set.add(listener);
    map.set(id, set);
    return () => {
      set.delete(listener);
      if (set.size === 0 && map.get(id) === set) map.delete(id);
    };
  }

  dispatch(event: RunEvent): void {
    for (const listener of this.byExecution.get(event.executionId) ?? []) listener(event);
    for (const listener of this.byWorkflow.get(event.workflowId) ?? []) listener(event);
  }

  get hasListeners(): boolean {
    return this.byExecution.size > 0 || this.byWorkflow.size > 0;
  }
}
