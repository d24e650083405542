import path from 'node:path';
import { DataSourceType } from '@mindhill/contracts';
import { DomainError } from '@mindhill/domain';
import { DataSourceCredentials } from './credentials';
import { assertTargetAllowed, DatabaseSourcePolicy, parseDatabaseTarget } from './database-source-policy';
import { isSecretHeader, splitConnectionString, splitHeaders, splitQuery, withPassword } from './secret-headers';

// What a client sends for each type (already shape-checked by the DTO schemas). An `api` source's
// secret headers, query parameters and body fields are stored encrypted and shown by name only;
// headers and query parameters whose names look like credentials are secret without asking.
export type ApiInput = {
  type: 'api';
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: unknown;
  format: 'auto' | 'json' | 'ndjson' | 'csv' | 'text';
  secretHeaders?: Record<string, string>;
  secretQuery?: Record<string, string>;
  secretBody?: Record<string, unknown>;
};
export type FileInput = { type: 'file'; folder: string; glob: string };
export type DatabaseInput = { type: 'database'; connectionString: string; query: string; maxRows: number };
export type WebhookInput = { type: 'webhook'; secret: string; startRuns: boolean };
export type SourceInput = ApiInput | FileInput | DatabaseInput | WebhookInput;

export type Definition = { type: DataSourceType; config: Record<string, unknown>; credentials: DataSourceCredentials };

// Where `file` sources may read: folders under these roots only (the service's own files,
// /proc or /etc must never become content). Where `api` sources may point: the outbound guard's
// save-time check (a literal address it refuses is refused at save already), handed in by the
// application so this file does not load the platform; it returns the parsed URL or throws
// OUTBOUND.DESTINATION_NOT_ALLOWED. Where `database` sources may connect: database-source-policy.ts.
export type UrlCheck = (url: string) => URL;
export type SourcePolicy = { fileRoots: readonly string[]; checkUrl: UrlCheck; database: DatabaseSourcePolicy };

export function insideRoots(folder: string, roots: readonly string[]): boolean {
  const target = path.resolve(folder);
  return roots.some((root) => {
    const base = path.resolve(root);
    return target === base || target.startsWith(base.endsWith(path.sep) ? base : `${base}${path.sep}`);
  });
}

const invalid = (code: string, message: string) => new DomainError(code, message, 'invalid');

// Splits a source into its public configuration and its credentials, and applies the rules a
// schema cannot express.
export function defineSource(input: SourceInput, policy: SourcePolicy): Definition {
  switch (input.type) {
    case 'api': {
      const raw = URL.canParse(input.url) ? new URL(input.url) : null;
      if (raw?.username || raw?.password) throw invalid('INGESTION.CREDENTIALS_IN_URL', 'Put credentials in headers, not in the URL');
      const { publicUrl, secret: urlSecrets } = splitQuery(policy.checkUrl(input.url));
      if (input.method === 'GET' && input.body !== undefined) throw invalid('INGESTION.BODY_ON_GET', 'A GET request has no body; use POST');
      const split = splitHeaders(input.headers ?? {});
      const headers = nonEmpty({ ...lowerKeys(input.secretHeaders ?? {}), ...split.secret });
      const query = nonEmpty({ ...input.secretQuery, ...urlSecrets });
      for (const name of Object.keys(query ?? {})) publicUrl.searchParams.delete(name);
      const plainHeaders = Object.fromEntries(Object.entries(split.plain).filter(([k]) => !headers?.[k]));
      // Top-level body fields named like credentials are secret without asking, as headers and
      // query parameters are: a password typed into `body` is never shown to readers.
      const namedSecret = isPlainObject(input.body)
        ? Object.fromEntries(Object.entries(input.body).filter(([k]) => isSecretHeader(k)))
        : {};
      const secretBody = nonEmpty({ ...namedSecret, ...input.secretBody });
      let body = input.body;
      if (secretBody) {
        if (input.method !== 'POST') throw invalid('INGESTION.BODY_ON_GET', 'A GET request has no body; use POST');
        if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) {
          throw invalid('INGESTION.SECRET_BODY_NEEDS_OBJECT', 'secretBody fields go into a JSON object body');
        }
        if (body !== undefined) body = Object.fromEntries(Object.entries(body).filter(([k]) => !(k in secretBody)));
      }
      const credentials: DataSourceCredentials = {
        ...(headers ? { headers } : {}),
        ...(query ? { query } : {}),
        ...(secretBody ? { body: secretBody } : {}),
      };
      return {
        type: 'api',
        config: {
          url: publicUrl.toString(),
          method: input.method,
          headers: plainHeaders,
          ...(body !== undefined ? { body } : {}),
          format: input.format,
        },
        credentials,
      };
    }
    case 'file': {
      if (!path.isAbsolute(input.folder)) throw invalid('INGESTION.FOLDER_NOT_ABSOLUTE', 'folder must be an absolute path');
      if (!insideRoots(input.folder, policy.fileRoots)) {
        throw invalid('INGESTION.FOLDER_NOT_ALLOWED', 'folder must be inside one of the allowed roots (INGESTION_FILE_ROOTS)');
      }
      if (input.glob.split('/').includes('..')) throw invalid('INGESTION.GLOB_ESCAPES_FOLDER', 'glob must stay inside the folder');
      return { type: 'file', config: { folder: path.normalize(input.folder), glob: input.glob }, credentials: {} };
    }
    case 'database': {
      let parts: { publicUrl: string; password: string | null };
      try {
        parts = splitConnectionString(input.connectionString);
      } catch {
        throw invalid('INGESTION.INVALID_CONNECTION_STRING', 'connectionString must be a postgres:// URL');
      }
      if (!/^postgres(ql)?:$/.test(new URL(parts.publicUrl).protocol))
        throw invalid('INGESTION.INVALID_CONNECTION_STRING', 'connectionString must be a postgres:// URL');
      const query = input.query.trim().replace(/;\s*$/, '');
      if (query.includes(';')) throw invalid('INGESTION.INVALID_QUERY', 'query must be a single statement');
      if (!/^(select|with|values|table)\b/i.test(query))
        throw invalid('INGESTION.INVALID_QUERY', 'query must be a SELECT (it runs read-only)');
      assertTargetAllowed(parseDatabaseTarget(input.connectionString), policy.database);
      return {
        type: 'database',
        config: { connectionString: parts.publicUrl, query, maxRows: input.maxRows },
        credentials: parts.password ? { password: parts.password } : {},
      };
    }
    case 'webhook':
      return { type: 'webhook', config: { startRuns: input.startRuns }, credentials: { webhookSecret: input.secret } };
  }
}

