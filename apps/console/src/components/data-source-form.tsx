// The fields of a data source, by type, for creating one and for editing it. Secrets (a secret
// header's value, a webhook's secret, a database password) are typed in but never shown back: the
// API answers only which are set (credentialsSet), and an edit sends only what was changed.
import { useState, type FormEvent } from 'react';
import { Button, Form } from 'react-aria-components';
import type { paths } from '../../../../packages/api-types/openapi';
import { errorText, type ApiError } from '../api/client';
import { Alert, Field } from './form';

export type DataSource = paths['/api/v1/data-sources/{id}']['get']['responses'][200]['content']['application/json'];
export type SourceType = DataSource['type'];
export const SOURCE_TYPES: SourceType[] = ['file', 'api', 'database', 'webhook'];

export type SourceValues = {
  name: string;
  description: string;
  type: SourceType;
  url: string;
  method: string;
  format: string;
  headers: string;
  secretHeaderName: string;
  secretHeaderValue: string;
  folder: string;
  glob: string;
  connectionString: string;
  query: string;
  maxRows: string;
  secret: string;
  startRuns: boolean;
};

const text = (v: unknown, fallback = '') => (typeof v === 'string' ? v : fallback);

export function valuesOf(source: DataSource | null): SourceValues {
  const c = source?.config ?? {};
  const headers = typeof c.headers === 'object' && c.headers !== null ? (c.headers as Record<string, string>) : {};
  return {
    name: source?.name ?? '',
    description: source?.description ?? '',
    type: source?.type ?? 'file',
    url: text(c.url),
    method: text(c.method, 'GET'),
    format: text(c.format, 'auto'),
    headers: Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}`)
      .join('\n'),
    secretHeaderName: '',
    secretHeaderValue: '',
    folder: text(c.folder),
    glob: text(c.glob, '*'),
    connectionString: text(c.connectionString),
    query: text(c.query),
    maxRows: typeof c.maxRows === 'number' ? String(c.maxRows) : '10000',
    secret: '',
    startRuns: c.startRuns === true,
  };
}

// "Name: value" lines as a header map.
function headerMap(lines: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of lines.split('\n')) {
    const cut = line.indexOf(':');
    if (cut > 0) out[line.slice(0, cut).trim()] = line.slice(cut + 1).trim();
  }
  return out;
}

// The request body: every field of the type when creating; only what changed (and any secret
// typed in) when editing, so secrets not mentioned are kept.
export function bodyOf(v: SourceValues, before: SourceValues | null): Record<string, unknown> {
  const all: Record<string, unknown> = { name: v.name, description: v.description || null };
  if (v.type === 'api') {
    Object.assign(all, { url: v.url, method: v.method, format: v.format, headers: headerMap(v.headers) });
    if (v.secretHeaderName && v.secretHeaderValue) all.secretHeaders = { [v.secretHeaderName]: v.secretHeaderValue };
  }
  if (v.type === 'file') Object.assign(all, { folder: v.folder, glob: v.glob || '*' });
  if (v.type === 'database') Object.assign(all, { connectionString: v.connectionString, query: v.query, maxRows: Number(v.maxRows) });
  if (v.type === 'webhook') {
    all.startRuns = v.startRuns;
    if (v.secret) all.secret = v.secret;
  }
  if (!before) return { ...all, type: v.type };
  const old = bodyOf(before, null);
  return Object.fromEntries(Object.entries(all).filter(([k, value]) => JSON.stringify(value) !== JSON.stringify(old[k])));
}

// Which field an error answer is about: the codes the API gives for a create or an edit.
const FIELD_OF: Record<string, keyof SourceValues> = {
  'OUTBOUND.DESTINATION_NOT_ALLOWED': 'url',
  'INGESTION.CREDENTIALS_IN_URL': 'url',
  'INGESTION.FOLDER_NOT_ABSOLUTE': 'folder',
  'INGESTION.FOLDER_NOT_ALLOWED': 'folder',
  'INGESTION.GLOB_ESCAPES_FOLDER': 'glob',
  'INGESTION.INVALID_CONNECTION_STRING': 'connectionString',
  'INGESTION.DATABASE_HOST_NOT_ALLOWED': 'connectionString',
  'INGESTION.PLATFORM_DATABASE': 'connectionString',
  'INGESTION.INVALID_QUERY': 'query',
  'INGESTION.DATA_SOURCE_NAME_TAKEN': 'name',
};

export type FieldErrors = Partial<Record<keyof SourceValues, string>>;

// Field errors (at the field) and the rest (beside the form), each as "CODE: message".
export function errorsOf(failed: unknown): { fields: FieldErrors; form: string | null } {
  const e = (failed as ApiError | undefined)?.error;
  const field = e?.code ? FIELD_OF[e.code] : undefined;
  if (field) return { fields: { [field]: errorText(failed) }, form: null };
  const issues = (e?.details as { issues?: { path?: string; message?: string }[] } | undefined)?.issues ?? [];
  const fields: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path?.split('.')[0] as keyof SourceValues | undefined;
    if (key && key in valuesOf(null)) fields[key] = `${e?.code}: ${issue.message ?? ''}`;
  }
  return { fields, form: Object.keys(fields).length > 0 ? null : errorText(failed) };
}

type FormProps = {
  source: DataSource | null;
  submitLabel: string;
  // Answers the API's error (or null when saved).
  onSubmit: (body: Record<string, unknown>) => Promise<unknown>;
};

export function DataSourceForm({ source, submitLabel, onSubmit }: FormProps) {
  const before = source ? valuesOf(source) : null;
  const [v, setV] = useState<SourceValues>(valuesOf(source));
  const [errors, setErrors] = useState<{ fields: FieldErrors; form: string | null }>({ fields: {}, form: null });
  const set = (key: keyof SourceValues) => (value: string) => setV({ ...v, [key]: value });
  const field = (key: keyof SourceValues, label: string, extra: Partial<Parameters<typeof Field>[0]> = {}) => (
    <Field label={label} name={key} value={String(v[key])} onChange={set(key)} errorMessage={errors.fields[key]} {...extra} />
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const failed = await onSubmit(bodyOf(v, before));
    if (failed) setErrors(errorsOf(failed));
    else {
      setErrors({ fields: {}, form: null });
      setV({ ...v, secretHeaderName: '', secretHeaderValue: '', secret: '' });
    }
  };

  return (
    <Form onSubmit={(e) => void submit(e)} aria-label={submitLabel} className="source-form">
      {!source && (
        <label>
          Source type
          <select value={v.type} onChange={(e) => set('type')(e.target.value)}>
            {SOURCE_TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
      )}
      {field('name', 'Name', { isRequired: true })}
      {field('description', 'Description')}
      {v.type === 'file' && (
        <>
          {field('folder', 'Folder', { isRequired: true, description: 'An absolute path inside the folders the platform may read' })}
          {field('glob', 'Files matching', { description: 'e.g. *.txt or **/*.csv' })}
        </>
      )}
      {v.type === 'api' && (
        <>
          {field('url', 'URL', { type: 'url', isRequired: true, description: 'http or https; no credentials in it' })}
          <div className="grid">
            <label>
              Method
              <select value={v.method} onChange={(e) => set('method')(e.target.value)}>
                <option>GET</option>
                <option>POST</option>
              </select>
            </label>
            <label>
              Format
              <select value={v.format} onChange={(e) => set('format')(e.target.value)}>
                {['auto', 'json', 'ndjson', 'csv', 'text'].map((f) => (
                  <option key={f}>{f}</option>
                ))}
              </select>
            </label>
          </div>
          <label>
            Headers <span className="muted">(one “Name: value” a line; credential-looking ones are kept secret)</span>
            <textarea value={v.headers} onChange={(e) => set('headers')(e.target.value)} rows={2} />
          </label>
          <fieldset>
            <legend>Secret header</legend>
            <div className="grid">
              {field('secretHeaderName', 'Header name', { autoComplete: 'off' })}
              {field('secretHeaderValue', 'Header value', { type: 'password', autoComplete: 'new-password' })}
            </div>
          </fieldset>
        </>
      )}
      {v.type === 'database' && (
        <>
          {field('connectionString', 'Connection string', {
            isRequired: !source,
            autoComplete: 'off',
            description: 'postgres://role:password@host:port/database; the password is kept encrypted and never shown',
          })}
          {field('query', 'Query', { isRequired: true, description: 'One SELECT statement (it runs read-only)' })}
          {field('maxRows', 'Most rows', { inputMode: 'numeric' })}
        </>
      )}
      {v.type === 'webhook' && (
        <>
          {field('secret', source ? 'New secret' : 'Secret', {
            type: 'password',
            isRequired: !source,
            autoComplete: 'new-password',
            description: 'At least 16 characters, shared with the sender',
          })}
          <label>
            <input type="checkbox" checked={v.startRuns} onChange={(e) => setV({ ...v, startRuns: e.target.checked })} />
            Start a run of the workflows that read it on each delivery
          </label>
        </>
      )}
      <Alert>{errors.form}</Alert>
      <Button type="submit">{submitLabel}</Button>
    </Form>
  );
}
