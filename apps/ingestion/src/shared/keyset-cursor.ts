import { DomainError } from '@mindhill/domain';

// An opaque cursor over an integer key (lists ordered by a business id).
export function encodeCursor(id: number | string): string {
  return Buffer.from(JSON.stringify({ id: String(id) })).toString('base64url');
}

export function decodeCursor(raw: string): number {
  try {
    const { id } = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as { id: string };
    if (/^\d{1,10}$/.test(String(id))) return Number(id);
  } catch {
    // fall through
  }
  throw new DomainError('INGESTION.INVALID_CURSOR', 'The cursor is not one this API returned', 'invalid');
}
