// Value rules of the orchestrator: retries, progress, durations, terminal states.

// max_retries counts retries, not attempts: with 3, a stage may run 4 times.
export function shouldRetry(input: { retriable: boolean; failedAttempt: number; maxRetries: number }): boolean {
  return input.retriable && input.failedAttempt <= input.maxRetries;
}

// Progress of the whole run: finished stages plus the share of the current one.
export function executionProgress(stagesCompleted: number, totalStages: number, currentStageFraction = 0): number {
  if (totalStages <= 0) return 0;
  const fraction = Math.max(0, Math.min(1, currentStageFraction));
  return round2(Math.min(100, ((stagesCompleted + fraction) / totalStages) * 100));
}

export function durationMinutes(startedAt: Date | string | null, completedAt: Date | string): number {
  if (!startedAt) return 0;
  return round2(Math.max(0, new Date(completedAt).getTime() - new Date(startedAt).getTime()) / 60_000);
}

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

export const TERMINAL_STATUSES = ['Success', 'Failed', 'Cancelled', 'Timeout'] as const;
export function isTerminal(status: string): boolean {
  return (TERMINAL_STATUSES as readonly string[]).includes(status);
}
