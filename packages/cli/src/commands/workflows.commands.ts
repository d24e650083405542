import { readFileSync, writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { parse, stringify } from 'yaml';
import { answer } from '../api/api-client';
import { IDEMPOTENCY_HELP, idempotency, parseChoice, parseLimit } from '../arguments';
import { CliError, EXIT } from '../cli-error';
import { items, table } from '../output/output';
import { Action } from './action';
import { resolveWorkflowId } from './workflow-reference';

// The fields of a workflow that define it, as POST /workflows takes them: what export writes and
// import reads (ids, numbers, statistics and sharing belong to one platform, not to the file).
const DEFINITION_FIELDS = [
  'name',
  'description',
  'configuration',
  'inputs',
  'scheduleCron',
  'scheduleTimezone',
  'timeoutMinutes',
  'maxRetries',
  'category',
  'tags',
] as const;

type CreateBody = { name: string; configuration: unknown } & Record<string, unknown>;

export function registerWorkflowCommands(program: Command, action: Action): void {
  const workflows = program.command('workflows').description('list, show, create, export and import workflows');

  workflows
    .command('list')
    .description('the workflows you may see')
    .option('--status <status>', 'active, inactive or archived', parseChoice(['active', 'inactive', 'archived'] as const))
    .option('--limit <n>', 'at most n (1-200)', parseLimit, 50)
    .action(
      action(async (ctx, options: { status?: 'active' | 'inactive' | 'archived'; limit: number }) => {
        const page = await answer(
          ctx.api().GET('/api/v1/workflows', { params: { query: { status: options.status, limit: options.limit } } }),
        );
        ctx.out.result(page, () => table(items(page), ['id', 'name', 'status', 'version', 'category']));
      }),
    );

  workflows
    .command('show <workflow>')
    .description('one workflow (by id or exact name)')
    .action(
      action(async (ctx, _options, reference) => {
        const api = ctx.api();
        const id = await resolveWorkflowId(api, reference!);
        const workflow = await answer<Record<string, unknown>>(api.GET('/api/v1/workflows/{id}', { params: { path: { id } } }));
        ctx.out.result(workflow, () => stringify(workflow).trimEnd());
      }),
    );

  workflows
    .command('create')
    .description('create a workflow from a YAML or JSON file holding the body of POST /api/v1/workflows')
    .requiredOption('-f, --file <file>', 'the workflow file (YAML or JSON)')
    .option('--idempotency-key <key>', IDEMPOTENCY_HELP)
    .action(
      action(async (ctx, options: { file: string; idempotencyKey?: string }) => {
        const body = readDefinition(options.file);
        const created = await answer<Record<string, unknown>>(
          ctx.api().POST('/api/v1/workflows', {
            params: idempotency(options.idempotencyKey),
            body: { ...body, configuration: body.configuration },
          }),
        );
        ctx.out.result(created, () => `Created workflow ${String(created.name)} (${String(created.id)}), ${String(created.status)}`);
      }),
    );

  workflows
    .command('export <workflow>')
    .description("write a workflow's definition as YAML (JSON with --json), to stdout or a file")
    .option('-o, --output <file>', 'write to this file')
    .action(
      action(async (ctx, options: { output?: string }, reference) => {
        const api = ctx.api();
        const id = await resolveWorkflowId(api, reference!);
        const workflow = await answer<Record<string, unknown>>(api.GET('/api/v1/workflows/{id}', { params: { path: { id } } }));
        const definition = pickDefinition(workflow);
        const text = ctx.out.json ? `${JSON.stringify(definition, null, 2)}\n` : stringify(definition);
        if (options.output) {
          writeFileSync(options.output, text);
          ctx.out.info(`Wrote ${options.output}`);
        } else ctx.out.raw(text);
      }),
    );

  workflows
    .command('import')
    .description('create a workflow from an exported file (or `workflows show --json` output: only the definition is kept)')
    .requiredOption('-f, --file <file>', 'the exported file (YAML or JSON)')
    .option('--name <name>', 'another name for the new workflow')
    .option('--active', 'create it active (runnable at once)')
    .option('--idempotency-key <key>', IDEMPOTENCY_HELP)
    .action(
      action(async (ctx, options: { file: string; name?: string; active?: boolean; idempotencyKey?: string }) => {
        const definition = pickDefinition(readDefinition(options.file));
        const body: CreateBody = { ...definition, name: options.name ?? String(definition.name), configuration: definition.configuration };
        if (options.active) body.status = 'active';
        const created = await answer<Record<string, unknown>>(
          ctx.api().POST('/api/v1/workflows', { params: idempotency(options.idempotencyKey), body }),
        );
        ctx.out.result(created, () => `Imported workflow ${String(created.name)} (${String(created.id)}), ${String(created.status)}`);
      }),
    );
}

function readDefinition(file: string): CreateBody {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError('CLI.FILE_UNREADABLE', `Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`, EXIT.usage);
  }
  let value: unknown;
  try {
    value = parse(text);
  } catch (error) {
    throw new CliError(
      'CLI.FILE_INVALID',
      `${file} is not YAML or JSON: ${error instanceof Error ? error.message : String(error)}`,
      EXIT.usage,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CliError('CLI.FILE_INVALID', `${file} must hold one workflow (a mapping with name and configuration)`, EXIT.usage);
  }
  return value as CreateBody;
}

function pickDefinition(workflow: Record<string, unknown>): CreateBody {
  const picked: Record<string, unknown> = {};
  for (const field of DEFINITION_FIELDS) if (workflow[field] !== undefined && workflow[field] !== null) picked[field] = workflow[field];
  return { ...picked, name: String(workflow.name), configuration: workflow.configuration };
}
