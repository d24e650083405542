import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { analyseContent } from '../apps/ingestion/src/fetching/domain/content-analysis';
import { ContentStore } from '../apps/ingestion/src/contents/infrastructure/content-store';
import { decodeBytes, detectFormat } from '../apps/processing/src/stages/domain/content-decoder';
import { runStage, StageItem } from '../apps/processing/src/stages/domain/stage-processor';
import { call, Session } from './lib/api';
import { log, ResultRow, round, sleep, summarize } from './lib/stats';

export type PipelineOptions = { gateway: string; session: Session; files: number; rounds: number; fileRoot: string; timeoutMs: number };

const STAGES = [
  { name: 'fetching', type: 'fetching', settings: {} },
  { name: 'normalization', type: 'normalization', settings: {} },
  { name: 'calculation', type: 'calculation', settings: {} },
] as const;

// Benchmark 4: a workflow (fetching -> normalization -> calculation) over N small CSV files, end
// to end through the gateway (POST the execution, poll until it ends), against one process
// doing the same work in a loop: read, analyse (sha-256, mime type, encoding, language, preview,
// word count), store content-addressed, decode, normalize, calculate. Alternated script,
// pipeline, script, pipeline. Every round gets files of its own (the round number is in their
// content) and the script a fresh content store, so neither side finds blobs stored by an
// earlier round: a script that found them skipped its writes and ran 5 times faster, which made
// the ratio depend on the round.
export async function pipelineBench(options: PipelineOptions): Promise<{ rows: ResultRow[]; details: unknown }> {
  const script: number[] = [];
  const pipeline: number[] = [];
  const runs: unknown[] = [];
  for (let r = 1; r <= options.rounds; r++) {
    const scriptFolder = path.join(options.fileRoot, `pipeline-${r}-script`);
    const pipelineFolder = path.join(options.fileRoot, `pipeline-${r}`);
    writeFiles(scriptFolder, options.files, r);
    writeFiles(pipelineFolder, options.files, r);
    const scriptStore = mkdtempSync(path.join(tmpdir(), 'mindhill-bench-script-store-'));
    try {
      const s = await runScript(scriptFolder, new ContentStore(scriptStore));
      script.push(s.ms);
      log(
        `pipeline: round ${r} script   ${options.files} files in ${(s.ms / 1000).toFixed(2)} s (${s.items} items, ${s.fields} numeric fields)`,
      );
      const p = await runPipeline(options, pipelineFolder, r);
      pipeline.push(p.ms);
      runs.push(p.execution);
      log(`pipeline: round ${r} pipeline ${options.files} files in ${(p.ms / 1000).toFixed(2)} s (${p.summary})`);
    } finally {
      rmSync(scriptStore, { recursive: true, force: true });
      rmSync(scriptFolder, { recursive: true, force: true });
    }
  }
  const ratio = summarize(pipeline.map((p, i) => script[i]! / p));
  return {
    rows: [
      {
        benchmark: '4. pipeline',
        metric: `${options.files} files, fetching -> normalization -> calculation`,
        unit: 's',
        value: summarize(pipeline.map((v) => round(v / 1000, 2))),
        baseline: summarize(script.map((v) => round(v / 1000, 2))),
        ratio,
        target: 'ratio >= 0.5',
        met: ratio.median >= 0.5,
        note: "ratio = script time / pipeline time (the pipeline's speed as a fraction of the script's)",
      },
    ],
    details: { files: options.files, scriptMs: script, pipelineMs: pipeline, executions: runs },
  };
}

function writeFiles(folder: string, count: number, round: number): void {
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const cities = ['Paris', 'Lyon', 'Nantes', 'Lille', 'Nice', 'Brest'];
  for (let i = 0; i < count; i++) {
    const rows = cities
      .slice(0, 3 + (i % 4))
      .map((c, j) => `${c},${(10 + ((i * 7 + j * 3) % 250) / 10).toFixed(1)},${40 + ((i + j * 11) % 55)},${i * 10 + j}`);
    writeFileSync(
      path.join(folder, `reading-${String(i).padStart(6, '0')}.csv`),
      `city,temperature,humidity,sample,round\n${rows.map((row) => `${row},${round}`).join('\n')}\n`,
    );
  }
}

