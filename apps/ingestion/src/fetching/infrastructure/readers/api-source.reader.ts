import { backoffDelayMs } from '@mindhill/domain';
import { guardedFetch, OutboundError } from '@mindhill/platform';
import { BodyFormat, splitBody } from '../../domain/body-splitter';
import { redactHeaders } from '../../../data-sources/domain/secret-headers';
import { ReadContext, ResolvedSource, tooLarge } from './source-reader';

const RETRIES = 2;
// 200 ms, then 400 ms, without jitter (one source's retries are not many clients in step).
const BACKOFF = { baseMs: 200, maxMs: 400, jitter: false };

type ApiConfig = { url: string; method: 'GET' | 'POST'; headers?: Record<string, string>; body?: unknown; format?: BodyFormat };

// One HTTP request through the outbound guard (retried twice with backoff on network errors,
// timeouts, 5xx and 429), its body split into items by format. A destination the guard refuses
// fails the source at once with the guard's code.
export async function readApiSource(source: ResolvedSource, ctx: ReadContext): Promise<void> {
  const config = source.row.config as ApiConfig;
  const secret = source.credentials;
  const headers: Record<string, string> = { 'user-agent': 'mindhill-ingestion/1', ...config.headers, ...secret.headers };
  const url = new URL(config.url);
  for (const [name, value] of Object.entries(secret.query ?? {})) url.searchParams.set(name, value);
  let body: string | undefined;
  const payload = secret.body ? { ...(config.body as Record<string, unknown> | undefined), ...secret.body } : config.body;
  if (config.method === 'POST' && payload !== undefined) {
    body = typeof payload === 'string' ? payload : JSON.stringify(payload);
    if (typeof payload !== 'string') headers['content-type'] ??= 'application/json';
  }
  const secretHeaderNames = Object.keys(secret.headers ?? {});
  ctx.stats.headersSent[source.label] = redactHeaders(headers, secretHeaderNames);

  let lastProblem = 'no answer';
  for (let attempt = 0; attempt <= RETRIES; attempt++) {
    if (attempt > 0) {
      ctx.stats.retryAttempts++;
      await new Promise((r) => setTimeout(r, backoffDelayMs(attempt, BACKOFF)));
    }
    const started = performance.now();
    ctx.stats.requests++;
    try {
      const response = await guardedFetch(
        url.toString(),
        {
          method: config.method,
          headers,
          body,
          timeoutMs: ctx.timeoutMs,
          maxBytes: ctx.maxBytes,
          secretHeaders: secretHeaderNames,
        },
        ctx.outbound,
      );
      ctx.stats.responseTimesMs.push(performance.now() - started);
      ctx.stats.headersReceived[source.label] = pick(response.headers, ['content-type', 'content-length', 'etag', 'last-modified']);
      if (response.status >= 500 || response.status === 429) {
        lastProblem = `HTTP ${response.status}`;
        continue;
      }
      if (response.status >= 400) {
        ctx.fail(source, `HTTP ${response.status}`, false);
        return;
      }
      const contentType = response.headers['content-type'] ?? null;
      const baseName = nameOf(config.url);
      for (const item of splitBody(response.body, contentType, config.format ?? 'auto')) {
        await ctx.emit(source, item.suffix ? `${baseName}${item.suffix}` : baseName, item.bytes, item.mimeType ?? contentType);
      }
      return;
    } catch (error) {
      ctx.stats.responseTimesMs.push(performance.now() - started);
      if (!(error instanceof OutboundError)) {
        lastProblem = (error as Error)?.message ?? 'request failed';
        continue;
      }
      if (error.code === 'OUTBOUND.RESPONSE_TOO_LARGE') {
        ctx.fail(source, `${error.code}: ${tooLarge(error.size ?? 0, ctx.maxBytes)}`, false);
        return;
      }
      // Never the URL in the reason: it may carry secret query parameters.
      if (!error.retriable) {
        ctx.fail(source, `${error.code}: ${error.message}`, false);
        return;
      }
      lastProblem = `${error.code}: ${error.message}`;
    }
  }
  ctx.fail(source, `${lastProblem} after ${RETRIES + 1} attempts`, true);
}

function nameOf(url: string): string {
  const u = new URL(url);
  const last = u.pathname.split('/').filter(Boolean).pop();
  return (last ? decodeURIComponent(last) : u.hostname).slice(0, 400);
}

function pick(headers: Record<string, string>, names: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of names) {
    const v = headers[n];
    if (v !== undefined) out[n] = v;
  }
  return out;
}
