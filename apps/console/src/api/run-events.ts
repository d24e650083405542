// A run as GET /executions/:id answers it, moved forward by the events of its stream the way the
// workflows service's projection moves its row (execution.projector.ts), so the live view and a
// reload show the same thing. Pure: tested in run-events.spec.ts.
import type { paths } from '../../../../packages/api-types/openapi';

export type Run = paths['/api/v1/executions/{id}']['get']['responses'][200]['content']['application/json'];
export type RunStage = NonNullable<Run['stages']>[number];
export type RunEvent = { type: string; occurredAt?: string; payload: Record<string, unknown> };

export const FINISHED = ['Success', 'Failed', 'Cancelled', 'Timeout'];
export const isFinished = (status: string) => FINISHED.includes(status);

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

// The data of one SSE message: {type, occurredAt, payload}; null for anything else.
export function parseRunEvent(data: string): RunEvent | null {
  try {
    const value: unknown = JSON.parse(data);
    if (typeof value !== 'object' || value === null) return null;
    const { type, occurredAt, payload } = value as Record<string, unknown>;
    if (typeof type !== 'string' || typeof payload !== 'object' || payload === null) return null;
    return { type, occurredAt: str(occurredAt), payload: payload as Record<string, unknown> };
  } catch {
    return null;
  }
}

export function applyRunEvent(run: Run, event: RunEvent): Run {
  const p = event.payload;
  const at = event.occurredAt ?? null;
  const stage = (change: (s: RunStage) => RunStage): Run => {
    const order = num(p.stageOrder);
    if (order === undefined || !run.stages) return run;
    return { ...run, stages: run.stages.map((s) => (s.order === order ? change(s) : s)) };
  };
  switch (event.type) {
    case 'started':
      return {
        ...run,
        status: 'InProgress',
        startedAt: str(p.startedAt) ?? run.startedAt,
        deadlineAt: str(p.deadlineAt) ?? run.deadlineAt,
      };
    case 'stage-requested': {
      const attempt = num(p.attempt) ?? 1;
      const next = stage((s) => ({ ...s, status: 'InProgress', attempt, startedAt: s.startedAt ?? at, errorMessage: null }));
      return { ...next, currentStage: str(p.stageName) ?? run.currentStage, currentStageOrder: num(p.stageOrder) ?? run.currentStageOrder };
    }
    case 'stage-progressed': {
      const total = num(p.itemsTotal) ?? 0;
      const done = num(p.itemsProcessed) ?? 0;
      const pct = total > 0 ? Math.min(100, Math.round((done / total) * 10_000) / 100) : 0;
      const next = stage((s) => ({ ...s, itemsToProcess: total, itemsProcessed: done, progressPercentage: pct }));
      return { ...next, progressPercentage: num(p.progressPercentage) ?? run.progressPercentage };
    }
    case 'stage-completed': {
      const next = stage((s) => ({
        ...s,
        status: 'Success',
        completedAt: str(p.completedAt) ?? s.completedAt,
        itemsToProcess: num(p.itemsTotal) ?? s.itemsToProcess,
        itemsProcessed: num(p.itemsProcessed) ?? s.itemsProcessed,
        itemsSuccessful: num(p.itemsSuccessful) ?? s.itemsSuccessful,
        itemsFailed: num(p.itemsFailed) ?? s.itemsFailed,
        progressPercentage: 100,
      }));
      return {
        ...next,
        stagesCompleted: num(p.stagesCompleted) ?? run.stagesCompleted,
        progressPercentage: num(p.progressPercentage) ?? run.progressPercentage,
        contentProcessed: Math.max(run.contentProcessed, num(p.contentCount) ?? 0),
      };
    }
    case 'stage-failed':
      return stage((s) => ({
        ...s,
        status: 'Failed',
        errorMessage: str(p.errorMessage) ?? s.errorMessage,
        errorDetails: {
          code: str(p.errorCode) ?? null,
          retriable: p.retriable ?? null,
          retryAt: p.retryAt ?? null,
          attempt: p.attempt ?? null,
        },
      }));
    case 'finished': {
      const status = str(p.status) ?? 'Failed';
      const cancelled = status === 'Cancelled';
      const completedAt = str(p.completedAt) ?? at;
      // A run that ends early leaves its current stage failed (or cancelled) and the rest skipped.
      const stages = run.stages?.map((s) => {
        if (s.status === 'InProgress')
          return {
            ...s,
            status: cancelled ? 'Cancelled' : 'Failed',
            errorMessage: str(p.errorMessage) ?? status,
            completedAt: cancelled ? completedAt : s.completedAt,
          };
        if (s.status === 'Created') return { ...s, status: 'Skipped' };
        return s;
      });
      return {
        ...run,
        status,
        stages,
        completedAt,
        startedAt: str(p.startedAt) ?? run.startedAt,
        errorCode: str(p.errorCode) ?? null,
        errorMessage: str(p.errorMessage) ?? null,
        contentProcessed: num(p.contentProcessed) ?? run.contentProcessed,
        stagesCompleted: num(p.stagesCompleted) ?? run.stagesCompleted,
        durationMinutes: num(p.durationMinutes) ?? run.durationMinutes,
        progressPercentage: status === 'Success' ? 100 : run.progressPercentage,
      };
    }
    default:
      // `created` adds nothing the first read did not show.
      return run;
  }
}

// A stage's error code: kept by the projection in errorDetails.code.
export function stageErrorCode(stage: RunStage): string | null {
  const code = stage.errorDetails?.code;
  return typeof code === 'string' ? code : null;
}

// The stage a rerun starts from by default: the first that did not finish (the API's default).
export function defaultRerunStage(run: Run): number {
  return run.stages?.find((s) => s.status !== 'Success' && s.status !== 'Skipped')?.order ?? 1;
}
