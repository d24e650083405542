import { ContentFacts } from './content-analysis';

// What a source reader reports while it reads; the run turns it into history and content.
export type CollectedItem = ContentFacts & { fluxUuid: string; fluxNumber: number; name: string; storageKey: string };
export type FailedItem = { source: string; reason: string; unreachable: boolean };

export type FetchStats = {
  requests: number;
  responseTimesMs: number[];
  retryAttempts: number;
  headersSent: Record<string, Record<string, string>>;
  headersReceived: Record<string, Record<string, string>>;
};

export type FetchTotals = {
  items: CollectedItem[];
  failures: FailedItem[];
};

export function emptyStats(): FetchStats {
  return { requests: 0, responseTimesMs: [], retryAttempts: 0, headersSent: {}, headersReceived: {} };
}

// Counts by extension (or mime type when there is none), as in the seed's content_types.
export function countContentTypes(items: readonly Pick<CollectedItem, 'extension' | 'mimeType'>[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const i of items) {
    const key = i.extension ?? i.mimeType;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

// The stage fails only when nothing was fetched: SOURCE_UNREACHABLE (retriable) when some
// source could not be reached, NOTHING_FETCHED otherwise.
export function stageFailureOf(totals: FetchTotals): { code: string; retriable: boolean; message: string } | null {
  if (totals.items.length > 0) return null;
  const unreachable = totals.failures.filter((f) => f.unreachable);
  if (unreachable.length > 0) {
    return {
      code: 'INGESTION.SOURCE_UNREACHABLE',
      retriable: true,
      message: `No content fetched: ${unreachable
        .map((f) => `${f.source}: ${f.reason}`)
        .join('; ')
        .slice(0, 1000)}`,
    };
  }
  const reasons = totals.failures
    .map((f) => `${f.source}: ${f.reason}`)
    .join('; ')
    .slice(0, 1000);
  return {
    code: 'INGESTION.NOTHING_FETCHED',
    retriable: false,
    message: reasons ? `No content fetched: ${reasons}` : 'The data sources held no content',
  };
}
