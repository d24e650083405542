// The API names each bad field of a refused request in `details.issues[].path` (dotted, e.g.
// `configuration.stages.1.timeoutSeconds`; a run's inputs by `name`): kept by that path so each
// input shows its own error.
export type FieldErrors = Record<string, string>;

type Issue = { path?: string; name?: string; message?: string };

export function fieldErrorsOf(failed: unknown, key: 'path' | 'name' = 'path'): FieldErrors {
  const issues = (failed as { error?: { details?: { issues?: Issue[] } } } | undefined)?.error?.details?.issues;
  const out: FieldErrors = {};
  for (const issue of issues ?? []) {
    const at = issue[key] ?? '';
    if (!out[at]) out[at] = issue.message ?? 'Not valid';
  }
  return out;
}

// The error at a path or inside it (`tags` shows the error of `tags.2`).
export function errorAt(errors: FieldErrors, path: string): string | undefined {
  if (errors[path]) return errors[path];
  const inside = Object.keys(errors).find((p) => p.startsWith(`${path}.`));
  return inside ? `${inside.slice(path.length + 1)}: ${errors[inside]}` : undefined;
}
