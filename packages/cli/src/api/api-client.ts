import createClient from 'openapi-fetch';
import { apiError, CliError, EXIT, networkError } from '../cli-error';
import { CliConfig, ConfigStore } from '../config/config-store';
import type { paths } from '../../../api-types/openapi';

export type Api = ReturnType<typeof createClient<paths>>;

// Codes after which a refreshed access token is worth one more try.
const REFRESHABLE = new Set(['AUTH.TOKEN_EXPIRED', 'AUTH.TOKEN_STALE']);

// Talks to one gateway as the logged-in user: adds the access token, and when it has expired
// (15 minutes by default) trades the refresh token for new ones, saves them and retries once.
// A refresh token works once (presented again, auth revokes the whole session as leaked), so
// requests that expire together share one refresh, and tokens another mindhill process has
// already refreshed into the config file are taken instead of refreshing again.
export class Session {
  private refreshing?: Promise<boolean>;

  constructor(
    readonly baseUrl: string,
    private config: CliConfig,
    private readonly store?: ConfigStore,
  ) {}

  get loggedIn(): boolean {
    return Boolean(this.config.accessToken);
  }

  fetch = async (request: Request): Promise<Response> => {
    const retry = request.clone();
    const sentWith = this.config.accessToken;
    const response = await this.send(request);
    if (response.status !== 401 || !this.config.refreshToken) return response;
    const code = await errorCode(response.clone());
    if (!code || !REFRESHABLE.has(code)) return response;
    const renewed =
      this.config.accessToken !== sentWith || (await (this.refreshing ??= this.refresh().finally(() => (this.refreshing = undefined))));
    return renewed ? this.send(retry) : response;
  };

  private async send(request: Request, withToken = true): Promise<Response> {
    if (withToken && this.config.accessToken) request.headers.set('authorization', `Bearer ${this.config.accessToken}`);
    try {
      return await fetch(request);
    } catch (error) {
      throw networkError(this.baseUrl, error);
    }
  }

  private async refresh(): Promise<boolean> {
    const saved = this.store?.read();
    if (saved?.accessToken && saved.accessToken !== this.config.accessToken && saved.url === this.config.url) {
      this.config = saved;
      return true;
    }
    const response = await this.send(
      new Request(`${this.baseUrl}/api/v1/auth/refresh`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken: this.config.refreshToken }),
      }),
      // A public route: the expired token stays out of it.
      false,
    );
    if (!response.ok) return false;
    const body = (await response.json()) as { accessToken?: string; refreshToken?: string };
    if (!body.accessToken || !body.refreshToken) return false;
    this.config = { ...this.config, accessToken: body.accessToken, refreshToken: body.refreshToken };
    this.store?.write(this.config);
    return true;
  }
}

async function errorCode(response: Response): Promise<string | undefined> {
  try {
    const body = (await response.json()) as { error?: { code?: unknown } };
    return typeof body.error?.code === 'string' ? body.error.code : undefined;
  } catch {
    return undefined;
  }
}

export function createApi(session: Session): Api {
  return createClient<paths>({ baseUrl: session.baseUrl, fetch: session.fetch });
}

export function requireLogin(session: Session): void {
  if (!session.loggedIn) throw new CliError('CLI.NOT_LOGGED_IN', 'Not logged in: run mindhill login first', EXIT.apiError);
}

// The answer's body, or the API's error as a CliError (code, message, exit code 3).
export async function answer<T = unknown>(call: Promise<{ data?: unknown; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw apiError(response.status, error);
  return data as T;
}
