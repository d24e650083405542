import { CollectedItem, FailedItem } from '../../fetching/domain/fetch-collector';
import { ResolvedSource } from '../../fetching/infrastructure/readers/source-reader';
import { ContentStore } from './content-store';

// Writes a fetch's blobs a few at a time in the background while reading goes on: one at a
// time, a fetch of many small items waited on thousands of file-system round trips in a row.
// `settle()` waits for all of them and returns the items whose bytes could not be stored.
export class BlobWrites {
  private readonly pending = new Set<Promise<void>>();
  private readonly failed: { item: CollectedItem; failure: FailedItem }[] = [];

  constructor(
    private readonly store: ContentStore,
    private readonly inFlight: number,
  ) {}

  // Resolves once the write is started (waiting while `inFlight` writes are under way).
  async put(item: CollectedItem, source: ResolvedSource, name: string, bytes: Buffer): Promise<void> {
    while (this.pending.size >= this.inFlight) await Promise.race(this.pending);
    const write: Promise<void> = this.store
      .put(item.sha256, bytes)
      .then(
        () => undefined,
        (error: NodeJS.ErrnoException) => {
          this.failed.push({
            item,
            failure: { source: source.label, reason: `${name}: ${error.code ?? error.message}`, unreachable: false },
          });
        },
      )
      .finally(() => this.pending.delete(write));
    this.pending.add(write);
  }

  async settle(): Promise<{ item: CollectedItem; failure: FailedItem }[]> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
    return this.failed.splice(0);
  }
}
