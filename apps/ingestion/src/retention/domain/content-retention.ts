// Which blobs a retention run may delete: the hashes of the contents it removed that no remaining
// content, and no webhook delivery, still refers to (contents are deduplicated per data source,
// so two sources fetching the same bytes share one blob), and that no fetch touched since the
// cutoff (a fetch writing the same bytes right now may not have recorded its content yet).
export type BlobCandidate = { sha256: string; stillReferenced: boolean; touchedAt: Date | null };

export function blobsToDelete(candidates: readonly BlobCandidate[], cutoff: Date): string[] {
  return [...new Set(candidates.filter((c) => !c.stillReferenced && (c.touchedAt === null || c.touchedAt < cutoff)).map((c) => c.sha256))];
}

// The default of the content_retention_days setting, until an admin changes it.
export const DEFAULT_CONTENT_RETENTION_DAYS = 365;
