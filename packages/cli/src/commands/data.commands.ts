import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ReadableStream } from 'node:stream/web';
import { setTimeout as wait } from 'node:timers/promises';
import { Command } from 'commander';
import { answer } from '../api/api-client';
import { IDEMPOTENCY_HELP, idempotency, parseChoice, parseLimit, parseSince } from '../arguments';
import { apiError } from '../cli-error';
import { items, table } from '../output/output';
import { Action } from './action';

const SERVICES = ['gateway', 'auth', 'workflows', 'ingestion', 'processing', 'reporting', 'audit'] as const;
const AUDIT_POLL_MS = 2_000;

export function registerDataCommands(program: Command, action: Action): void {
  const contents = program.command('contents').description('processed content');
  contents
    .command('search <query...>')
    .description('full-text search over the content you may see (websearch syntax: "exact words", or, -not)')
    .option('--category <category>', 'only this category')
    .option('--limit <n>', 'at most n (1-100)', parseLimit, 20)
    .action(
      action(async (ctx, options: { category?: string; limit: number }, query) => {
        const page = await answer(
          ctx.api().GET('/api/v1/contents/search', { params: { query: { q: query, category: options.category, limit: options.limit } } }),
        );
        ctx.out.result(page, () => table(items(page), ['contentId', 'name', 'category', 'language', 'snippet']));
      }),
    );

  const reports = program.command('reports').description('run reports and download their files');
  reports
    .command('run <report>')
    .description('render a report (by id) now; --wait waits for the file')
    .requiredOption('--format <format>', 'json, csv, html, xlsx or pdf (one the report lists)')
    .option('--wait', 'wait until it is rendered')
    .option('--idempotency-key <key>', IDEMPOTENCY_HELP)
    .action(
      action(async (ctx, options: { format: string; wait?: boolean; idempotencyKey?: string }, id) => {
        const api = ctx.api();
        let run = await answer<{ id: string; status: string; errorMessage?: string | null }>(
          api.POST('/api/v1/reports/{id}/executions', {
            params: { path: { id: id! }, ...idempotency(options.idempotencyKey) },
            body: { format: options.format },
          }),
        );
        while (options.wait && !['Success', 'Failed', 'Cancelled'].includes(run.status)) {
          await wait(500);
          run = await answer(api.GET('/api/v1/report-executions/{id}', { params: { path: { id: run.id } } }));
        }
        if (run.status === 'Failed') ctx.exitCode = 1;
        ctx.out.result(
          run,
          () => `Report run ${run.id}: ${run.status}${run.status === 'Success' ? `; mindhill reports download ${run.id}` : ''}`,
        );
      }),
    );
  reports
    .command('download <reportRun>')
    .description("save a report run's file (the name the platform gives, or -o; -o - for stdout)")
    .option('-o, --output <file>', 'where to write it')
    .action(
      action(async (ctx, options: { output?: string }, id) => {
        const { response, error } = await ctx
          .api()
          .GET('/api/v1/report-executions/{id}/download', { params: { path: { id: id! } }, parseAs: 'stream' });
        if (!response.ok || !response.body) throw apiError(response.status, error);
        const file = options.output ?? fileName(response.headers.get('content-disposition')) ?? `report-${id}`;
        const body = Readable.fromWeb(response.body as ReadableStream<Uint8Array>);
        if (file === '-') {
          await pipeline(body, ctx.io.stdout, { end: false });
          return;
        }
        await pipeline(body, createWriteStream(file));
        ctx.out.result({ file, contentType: response.headers.get('content-type') }, () => `Saved ${file}`);
      }),
    );

  const audit = program.command('audit').description('the audit log');
  audit
    .command('tail')
    .description('the latest audit entries, oldest first; --follow keeps printing new ones (one JSON object a line with --json)')
    .option('-n, --lines <n>', 'how many to show first (1-500)', parseLimit, 20)
    .option('--category <category>', 'auth, security, admin, workflow, data, report or system')
    .option('--type <type>', 'one event type, e.g. workflows.execution.finished')
    .option('--since <when>', 'since: 30m, 12h, 7d or an ISO date-time', (raw) => parseSince(raw))
    .option('-f, --follow', 'keep printing new entries (every 2 s)')
    .action(
      action(async (ctx, options: { lines: number; category?: string; type?: string; since?: string; follow?: boolean }) => {
        const api = ctx.api();
        const seen = new Set<string>();
        let from = options.since;
        const print = (rows: Record<string, unknown>[]) => {
          for (const row of rows.reverse()) {
            const key = String(row.id);
            if (seen.has(key)) continue;
            seen.add(key);
            if (typeof row.timestamp === 'string') from = row.timestamp;
            ctx.out.raw(
              ctx.out.json
                ? `${JSON.stringify(row)}\n`
                : `${String(row.timestamp)}  ${String(row.severity).padEnd(8)} ${String(row.eventType)}  ${String(row.userEmail ?? '-')}  ${String(row.resourceId ?? '')}\n`,
            );
          }
        };
        const page = (limit: number) =>
          answer(
            api.GET('/api/v1/audit-logs', { params: { query: { category: options.category, type: options.type, from, limit } } }),
          ).then(items);
        print(await page(options.lines));
        while (options.follow) {
          await wait(AUDIT_POLL_MS);
          // `from` is inclusive: the newest row comes again and is skipped by its id.
          print(await page(500));
        }
      }),
    );

  const deadLetters = program.command('dead-letters').description('messages a consumer could not handle (admin)');
  deadLetters
    .command('list')
    .description('dead letters (pending by default)')
    .option('--service <service>', SERVICES.join(', '), parseChoice(SERVICES))
    .option('--status <status>', 'pending, replayed or discarded', parseChoice(['pending', 'replayed', 'discarded'] as const))
    .option('--limit <n>', 'at most n (1-200)', parseLimit, 50)
    .action(
      action(
        async (ctx, options: { service?: (typeof SERVICES)[number]; status?: 'pending' | 'replayed' | 'discarded'; limit: number }) => {
          const page = await answer(
            ctx.api().GET('/api/v1/dead-letters', {
              params: { query: { service: options.service, status: options.status, limit: options.limit } },
            }),
          );
          ctx.out.result(page, () => table(items(page), ['id', 'service', 'originalTopic', 'errorCode', 'attempts', 'status', 'failedAt']));
        },
      ),
    );
  deadLetters
    .command('replay <deadLetter>')
    .description('publish a dead letter again to its topic')
    .action(
      action(async (ctx, _options, id) => {
        const replayed = await answer<Record<string, unknown>>(
          ctx.api().POST('/api/v1/dead-letters/{id}/replay', { params: { path: { id: id! } } }),
        );
        ctx.out.result(replayed, () => `Replayed dead letter ${id!} (${String(replayed.status ?? 'replayed')})`);
      }),
    );
}

// content-disposition: attachment; filename="report-….csv" (only a plain file name is taken).
export function fileName(header: string | null): string | undefined {
  const name = header ? /filename="?([^";]+)"?/i.exec(header)?.[1] : undefined;
  if (!name || name.includes('/') || name.includes('\\') || name.startsWith('.')) return undefined;
  return name;
}
