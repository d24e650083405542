// A coded error a client can act on. Services throw these; the HTTP edge maps them once.
// gone: the thing existed and was removed for good (a report file past its retention).
export type DomainErrorKind = 'invalid' | 'unauthorized' | 'forbidden' | 'not-found' | 'gone' | 'conflict' | 'too-many' | 'unavailable';

export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly kind: DomainErrorKind,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
