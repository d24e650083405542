import { answer, Api } from '../api/api-client';
import { isUuid } from '../arguments';
import { CliError } from '../cli-error';

type WorkflowPage = { items: { id: string; name: string }[] };

// A workflow named on the command line by its id or by its exact name (one the caller sees).
export async function resolveWorkflowId(api: Api, reference: string): Promise<string> {
  if (isUuid(reference)) return reference;
  const page = await answer<WorkflowPage>(api.GET('/api/v1/workflows', { params: { query: { q: reference, limit: 200 } } }));
  const matches = page.items.filter((w) => w.name === reference);
  if (matches.length === 1) return matches[0]!.id;
  if (matches.length === 0)
    throw new CliError('CLI.WORKFLOW_NOT_FOUND', `No workflow named "${reference}" that you may see; mindhill workflows list`);
  throw new CliError(
    'CLI.WORKFLOW_AMBIGUOUS',
    `${matches.length} workflows are named "${reference}": give its id (${matches.map((w) => w.id).join(', ')})`,
  );
}
