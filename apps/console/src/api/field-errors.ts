// The API names each bad field of a refused request in `details.issues[].path` (dotted, e.g.
// `configuration.stages.1.timeoutSeconds`; a run's inputs by `name`): kept by that path so each
// input shows its own error, or (`field`) by the body's top-level field, for forms of flat fields.
export type FieldErrors = Record<string, string>;

type Issue = { path?: string | (string | number)[]; name?: string; message?: string };

export function fieldErrorsOf(failed: unknown, key: 'path' | 'name' | 'field' = 'path'): FieldErrors {
  const issues = (failed as { error?: { details?: { issues?: Issue[] } } } | undefined)?.error?.details?.issues;
  const out: FieldErrors = {};
  for (const issue of issues ?? []) {
    const path = Array.isArray(issue.path) ? issue.path.join('.') : (issue.path ?? '');
    const at = key === 'name' ? (issue.name ?? '') : key === 'field' ? path.split('.')[0]! : path;
    if (key === 'field' && !at) continue;
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
