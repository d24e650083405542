// The 200 answer of a route, from the generated document types (they describe answer bodies now).
import type { paths } from '../../../../packages/api-types/openapi';

type Ok<Op> = Op extends { responses: { 200: { content: { 'application/json': infer T } } } } ? T : never;
export type AnswerOf<P extends keyof paths, M extends keyof paths[P]> = Ok<paths[P][M]>;

// A validation answer names each bad field (details.issues[].path); a coded refusal of one field
// is placed by the caller.
export function fieldErrorsOf(failed: unknown): Record<string, string> {
  const issues = (failed as { error?: { details?: { issues?: { path?: string; message?: string }[] } } } | undefined)?.error?.details
    ?.issues;
  const out: Record<string, string> = {};
  for (const issue of issues ?? []) {
    const key = (issue.path ?? '').split('.')[0];
    if (key && !out[key]) out[key] = issue.message ?? 'Not valid';
  }
  return out;
}
