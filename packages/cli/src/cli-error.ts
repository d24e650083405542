// Exit codes a script can branch on (README "Exit codes").
export const EXIT = {
  ok: 0,
  runFailed: 1,
  runStopped: 2, // cancelled or timed out
  apiError: 3,
  unreachable: 4,
  usage: 64,
} as const;

// An error the CLI explains to its user: the API's code (or a CLI.* one) and its message.
export class CliError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly exitCode: number = EXIT.apiError,
    readonly extra: { status?: number; correlationId?: string } = {},
  ) {
    super(message);
  }
}

type ErrorBody = { error?: { code?: unknown; message?: unknown }; correlationId?: unknown };

// An error answer of the API as a CliError, whatever its body (a proxy may answer HTML).
export function apiError(status: number, body: unknown): CliError {
  const parsed = typeof body === 'object' && body !== null ? (body as ErrorBody) : {};
  const code = typeof parsed.error?.code === 'string' ? parsed.error.code : `HTTP.${status}`;
  const message = typeof parsed.error?.message === 'string' ? parsed.error.message : `The platform answered ${status}`;
  const correlationId = typeof parsed.correlationId === 'string' ? parsed.correlationId : undefined;
  return new CliError(code, message, EXIT.apiError, { status, correlationId });
}

// fetch() rejects with a TypeError whose cause names the system error (ECONNREFUSED, ENOTFOUND…).
// Read by shape, not instanceof: the error may come from another realm (a test sandbox).
export function networkError(baseUrl: string, error: unknown): CliError {
  const field = (value: unknown, key: string): unknown =>
    typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined;
  const cause = field(error, 'cause') ?? error;
  const reason = field(cause, 'code') ?? field(cause, 'message') ?? String(cause);
  return new CliError(
    'CLI.UNREACHABLE',
    `Cannot reach the platform at ${baseUrl} (${String(reason)}). Is it running (npm start)? Another address: --url or mindhill login --url.`,
    EXIT.unreachable,
  );
}
