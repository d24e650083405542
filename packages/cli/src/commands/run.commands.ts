import { Command } from 'commander';
import { answer } from '../api/api-client';
import {
  coerceInputs,
  collectInput,
  IDEMPOTENCY_HELP,
  idempotency,
  InputDeclaration,
  parseChoice,
  parseLimit,
  parsePriority,
  parseSince,
} from '../arguments';
import { Context } from '../context';
import { exitCodeFor, ExecutionView } from '../follow/follow-state';
import { followRun, getExecution } from '../follow/follow-run';
import { barsView, linesView } from '../follow/progress-view';
import { items, table } from '../output/output';
import { Action } from './action';
import { resolveWorkflowId } from './workflow-reference';

const STATUSES = ['Created', 'InProgress', 'Success', 'Failed', 'Cancelled', 'Timeout'] as const;

export function registerRunCommands(program: Command, action: Action): void {
  program
    .command('run <workflow>')
    .description(
      'start a run of a workflow (by id or exact name); --follow shows each stage live and exits 0 on Success, 1 on Failed, 2 on Cancelled or Timeout',
    )
    .option('-i, --input <key=value>', 'a run input (key=value for a string, key:=json for any JSON value); repeatable', collectInput)
    .option('--priority <n>', 'from -100 to 100: ahead of lower-priority runs when it waits for a slot', parsePriority)
    .option('-f, --follow', 'show the stages live until the run ends')
    .option('--idempotency-key <key>', IDEMPOTENCY_HELP)
    .action(
      action(
        async (
          ctx,
          options: { input?: Record<string, unknown>; priority?: number; follow?: boolean; idempotencyKey?: string },
          reference,
        ) => {
          const api = ctx.api();
          const id = await resolveWorkflowId(api, reference!);
          // Typed as the workflow declares them (`-i days=7` is a number when `days` is one).
          const inputs = options.input ? coerceInputs(options.input, await declaredInputs(ctx, id)) : undefined;
          const body = { ...(inputs ? { inputs } : {}), ...(options.priority !== undefined ? { priority: options.priority } : {}) };
          const started = await answer<ExecutionView & { runNumber?: number }>(
            api.POST('/api/v1/workflows/{id}/executions', { params: { path: { id }, ...idempotency(options.idempotencyKey) }, body }),
          );
          if (!options.follow) {
            ctx.out.result(
              started,
              () =>
                `Started run ${started.runNumber ?? ''} (${started.id}), ${started.status}; follow it: mindhill executions follow ${started.id}`,
            );
            return;
          }
          await follow(ctx, started.id);
        },
      ),
    );

  const executions = program.command('executions').description('runs across the workflows you may see');

  executions
    .command('list')
    .description('runs, newest first')
    .option('--status <status>', STATUSES.join(', '), parseChoice(STATUSES))
    .option('--since <when>', 'created since: 30m, 12h, 7d or an ISO date-time', (raw) => parseSince(raw))
    .option('--workflow <workflow>', 'of one workflow (id or exact name)')
    .option('--limit <n>', 'at most n (1-100)', parseLimit, 50)
    .action(
      action(async (ctx, options: { status?: (typeof STATUSES)[number]; since?: string; workflow?: string; limit: number }) => {
        const api = ctx.api();
        const workflowId = options.workflow ? await resolveWorkflowId(api, options.workflow) : undefined;
        const page = await answer(
          api.GET('/api/v1/executions', {
            params: { query: { status: options.status, from: options.since, workflowId, limit: options.limit } },
          }),
        );
        ctx.out.result(page, () =>
          table(items(page), ['id', 'workflowId', 'runNumber', 'status', 'progressPercentage', 'createdAt', 'errorCode']),
        );
      }),
    );

  executions
    .command('show <execution>')
    .description('one run with its stages')
    .action(
      action(async (ctx, _options, id) => {
        const execution = await getExecution(ctx.api(), id!);
        ctx.out.result(execution, () =>
          [
            `Run ${execution.id}: ${execution.status}${execution.errorCode ? ` (${execution.errorCode}: ${execution.errorMessage ?? ''})` : ''}`,
            table(execution.stages ?? [], ['order', 'name', 'status', 'itemsProcessed', 'itemsToProcess', 'progressPercentage']),
          ].join('\n'),
        );
      }),
    );

  executions
    .command('follow <execution>')
    .description('show a run live until it ends (exit codes as run --follow)')
    .action(action(async (ctx, _options, id) => follow(ctx, id!)));
}

async function declaredInputs(ctx: Context, workflowId: string): Promise<InputDeclaration[]> {
  const workflow = await answer<{ inputs?: InputDeclaration[] }>(
    ctx.api().GET('/api/v1/workflows/{id}', { params: { path: { id: workflowId } } }),
  );
  return Array.isArray(workflow.inputs) ? workflow.inputs : [];
}

async function follow(ctx: Context, executionId: string): Promise<void> {
  const stderr = ctx.io.stderr;
  const view = stderr.isTTY ? barsView(stderr) : linesView(stderr);
  // Ctrl-C stops watching, not the run: the bars are closed (cursor back) and the way back named.
  const interrupted = () => {
    view.stop();
    ctx.out.info(`Stopped following; the run goes on: mindhill executions follow ${executionId}`);
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  const { execution, status } = await followRun(executionId, {
    api: ctx.api(),
    fetch: ctx.session.fetch,
    baseUrl: ctx.session.baseUrl,
    view,
  }).finally(() => process.off('SIGINT', interrupted));
  ctx.exitCode = exitCodeFor(status);
  ctx.out.result(execution, () =>
    status === 'Success'
      ? `Run ${execution.id}: Success`
      : `Run ${execution.id}: ${status}${execution.errorCode ? ` (${execution.errorCode}: ${execution.errorMessage ?? ''})` : ''}`,
  );
}
