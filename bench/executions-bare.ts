import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ContentStore } from '../apps/ingestion/src/contents/infrastructure/content-store';
import { DataSourceRow } from '../apps/ingestion/src/data-sources/infrastructure/data-source.repository';
import { analyseContent } from '../apps/ingestion/src/fetching/domain/content-analysis';
import { emptyStats } from '../apps/ingestion/src/fetching/domain/fetch-collector';
import { readFileSource } from '../apps/ingestion/src/fetching/infrastructure/readers/file-source.reader';
import { ReadContext, ResolvedSource } from '../apps/ingestion/src/fetching/infrastructure/readers/source-reader';
import { decodeBytes, detectFormat } from '../apps/processing/src/stages/domain/content-decoder';
import { runStage, StageItem } from '../apps/processing/src/stages/domain/stage-processor';

// The bare baseline of the executions benchmark: the two stages' own code called in a loop in
// one process, no database, no Kafka, no HTTP. Fetch = the file data source's reader (real paths,
// root checks, O_NOFOLLOW open) + content analysis + the content-addressed store; normalization
// = decode + runStage('normalization'). Runs for durationMs and answers runs/s.
export async function bareExecutions(
  folder: string,
  fileName: string,
  durationMs: number,
): Promise<{ runs: number; perSecond: number; items: number }> {
  const store = new ContentStore(mkdtempSync(path.join(tmpdir(), 'mindhill-bench-exec-store-')));
  const now = new Date();
  const row: DataSourceRow = {
    id: 1,
    uuid: '00000000-0000-4000-8000-000000000001',
    name: 'bare',
    description: null,
    source_type: 'file',
    config: { folder, glob: fileName },
    credentials_encrypted: null,
    credentials_set: [],
    status: 'active',
    version: 1,
    created_by: null,
    updated_by: null,
    created_at: now,
    updated_at: now,
    archived_at: null,
    is_public: false,
    shared_with_users: [],
    usable_by_users: [],
  };
  const source: ResolvedSource = { row, credentials: {}, label: 'bare' };
  let runs = 0;
  let items = 0;
  const started = performance.now();
  try {
    while (performance.now() - started < durationMs) {
      const fetched: StageItem[] = [];
      const ctx: ReadContext = {
        maxBytes: 50 * 1024 * 1024,
        timeoutMs: 30_000,
        fileRoots: [path.dirname(folder)],
        outbound: { allowHosts: [], allowCidrs: [], denyPorts: new Set(), denyHostPorts: [] },
        stats: emptyStats(),
        emit: async (_source, name, bytes) => {
          const facts = analyseContent(bytes, name, null);
          await store.put(facts.sha256, bytes);
          fetched.push({
            contentId: facts.sha256,
            fluxId: 'bare',
            text: decodeBytes(bytes).text,
            format: detectFormat(facts.mimeType, facts.extension),
            sourceLanguage: facts.language,
            state: null,
          });
        },
        fail: (_source, reason) => {
          throw new Error(`bare fetch failed: ${reason}`);
        },
      };
      await readFileSource(source, ctx);
      items += runStage('normalization', {}, fetched).outputs.length;
      runs++;
    }
  } finally {
    rmSync(store.root, { recursive: true, force: true });
  }
  const ms = performance.now() - started;
  return { runs, perSecond: (runs / ms) * 1000, items };
}