// The full input of an existing source, secrets included, so a patch can be applied to it and
// validated as a whole.
export function currentInput(
  type: DataSourceType,
  config: Record<string, unknown>,
  credentials: DataSourceCredentials,
): Record<string, unknown> {
  switch (type) {
    case 'api':
      return {
        ...config,
        type,
        ...(credentials.headers ? { secretHeaders: credentials.headers } : {}),
        ...(credentials.query ? { secretQuery: credentials.query } : {}),
        ...(credentials.body ? { secretBody: credentials.body } : {}),
      };
    case 'file':
      return { ...config, type };
    case 'database':
      return { ...config, type, connectionString: withPassword(String(config.connectionString), credentials.password) };
    case 'webhook':
      // Sources saved before startRuns existed start no runs.
      return { type, secret: credentials.webhookSecret, startRuns: config.startRuns === true };
  }
}

// A patch over the current input. Secret maps merge key by key (null removes a key), so a patch
// keeps every secret it does not mention; `headers` replaces the plain headers only.
export function applyPatch(current: Record<string, unknown>, fields: Record<string, unknown>): Record<string, unknown> {
  const merged = { ...current, ...fields };
  for (const key of SECRET_MAPS) {
    if (!(key in fields)) continue;
    const patch = fields[key];
    if (patch === null) delete merged[key];
    else if (isPlainObject(patch)) {
      const lower = key === 'secretHeaders';
      const next: Record<string, unknown> = { ...(current[key] as Record<string, unknown> | undefined) };
      for (const [k, v] of Object.entries(patch)) {
        const name = lower ? k.toLowerCase() : k;
        if (v === null) delete next[name];
        else next[name] = v;
      }
      merged[key] = next;
    }
  }
  return merged;
}

const SECRET_MAPS = ['secretHeaders', 'secretQuery', 'secretBody'] as const;
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const lowerKeys = (m: Record<string, string>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k.toLowerCase(), v]));
const nonEmpty = <T extends Record<string, unknown>>(m: T): T | undefined => (Object.keys(m).length ? m : undefined);

export const FIELDS_BY_TYPE: Record<DataSourceType, readonly string[]> = {
  api: ['url', 'method', 'headers', 'body', 'format', 'secretHeaders', 'secretQuery', 'secretBody'],
  file: ['folder', 'glob'],
  database: ['connectionString', 'query', 'maxRows'],
  webhook: ['secret', 'startRuns'],
};
