import { decodeBytes, detectFormat, ContentFormat } from '../domain/content-decoder';
import { sha256 } from '../domain/content-hash';
import { FailedItem, StageItem } from '../domain/stage-processor';
import { ItemError } from '../domain/structured-data';
import { ContentStoreReader } from './content-store.reader';
import { PreviousTextRow, SourceContentRow } from './stage-input.reader';

const READ_AHEAD = 8;

export type StageItems = { items: StageItem[]; failures: FailedItem[]; encodings: Record<string, number>; bytesProcessed: number };
export type ItemReadSettings = {
  store: ContentStoreReader;
  maxItemBytes: number;
  progressEveryMs: number;
  // Called now and then with the number of items read so far.
  progress: (itemsRead: number, bytesProcessed: number) => Promise<void>;
};

// Each item's input: the text the latest earlier stage left, or the stored bytes decoded (checked
// against the content hash). Stored bytes are read a few items ahead (one at a time, thousands of
// small items waited on each file-system round trip in turn); only items without a previous
// stage's text need them. An item that cannot be read is a failed item, in content order.
export async function readStageItems(
  contents: readonly SourceContentRow[],
  previous: ReadonlyMap<string, PreviousTextRow>,
  settings: ItemReadSettings,
): Promise<StageItems> {
  const { store, maxItemBytes } = settings;
  const items: StageItem[] = [];
  const failures: FailedItem[] = [];
  const encodings: Record<string, number> = {};
  let bytesProcessed = 0;
  let lastProgress = Date.now();
  const needsBytes = (c: SourceContentRow) => !previous.has(c.content_id) && Number(c.size_bytes) <= maxItemBytes;
  const reads = new Map<number, Promise<Buffer>>();
  const readAhead = (from: number) => {
    for (let j = from; j < Math.min(contents.length, from + READ_AHEAD); j++) {
      const c = contents[j]!;
      if (!reads.has(j) && needsBytes(c)) {
        const read = store.read(c.storage_key);
        read.catch(() => undefined); // awaited (and reported) in order below
        reads.set(j, read);
      }
    }
  };
  for (const [i, c] of contents.entries()) {
    const prev = previous.get(c.content_id);
    readAhead(i);
    const read = reads.get(i);
    reads.delete(i);
    try {
      if (Number(c.size_bytes) > maxItemBytes) {
        throw new ItemError('PROCESSING.CONTENT_TOO_LARGE', `${c.size_bytes} bytes exceed the limit of ${maxItemBytes}`);
      }
      if (prev) {
        items.push({
          contentId: c.content_id,
          fluxId: c.flux_id,
          text: prev.text,
          format: prev.format as ContentFormat,
          sourceLanguage: c.language,
          state: prev,
        });
      } else {
        const bytes = await read!;
        if (sha256(bytes) !== c.sha256) throw new ItemError('PROCESSING.CONTENT_CORRUPT', 'stored bytes do not match the content hash');
        const decoded = decodeBytes(bytes);
        encodings[decoded.encoding] = (encodings[decoded.encoding] ?? 0) + 1;
        items.push({
          contentId: c.content_id,
          fluxId: c.flux_id,
          text: decoded.text,
          format: detectFormat(c.mime_type, c.extension),
          sourceLanguage: c.language,
          state: null,
        });
      }
      bytesProcessed += Number(c.size_bytes);
    } catch (error) {
      const code = error instanceof ItemError ? error.code : 'PROCESSING.ITEM_FAILED';
      failures.push({ contentId: c.content_id, code, reason: (error as Error).message.slice(0, 500) });
    }
    if (Date.now() - lastProgress >= settings.progressEveryMs) {
      await settings.progress(i + 1, bytesProcessed);
      lastProgress = Date.now();
    }
  }
  return { items, failures, encodings, bytesProcessed };
}
