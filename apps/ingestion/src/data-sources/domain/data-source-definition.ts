import path from 'node:path';
import { DataSourceType } from '@mindhill/contracts';
import { DomainError } from '@mindhill/platform';
import { DataSourceCredentials } from './credential-cipher';
import { assertTargetAllowed, DatabaseSourcePolicy, parseDatabaseTarget } from './database-source-policy';
import { splitConnectionString, splitHeaders, withPassword } from './secret-headers';

// What a client sends for each type (already shape-checked by the DTO schemas).
export type ApiInput = { type: 'api'; url: string; method: 'GET' | 'POST'; headers?: Record<string, string>; body?: unknown; format: 'auto' | 'json' | 'ndjson' | 'csv' | 'text' };
export type FileInput = { type: 'file'; folder: string; glob: string };
export type DatabaseInput = { type: 'database'; connectionString: string; query: string; maxRows: number };
export type WebhookInput = { type: 'webhook'; secret: string };
export type SourceInput = ApiInput | FileInput | DatabaseInput | WebhookInput;

export type Definition = { type: DataSourceType; config: Record<string, unknown>; credentials: DataSourceCredentials };

// Where `file` sources may read: folders under these roots only (the service's own files,
// /proc or /etc must never become content). Where `database` sources may connect: see
// database-source-policy.ts.
export type SourcePolicy = { fileRoots: readonly string[]; database: DatabaseSourcePolicy };

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
      const url = new URL(input.url);
      if (url.username || url.password) throw invalid('INGESTION.CREDENTIALS_IN_URL', 'Put credentials in headers, not in the URL');
      if (input.method === 'GET' && input.body !== undefined) throw invalid('INGESTION.BODY_ON_GET', 'A GET request has no body; use POST');
      const { plain, secret } = splitHeaders(input.headers ?? {});
      return {
        type: 'api',
        config: { url: url.toString(), method: input.method, headers: plain, ...(input.body !== undefined ? { body: input.body } : {}), format: input.format },
        credentials: Object.keys(secret).length ? { headers: secret } : {},
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
      if (!/^postgres(ql)?:$/.test(new URL(parts.publicUrl).protocol)) throw invalid('INGESTION.INVALID_CONNECTION_STRING', 'connectionString must be a postgres:// URL');
      const query = input.query.trim().replace(/;\s*$/, '');
      if (query.includes(';')) throw invalid('INGESTION.INVALID_QUERY', 'query must be a single statement');
      if (!/^(select|with|values|table)\b/i.test(query)) throw invalid('INGESTION.INVALID_QUERY', 'query must be a SELECT (it runs read-only)');
      assertTargetAllowed(parseDatabaseTarget(input.connectionString), policy.database);
      return {
        type: 'database',
        config: { connectionString: parts.publicUrl, query, maxRows: input.maxRows },
        credentials: parts.password ? { password: parts.password } : {},
      };
    }
    case 'webhook':
      return { type: 'webhook', config: {}, credentials: { webhookSecret: input.secret } };
  }
}

// The full input of an existing source, secrets included, so a patch can be applied to it and
// validated as a whole.
export function currentInput(type: DataSourceType, config: Record<string, unknown>, credentials: DataSourceCredentials): Record<string, unknown> {
  switch (type) {
    case 'api':
      return { ...config, type, headers: { ...(config.headers as Record<string, string> | undefined), ...credentials.headers } };
    case 'file':
      return { ...config, type };
    case 'database':
      return { ...config, type, connectionString: withPassword(String(config.connectionString), credentials.password) };
    case 'webhook':
      return { type, secret: credentials.webhookSecret };
  }
}

export const FIELDS_BY_TYPE: Record<DataSourceType, readonly string[]> = {
  api: ['url', 'method', 'headers', 'body', 'format'],
  file: ['folder', 'glob'],
  database: ['connectionString', 'query', 'maxRows'],
  webhook: ['secret'],
};
