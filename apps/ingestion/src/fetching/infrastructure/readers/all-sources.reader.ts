import { EntityManager } from '@mikro-orm/postgresql';
import { BlobWrites } from '../../../contents/infrastructure/blob-writes';
import { ContentStore } from '../../../contents/infrastructure/content-store';
import { DatabaseSourcePolicy } from '../../../data-sources/domain/database-source-policy';
import { OutboundPolicy } from '@mindhill/platform';
import { analyseContent } from '../../domain/content-analysis';
import { CollectedItem, emptyStats, FailedItem, FetchStats } from '../../domain/fetch-collector';
import { readApiSource } from './api-source.reader';
import { databaseSourceReader } from './database-source.reader';
import { readFileSource } from './file-source.reader';
import { ReadContext, ResolvedSource, SourceReader } from './source-reader';
import { webhookSourceReader } from './webhook-source.reader';

// Blob writes under way at once while reading goes on (each is several file-system calls).
const PUTS_IN_FLIGHT = 16;

export type SourceReadings = { items: CollectedItem[]; failures: FailedItem[]; stats: FetchStats; consumed: string[]; bytes: number };
export type ReadSettings = {
  maxBytes: number;
  options: {
    timeoutMs: number;
    fileRoots: readonly string[];
    outbound: OutboundPolicy;
    database: DatabaseSourcePolicy;
    progressEveryMs: number;
  };
  store: ContentStore;
  readModel: () => EntityManager;
  lease: { extend(): Promise<void> };
  report: (itemsDone: number, bytes: number) => Promise<void>;
};

// Reads every source in turn, storing bytes as they come (every blob is on disk when this
// returns; an item whose bytes could not be stored is a failed item) and reporting progress
// now and then: every progressEveryMs (500 by default), the first one after that long, so a short
// fetch reports only its outcome (each report is a transaction here and in workflows, an audit
// row and a read-model update).
export async function readSources(sources: readonly ResolvedSource[], settings: ReadSettings): Promise<SourceReadings> {
  const { maxBytes, options, store, lease } = settings;
  const items: CollectedItem[] = [];
  const failures: FailedItem[] = [];
  const stats = emptyStats();
  const consumed: string[] = [];
  let bytes = 0;
  let lastProgressAt = Date.now();
  const progress = async () => {
    const done = items.length + failures.length;
    if (Date.now() - lastProgressAt < options.progressEveryMs) return;
    lastProgressAt = Date.now();
    await lease.extend();
    await settings.report(done, bytes);
  };
  const blobs = new BlobWrites(store, PUTS_IN_FLIGHT);
  const ctx: ReadContext = {
    maxBytes,
    fileRoots: options.fileRoots,
    outbound: options.outbound,
    timeoutMs: options.timeoutMs,
    stats,
    emit: async (source, name, data, declaredMime) => {
      if (data.length > maxBytes) {
        failures.push({ source: `${source.label}/${name}`, reason: `larger than the limit (${data.length} bytes)`, unreachable: false });
        return;
      }
      const facts = analyseContent(data, name, declaredMime);
      const item: CollectedItem = {
        ...facts,
        fluxUuid: source.row.uuid,
        fluxNumber: source.row.id,
        name: name.slice(0, 500),
        storageKey: store.keyOf(facts.sha256),
      };
      items.push(item);
      bytes += data.length;
      await blobs.put(item, source, name, data);
      await progress();
    },
    fail: (source, reason, unreachable) => failures.push({ source: source.label, reason, unreachable }),
  };
  const readers: Record<string, SourceReader> = {
    api: readApiSource,
    file: readFileSource,
    database: databaseSourceReader(options.database),
    webhook: webhookSourceReader(settings.readModel, store, consumed),
  };
  for (const source of sources) {
    await readers[source.row.source_type]!(source, ctx);
    await lease.extend();
    await progress();
  }
  for (const { item, failure } of await blobs.settle()) {
    items.splice(items.indexOf(item), 1);
    bytes -= item.sizeBytes;
    failures.push(failure);
  }
  return { items, failures, stats, consumed, bytes };
}
