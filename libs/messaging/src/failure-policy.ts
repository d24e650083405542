// Decides, in one place, whether a failed message is worth another attempt.
// Permanent: the message itself is wrong (bad JSON, wrong schema, unknown version, a rejected
// decision); retrying cannot help, so it goes straight to the dead-letter topic.
export class PermanentMessageError extends Error {
  readonly permanent = true;
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'PermanentMessageError';
  }
}

const PERMANENT_NAMES = new Set(['ContractError', 'ZodError', 'PermanentMessageError']);

export function isPermanentFailure(error: unknown): boolean {
  const e = error as { name?: string; permanent?: boolean; kind?: string } | null;
  if (!e) return false;
  if (e.permanent === true || PERMANENT_NAMES.has(e.name ?? '')) return true;
  // A DomainError that rejects the input will reject it again.
  return e.name === 'DomainError' && (e.kind === 'invalid' || e.kind === 'conflict' || e.kind === 'not-found');
}

export function errorCode(error: unknown): string {
  const e = error as { code?: unknown; name?: string } | null;
  if (e && typeof e.code === 'string') return e.code;
  return e?.name && e.name !== 'Error' ? e.name : 'HANDLER.FAILED';
}

export type RetryPolicy = { maxAttempts: number; initialBackoffMs: number; maxBackoffMs: number };
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, initialBackoffMs: 100, maxBackoffMs: 3_000 };

export function backoffMs(policy: RetryPolicy, attempt: number): number {
  const exp = Math.min(policy.maxBackoffMs, policy.initialBackoffMs * 2 ** (attempt - 1));
  return Math.round(exp / 2 + Math.random() * (exp / 2));
}
