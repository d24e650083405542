// Raised when an append finds the stream already past the expected version. The command is
// re-run from a fresh read; it never reaches a client unless retries run out.
export class ConcurrencyError extends Error {
  readonly code = 'EVENTSTORE.VERSION_CONFLICT';
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
  ) {
    super(`Stream ${streamId} is past version ${expectedVersion}`);
    this.name = 'ConcurrencyError';
  }
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; constraint?: string; message?: string } | null;
  if (!e || e.code !== '23505') return false;
  return constraint === undefined || e.constraint === constraint || (e.message ?? '').includes(constraint);
}
