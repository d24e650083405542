import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { repoRoot as root } from './paths';

// `npm run demo`: runs the "Data Processing Pipeline" template on the bundled example data
// (examples/demo-data) against the running platform (`npm start`), printing each stage's progress
// live, then searches the content and renders a CSV report.
const data = path.join(root, 'examples/demo-data');
const gateway = (process.env.GATEWAY_URL ?? `http://127.0.0.1:${process.env.GATEWAY_PORT ?? '8080'}`).replace(/\/$/, '');
const out = (line = '') => process.stdout.write(`${line}\n`);

// The parts of the API's answers the demo reads.
type Created = { id: string; name?: string };
type Stage = { order: number; name: string; status: string; progressPercentage: number; attempt: number; itemsProcessed?: number };
type Execution = Created & {
  runNumber: number;
  status: string;
  progressPercentage: number;
  stages: Stage[];
  errorCode?: string;
  errorMessage?: string;
  contentProcessed?: number;
  bytesProcessed?: number;
  durationMinutes?: number;
};
type SearchHits = { items: { name: string; category?: string | null; snippet?: string }[] };
type ReportRun = Created & { status: string; errorMessage?: string; recordsProcessed?: number };
type Problem = { error?: { code?: string; message?: string } };
let token = '';

async function call<T = Created>(method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(`${gateway}/api/v1${url}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const json: unknown = text ? JSON.parse(text) : {};
  if (!res.ok) {
    const { error } = json as Problem;
    throw new Error(`${method} ${url} answered ${res.status}: ${error?.code ?? ''} ${error?.message ?? text}`);
  }
  return json as T;
}

// The example "API" source: a JSON array served on 127.0.0.1:$DEMO_API_PORT (8099) for the run.
// The outbound guard refuses loopback addresses: `npm start` allows exactly this one destination
// (OUTBOUND_ALLOW_HOSTS=127.0.0.1:8099), so the port is fixed rather than a free one.
const demoApiPort = Number(process.env.DEMO_API_PORT ?? '8099');

function serveApi(): Promise<Server> {
  const body = readFileSync(path.join(data, 'api/market-news.json'));
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          `Cannot serve the demo API on 127.0.0.1:${demoApiPort} (${error.code}): free the port or set DEMO_API_PORT (and OUTBOUND_ALLOW_HOSTS for npm start) to another`,
        ),
      ),
    );
    server.listen(demoApiPort, '127.0.0.1', () => resolve(server));
  });
}

// Snippets come HTML-escaped with <b> around matches (safe for a page); the console wants text.
function plain(html: string): string {
  return html
    .replace(/<\/?b>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

function bar(percent: number, width = 24): string {
  const filled = Math.round((Math.max(0, Math.min(100, percent)) / 100) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent.toFixed(0).padStart(3)}%`;
}

async function main(): Promise<void> {
  const ready = await fetch(`${gateway}/health/ready`).catch(() => null);
  if (!ready?.ok) throw new Error(`The platform does not answer at ${gateway}: start it with \`npm start\` (or set GATEWAY_URL).`);

  const email = `demo-${randomBytes(3).toString('hex')}@mindhill.local`;
  const password = `demo passphrase ${randomBytes(6).toString('hex')}`;
  await call('POST', '/auth/register', { email, password, displayName: 'Demo' });
  token = (await call<{ accessToken: string }>('POST', '/auth/login', { email, password })).accessToken;
  out(`Signed in as ${email}`);

  const server = await serveApi();
  try {
    const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/market-news.json`;
    const news = await call('POST', '/data-sources', { name: 'Demo market news (HTTP)', type: 'api', url: apiUrl, format: 'json' });
    const files = await call('POST', '/data-sources', {
      name: 'Demo field files',
      type: 'file',
      folder: path.join(data, 'files'),
      glob: '*',
    });
    out(`Data sources: ${news.id} (api), ${files.id} (file)`);

    const workflow = await call('POST', '/workflow-templates/data-processing/workflows', {
      name: `Demo pipeline ${new Date().toISOString().slice(0, 19)}`,
      dataSources: [news.id, files.id],
      status: 'active',
      stageSettings: {
        refinement: {
          rules: [
            { category: 'agriculture', tags: ['farming'], keywords: ['wheat', 'harvest', 'farm', 'farms', 'blé', 'récolte', 'coffee'] },
            { category: 'energy', tags: ['renewables'], keywords: ['solar', 'wind', 'energy', 'grid', 'battery'] },
            { category: 'markets', tags: ['prices'], keywords: ['price', 'prices', 'export', 'futures', 'traders', 'prix'] },
          ],
          defaultCategory: 'other',
          flagDuplicates: true,
        },
      },
    });
    out(`Workflow "${workflow.name}" (${workflow.id}) from template data-processing`);

    const execution = await call<Execution>('POST', `/workflows/${workflow.id}/executions`, { triggeredBy: 'manual' });
    out(`Run #${execution.runNumber} started: ${execution.id}\n`);
    const final = await follow(execution.id);
    out();
    if (final.status !== 'Success') throw new Error(`The run ended ${final.status}: ${final.errorCode ?? ''} ${final.errorMessage ?? ''}`);
    out(`Run finished: ${final.contentProcessed} content items, ${final.bytesProcessed} bytes, ${final.durationMinutes} min`);

    const hits = await call<SearchHits>('GET', `/contents/search?q=${encodeURIComponent('wheat price')}&limit=3`);
    out(`\nSearch "wheat price": ${hits.items.length} result(s)`);
    for (const h of hits.items) out(`  - ${h.name} [${h.category ?? 'uncategorised'}] ${plain(String(h.snippet ?? '')).slice(0, 90)}`);

    const report = await call('POST', '/reports', {
      reportName: `Demo contents ${execution.runNumber}`,
      reportType: 'detailed',
      reportConfig: { source: 'contents' },
      filters: { executionId: execution.id },
      outputFormats: ['csv', 'json'],
    });
    let run = await call<ReportRun>('POST', `/reports/${report.id}/executions`, { format: 'csv' });
    for (let i = 0; i < 100 && !['Success', 'Failed'].includes(run.status); i++) {
      await new Promise((r) => setTimeout(r, 300));
      run = await call<ReportRun>('GET', `/report-executions/${run.id}`);
    }
    if (run.status !== 'Success') throw new Error(`The report ended ${run.status}: ${run.errorMessage ?? ''}`);
    const csv = await fetch(`${gateway}/api/v1/report-executions/${run.id}/download`, { headers: { authorization: `Bearer ${token}` } });
    const file = path.join(root, '.local/demo', `report-${run.id}.csv`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, Buffer.from(await csv.arrayBuffer()));
    out(`\nReport: ${run.recordsProcessed ?? '?'} rows`);
    out(`  saved to ${path.relative(process.cwd(), file)}`);
    out(`  download: GET ${gateway}/api/v1/report-executions/${run.id}/download (with your token)`);
  } finally {
    server.close();
  }
}

// Polls the run and redraws one progress line per stage until it ends.
async function follow(executionId: string): Promise<Execution> {
  let drawn = 0;
  for (;;) {
    const e = await call<Execution>('GET', `/executions/${executionId}`);
    const lines = [
      `run      ${bar(e.progressPercentage)}  ${e.status}`,
      ...e.stages.map(
        (s) =>
          `${String(s.order)}. ${s.name.padEnd(14)} ${bar(s.status === 'Success' ? 100 : s.progressPercentage)}  ${s.status}${s.attempt > 1 ? ` (attempt ${s.attempt})` : ''}${s.itemsProcessed ? `  ${s.itemsProcessed} items` : ''}`,
      ),
    ];
    if (drawn > 0 && process.stdout.isTTY) process.stdout.write(`\x1b[${drawn}A`);
    if (process.stdout.isTTY || ['Success', 'Failed', 'Cancelled', 'Timeout'].includes(e.status)) {
      for (const line of lines) process.stdout.write(`\x1b[2K${line}\n`);
      drawn = lines.length;
    }
    if (['Success', 'Failed', 'Cancelled', 'Timeout'].includes(e.status)) return e;
    await new Promise((r) => setTimeout(r, 250));
  }
}

main().catch((error: Error) => {
  process.stderr.write(`Demo failed: ${error.message}\n`);
  process.exit(1);
});