async function runScript(folder: string, store: ContentStore): Promise<{ ms: number; items: number; fields: number }> {
  const started = performance.now();
  const names = (await readdir(folder)).filter((n) => n.endsWith('.csv')).sort();
  const items: StageItem[] = [];
  for (const name of names) {
    const bytes = await readFile(path.join(folder, name));
    const facts = analyseContent(bytes, name, null);
    await store.put(facts.sha256, bytes);
    items.push({
      contentId: facts.sha256,
      fluxId: 'script',
      text: decodeBytes(bytes).text,
      format: detectFormat(facts.mimeType, facts.extension),
      sourceLanguage: facts.language,
      state: null,
    });
  }
  const normalized = runStage('normalization', {}, items);
  const calculated = runStage(
    'calculation',
    {},
    normalized.outputs.map((o) => ({
      contentId: o.contentId,
      fluxId: 'script',
      text: o.text,
      format: o.format,
      sourceLanguage: null,
      state: o,
    })),
  );
  const fields = Object.keys((calculated.output.fields ?? {}) as object).length;
  return { ms: performance.now() - started, items: calculated.outputs.length, fields };
}

// What GET /api/v1/executions/:id answers, as far as the benchmark reads it.
type ExecutionView = {
  id: string;
  status: string;
  errorCode?: string;
  errorMessage?: string;
  stages: { name: string; itemsProcessed?: number; startedAt?: string; completedAt?: string }[];
};

async function runPipeline(
  options: PipelineOptions,
  folder: string,
  round: number,
): Promise<{ ms: number; execution: unknown; summary: string }> {
  const { gateway, session } = options;
  const source = await call<{ id: string }>(
    gateway,
    'POST',
    '/api/v1/data-sources',
    { name: `bench files ${round} ${Date.now()}`, type: 'file', folder, glob: '*.csv' },
    session.token,
  );
  const workflow = await call<{ id: string }>(
    gateway,
    'POST',
    '/api/v1/workflows',
    {
      name: `bench pipeline ${round} ${Date.now()}`,
      status: 'active',
      timeoutMinutes: 30,
      maxRetries: 0,
      configuration: {
        stages: STAGES.map((s) => ({ ...s, timeoutSeconds: 1800, ...(s.type === 'fetching' ? { dataSources: [source.id] } : {}) })),
      },
    },
    session.token,
  );
  const started = performance.now();
  const execution = await call<{ id: string }>(
    gateway,
    'POST',
    `/api/v1/workflows/${workflow.id}/executions`,
    { triggeredBy: 'manual' },
    session.token,
  );
  for (;;) {
    const e = await call<ExecutionView>(gateway, 'GET', `/api/v1/executions/${execution.id}`, undefined, session.token);
    if (['Success', 'Failed', 'Cancelled', 'Timeout'].includes(e.status)) {
      const ms = performance.now() - started;
      if (e.status !== 'Success') throw new Error(`pipeline run ended ${e.status}: ${e.errorCode ?? ''} ${e.errorMessage ?? ''}`);
      const stages = e.stages.map((s) => ({
        name: s.name,
        items: s.itemsProcessed,
        ms: s.startedAt && s.completedAt ? Date.parse(s.completedAt) - Date.parse(s.startedAt) : null,
        startedAt: s.startedAt ?? null,
        completedAt: s.completedAt ?? null,
      }));
      // Wall-clock times too, to line the stages up with profiles and logs of the apps.
      return {
        ms,
        execution: { id: e.id, status: e.status, triggeredAt: new Date(Date.now() - ms).toISOString(), stages },
        summary: stages.map((s) => `${s.name} ${s.ms === null ? '?' : (s.ms / 1000).toFixed(1)} s`).join(', '),
      };
    }
    if (performance.now() - started > options.timeoutMs)
      throw new Error(`pipeline run still ${e.status} after ${options.timeoutMs / 1000} s`);
    await sleep(200);
  }
}
