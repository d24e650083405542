// The secrets of a data source. Encrypted as one blob; only their names are ever shown.
export type DataSourceCredentials = {
  headers?: Record<string, string>;
  // `api` sources: query parameters added to the URL and top-level JSON body fields added to the
  // body at request time.
  query?: Record<string, string>;
  body?: Record<string, unknown>;
  password?: string;
  webhookSecret?: string;
};

// The names shown in responses and events: which credentials are set, never their values.
export function credentialNames(credentials: DataSourceCredentials): string[] {
  const names = [
    ...Object.keys(credentials.headers ?? {}).map((h) => `header:${h}`),
    ...Object.keys(credentials.query ?? {}).map((q) => `query:${q}`),
    ...Object.keys(credentials.body ?? {}).map((b) => `body:${b}`),
  ];
  if (credentials.password) names.push('password');
  if (credentials.webhookSecret) names.push('webhookSecret');
  return names.sort();
}

export function hasCredentials(credentials: DataSourceCredentials): boolean {
  return credentialNames(credentials).length > 0;
}
