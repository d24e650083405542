import { describe, expect, it } from '@jest/globals';
import { applyRunEvent, defaultRerunStage, parseRunEvent, stageErrorCode, type Run, type RunEvent, type RunStage } from './run-events';

const stage = (order: number, status = 'Created'): RunStage => ({
  order,
  name: `stage ${order}`,
  type: order === 1 ? 'fetching' : 'processing',
  status,
  attempt: 1,
  timeoutSeconds: 60,
  startedAt: null,
  completedAt: null,
  durationSeconds: null,
  itemsToProcess: 0,
  itemsProcessed: 0,
  itemsSuccessful: 0,
  itemsFailed: 0,
  progressPercentage: 0,
  throughputPerSecond: null,
  output: null,
  errorMessage: null,
  errorDetails: null,
  retryCount: 0,
  carriedOverFrom: null,
});
const created = (): Run => ({
  id: 'e',
  number: 1,
  workflowId: 'w',
  workflowVersion: 1,
  configurationHash: 'h',
  runNumber: 1,
  status: 'Created',
  priority: 0,
  triggeredBy: 'manual',
  triggerUserId: 1,
  trigger: null,
  rerunOf: null,
  inputs: {},
  startedAt: null,
  completedAt: null,
  deadlineAt: null,
  durationMinutes: null,
  currentStage: null,
  currentStageOrder: 0,
  totalStages: 2,
  stagesCompleted: 0,
  progressPercentage: 0,
  contentProcessed: 0,
  bytesProcessed: 0,
  errorCode: null,
  errorMessage: null,
  retryCount: 0,
  createdAt: '2026-12-06T20:00:00.000Z',
  updatedAt: '2026-12-06T20:00:00.000Z',
  stages: [stage(1), stage(2)],
});
const ev = (type: string, payload: Record<string, unknown> = {}): RunEvent => ({ type, occurredAt: '2026-12-06T20:00:01.000Z', payload });
const apply = (events: RunEvent[], from = created()) => events.reduce(applyRunEvent, from);

describe('applyRunEvent', () => {
  it('fills the stages as the events come: requested, progressed, completed', () => {
    const run = apply([
      ev('started', { startedAt: '2026-12-06T20:00:01.000Z' }),
      ev('stage-requested', { stageOrder: 1, attempt: 1, stageName: 'stage 1' }),
      ev('stage-progressed', { stageOrder: 1, itemsTotal: 4, itemsProcessed: 1, progressPercentage: 12.5 }),
    ]);
    expect(run.status).toBe('InProgress');
    expect(run.stages![0]).toMatchObject({ status: 'InProgress', itemsToProcess: 4, itemsProcessed: 1, progressPercentage: 25 });
    expect(run.progressPercentage).toBe(12.5);
    const done = apply(
      [
        ev('stage-completed', {
          stageOrder: 1,
          itemsTotal: 4,
          itemsProcessed: 4,
          itemsFailed: 1,
          contentCount: 3,
          stagesCompleted: 1,
          progressPercentage: 50,
        }),
      ],
      run,
    );
    expect(done.stages![0]).toMatchObject({ status: 'Success', itemsProcessed: 4, itemsFailed: 1, progressPercentage: 100 });
    expect(done).toMatchObject({ stagesCompleted: 1, progressPercentage: 50, contentProcessed: 3 });
  });

  it('shows a failed stage with its code and ends the run with the rest skipped', () => {
    const run = apply([
      ev('started'),
      ev('stage-requested', { stageOrder: 1, attempt: 1 }),
      ev('stage-failed', {
        stageOrder: 1,
        errorCode: 'INGESTION.NOTHING_FETCHED',
        errorMessage: 'No content',
        retriable: false,
        retryAt: null,
      }),
      ev('finished', {
        status: 'Failed',
        errorCode: 'INGESTION.NOTHING_FETCHED',
        errorMessage: 'No content',
        completedAt: '2026-12-06T20:00:02.000Z',
      }),
    ]);
    expect(stageErrorCode(run.stages![0]!)).toBe('INGESTION.NOTHING_FETCHED');
    expect(run.stages!.map((s) => s.status)).toEqual(['Failed', 'Skipped']);
    expect(run).toMatchObject({ status: 'Failed', errorCode: 'INGESTION.NOTHING_FETCHED' });
    expect(defaultRerunStage(run)).toBe(1);
  });

  it('marks the running stage cancelled when the run is cancelled', () => {
    const run = apply([
      ev('started'),
      ev('stage-requested', { stageOrder: 1 }),
      ev('finished', { status: 'Cancelled', errorMessage: null }),
    ]);
    expect(run.stages!.map((s) => s.status)).toEqual(['Cancelled', 'Skipped']);
  });

  it('replayed from the first event over a read of the finished run, lands on the same run', () => {
    const events = [
      ev('created'),
      ev('started'),
      ev('stage-requested', { stageOrder: 1 }),
      ev('stage-completed', { stageOrder: 1, stagesCompleted: 1, progressPercentage: 50, contentCount: 2 }),
      ev('stage-requested', { stageOrder: 2 }),
      ev('stage-completed', { stageOrder: 2, stagesCompleted: 2, progressPercentage: 100, contentCount: 2 }),
      ev('finished', { status: 'Success', contentProcessed: 2, stagesCompleted: 2 }),
    ];
    const once = apply(events);
    expect(apply(events, once)).toEqual(once);
  });

  it('reads only well-formed messages', () => {
    expect(parseRunEvent('{"type":"started","payload":{}}')).toEqual({ type: 'started', occurredAt: undefined, payload: {} });
    expect(parseRunEvent('not json')).toBeNull();
    expect(parseRunEvent('{"type":"started"}')).toBeNull();
  });
});
