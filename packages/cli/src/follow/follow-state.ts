import { EXIT } from '../cli-error';

// What `run --follow` shows, built from either source of truth: the run's live events (SSE) or
// a polled snapshot of GET /executions/:id. Pure, so the display and the exit code are tested
// from canned events.

export const FINAL_STATUSES = ['Success', 'Failed', 'Cancelled', 'Timeout'] as const;
export type FinalStatus = (typeof FINAL_STATUSES)[number];
export type RunStatus = 'Created' | 'InProgress' | FinalStatus;

export type StageProgress = {
  order: number;
  name: string;
  status: string;
  itemsTotal: number;
  itemsProcessed: number;
  percentage: number;
};

export type FollowState = {
  executionId: string;
  status: RunStatus;
  stages: StageProgress[];
  errorCode: string | null;
  errorMessage: string | null;
};

export const EVENT_TYPES = [
  'created',
  'started',
  'stage-requested',
  'stage-progressed',
  'stage-completed',
  'stage-failed',
  'finished',
] as const;
export type RunEventType = (typeof EVENT_TYPES)[number];
export type RunEvent = { type: RunEventType; payload: Record<string, unknown> };

// The run as GET /executions/:id answers it (the fields the display needs).
export type ExecutionView = {
  id: string;
  status: RunStatus;
  errorCode?: string | null;
  errorMessage?: string | null;
  stages?: {
    order: number;
    name: string;
    status: string;
    itemsToProcess?: number | null;
    itemsProcessed?: number | null;
    progressPercentage?: number | null;
  }[];
};

export function fromExecution(view: ExecutionView): FollowState {
  return {
    executionId: view.id,
    status: view.status,
    errorCode: view.errorCode ?? null,
    errorMessage: view.errorMessage ?? null,
    stages: (view.stages ?? [])
      .map((s) => ({
        order: s.order,
        name: s.name,
        status: s.status,
        itemsTotal: s.itemsToProcess ?? 0,
        itemsProcessed: s.itemsProcessed ?? 0,
        percentage: s.progressPercentage ?? 0,
      }))
      .sort((a, b) => a.order - b.order),
  };
}

export function applyEvent(state: FollowState, event: RunEvent): FollowState {
  const p = event.payload;
  switch (event.type) {
    case 'created':
      return { ...state, stages: state.stages.length > 0 ? state.stages : stagesOf(p.stages) };
    case 'started':
      return { ...state, status: 'InProgress' };
    case 'stage-requested':
      return withStage(state, p, (s) => ({ ...s, name: str(p.stageName) ?? s.name, status: 'InProgress' }));
    case 'stage-progressed':
      return withStage(state, p, (s) => counted(s, p, 'InProgress'));
    case 'stage-completed':
      return withStage(state, p, (s) => ({ ...counted(s, p, 'Success'), percentage: 100 }));
    case 'stage-failed':
      // A retriable failure is retried by the orchestrator (retryAt set): the run goes on.
      return withStage(state, p, (s) => ({ ...s, status: p.retryAt ? 'Retrying' : 'Failed' }));
    case 'finished': {
      const status = FINAL_STATUSES.find((f) => f === p.status) ?? 'Failed';
      return { ...state, status, errorCode: str(p.errorCode) ?? null, errorMessage: str(p.errorMessage) ?? null };
    }
  }
}

export const isFinal = (status: RunStatus): status is FinalStatus => (FINAL_STATUSES as readonly string[]).includes(status);

// 0 Success, 1 Failed, 2 Cancelled or Timeout: a script can tell "broke" from "stopped".
export function exitCodeFor(status: FinalStatus): number {
  if (status === 'Success') return EXIT.ok;
  return status === 'Failed' ? EXIT.runFailed : EXIT.runStopped;
}

function withStage(state: FollowState, p: Record<string, unknown>, change: (s: StageProgress) => StageProgress): FollowState {
  const order = typeof p.stageOrder === 'number' ? p.stageOrder : undefined;
  if (order === undefined) return state;
  const known = state.stages.find((s) => s.order === order);
  const stage = known ?? {
    order,
    name: str(p.stageName) ?? `stage ${order}`,
    status: 'Pending',
    itemsTotal: 0,
    itemsProcessed: 0,
    percentage: 0,
  };
  const stages = known
    ? state.stages.map((s) => (s.order === order ? change(s) : s))
    : [...state.stages, change(stage)].sort((a, b) => a.order - b.order);
  return { ...state, status: isFinal(state.status) ? state.status : 'InProgress', stages };
}

function counted(s: StageProgress, p: Record<string, unknown>, status: string): StageProgress {
  const itemsTotal = num(p.itemsTotal) ?? s.itemsTotal;
  const itemsProcessed = num(p.itemsProcessed) ?? s.itemsProcessed;
  const percentage =
    itemsTotal > 0 ? Math.min(100, Math.round((itemsProcessed / itemsTotal) * 100)) : (num(p.progressPercentage) ?? s.percentage);
  return { ...s, status, itemsTotal, itemsProcessed, percentage };
}

function stagesOf(value: unknown): StageProgress[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((s): s is Record<string, unknown> => typeof s === 'object' && s !== null && typeof Reflect.get(s, 'order') === 'number')
    .map((s) => ({
      order: Number(s.order),
      name: str(s.name) ?? `stage ${String(s.order)}`,
      status: 'Pending',
      itemsTotal: 0,
      itemsProcessed: 0,
      percentage: 0,
    }))
    .sort((a, b) => a.order - b.order);
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
