import { createHash } from 'node:crypto';
import { collapseWhitespace } from './text-normalizer';

export function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

// SHA-256 over an ordered list of hashes, one per line: the input/output hash of a stage run.
export function hashOfHashes(hashes: readonly string[]): string {
  return sha256(hashes.join('\n'));
}

// The hash duplicates are recognised by: text compared after NFKC, case folding and whitespace collapse.
export function duplicateKey(text: string): string {
  return sha256(collapseWhitespace(text.normalize('NFKC').toLowerCase()).replace(/\s+/g, ' '));
}
