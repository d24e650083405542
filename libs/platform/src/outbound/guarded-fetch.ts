import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { Readable } from 'node:stream';
import { Agent, buildConnector, errors as undiciErrors, request } from 'undici';
import { DomainError } from '@mindhill/domain';
import { decideDestination, OutboundPolicy } from './address-policy';

// The one way the platform calls a URL a user gave it (api sources today; outbound webhooks and
// report delivery later). See docs/adr/0012-outbound-request-guard.md.
//
// - http and https only; the URL is parsed by WHATWG rules, so every numeric spelling of an
//   address (`2130706433`, `0177.0.0.1`, `0x7f.1`, `127.1`, `[::ffff:7f00:1]`) is the canonical
//   address by the time it is judged.
// - The host is resolved once, inside the connector, every resolved address is judged, and the
//   socket is opened to the judged address (no second lookup an attacker's DNS could answer
//   differently). TLS still verifies the certificate against the host name.
// - Redirects are followed here, one hop at a time, each hop judged again; secret headers never
//   go to another origin.
// - The answer is capped in bytes and the whole exchange (all hops) in time.
// - A refused destination is refused before any connection: the error is the same whether or
//   not something listens there.

export type OutboundErrorCode =
  | 'OUTBOUND.INVALID_URL'
  | 'OUTBOUND.DESTINATION_NOT_ALLOWED'
  | 'OUTBOUND.TOO_MANY_REDIRECTS'
  | 'OUTBOUND.RESPONSE_TOO_LARGE'
  | 'OUTBOUND.TIMEOUT'
  | 'OUTBOUND.UNREACHABLE';

// `retriable`: worth trying again later (the network), not a refusal or a bad answer.
export class OutboundError extends Error {
  constructor(
    readonly code: OutboundErrorCode,
    message: string,
    readonly retriable = false,
    readonly size?: number,
  ) {
    super(message);
    this.name = 'OutboundError';
  }
}

export type GuardedRequest = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';
  headers?: Record<string, string>;
  body?: string | Buffer;
  // The whole exchange, every redirect included.
  timeoutMs: number;
  maxBytes: number;
  maxRedirects?: number;
  // Header names (any case) that must not reach another origin after a redirect. Authorization,
  // Proxy-Authorization and Cookie never do, listed or not.
  secretHeaders?: readonly string[];
  signal?: AbortSignal;
  // Resolves a host name to its addresses; the system resolver (dns.lookup) unless given (tests).
  resolve?: (hostname: string) => Promise<string[]>;
};

export type GuardedResponse = {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  // The URL that answered (after redirects) and how many redirects led there.
  url: string;
  redirects: number;
};

const DEFAULT_MAX_REDIRECTS = 5;
const ALWAYS_SECRET = ['authorization', 'proxy-authorization', 'cookie'];
const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);

const notAllowed = () => new OutboundError('OUTBOUND.DESTINATION_NOT_ALLOWED', 'The destination is not allowed');

// Save-time check (e.g. when a data source is created): the scheme, and a literal address in a
// refused range, are refused at once. A host name passes here; connect time is the real check.
export function checkUrlAtSave(url: string, policy: OutboundPolicy): URL {
  let parsed: URL;
  try {
    parsed = parseTarget(url);
  } catch (error) {
    throw new DomainError((error as OutboundError).code, (error as OutboundError).message, 'invalid');
  }
  const host = hostOf(parsed);
  const port = portOf(parsed);
  // `localhost` and its subdomains are loopback by definition (RFC 6761); refused unless named.
  const probe = isIP(host) ? host : /(^|\.)localhost$/.test(host) ? '127.0.0.1' : null;
  if (probe && !decideDestination(host, probe, port, policy).allowed) {
    throw new DomainError(
      'OUTBOUND.DESTINATION_NOT_ALLOWED',
      'The URL points at an address the platform does not call (private, loopback, link-local, metadata or the platform itself)',
      'invalid',
    );
  }
  return parsed;
}

export async function guardedFetch(url: string, init: GuardedRequest, policy: OutboundPolicy): Promise<GuardedResponse> {
  const maxRedirects = init.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const secret = new Set([...ALWAYS_SECRET, ...(init.secretHeaders ?? []).map((h) => h.toLowerCase())]);
  const timeout = AbortSignal.timeout(init.timeoutMs);
  const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
  const agent = guardedAgent(policy, init.timeoutMs, init.resolve ?? systemResolve);
  let target = parseTarget(url);
  let method = init.method ?? 'GET';
  let body = init.body;
  let headers = lowerCased(init.headers ?? {});
  try {
    for (let hop = 0; ; hop++) {
      const answer = await request(target, {
        method,
        headers,
        body,
        dispatcher: agent,
        signal,
        headersTimeout: init.timeoutMs,
        bodyTimeout: init.timeoutMs,
      });
      const location = answer.headers.location;
      if (REDIRECT_STATUS.has(answer.statusCode) && typeof location === 'string') {
        await answer.body.dump().catch(() => undefined);
        if (hop >= maxRedirects) throw new OutboundError('OUTBOUND.TOO_MANY_REDIRECTS', `More than ${maxRedirects} redirects`);
        const next = parseTarget(location, target);
        if (next.origin !== target.origin) headers = Object.fromEntries(Object.entries(headers).filter(([k]) => !secret.has(k)));
        // As browsers do: 303, and 301/302 after a POST, continue as a GET without the body.
        if (answer.statusCode === 303 || ((answer.statusCode === 301 || answer.statusCode === 302) && method === 'POST')) {
          method = method === 'HEAD' ? 'HEAD' : 'GET';
          body = undefined;
          headers = Object.fromEntries(Object.entries(headers).filter(([k]) => k !== 'content-type' && k !== 'content-length'));
        }
        target = next;
        continue;
      }
      const bytes = await readCapped(answer.body, answer.headers['content-length'], init.maxBytes);
      return { status: answer.statusCode, headers: flatten(answer.headers), body: bytes, url: target.toString(), redirects: hop };
    }
  } catch (error) {
    throw translate(error, timeout);
  } finally {
    void agent.destroy().catch(() => undefined);
  }
}

// An undici Agent whose connector resolves the host once, judges every address, and connects
// to the first one (all must pass: a name that also resolves to a private address is refused).
function guardedAgent(policy: OutboundPolicy, timeoutMs: number, resolve: (hostname: string) => Promise<string[]>): Agent {
  const connectTimeout = Math.min(timeoutMs, 10_000);
  const connect = buildConnector({ timeout: connectTimeout });
  return new Agent({
    connections: 4,
    connect: (options, callback) => {
      const hostname = options.hostname.replace(/^\[|\]$/g, '');
      const port = Number(options.port) || (options.protocol === 'https:' ? 443 : 80);
      addressesOf(hostname, resolve).then(
        (addresses) => {
          if (addresses.length === 0 || addresses.some((a) => !decideDestination(hostname, a, port, policy).allowed)) {
            callback(notAllowed(), null);
            return;
          }
          // servername keeps SNI and certificate checks on the host name, not the address.
          connect({ ...options, hostname: addresses[0]!, servername: isIP(hostname) ? undefined : hostname }, callback);
        },
        (error: unknown) => callback(error as Error, null),
      );
    },
  });
}

const systemResolve = async (hostname: string) => (await lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

async function addressesOf(hostname: string, resolve: (hostname: string) => Promise<string[]>): Promise<string[]> {
  if (isIP(hostname)) return [hostname];
  try {
    return await resolve(hostname);
  } catch {
    throw new OutboundError('OUTBOUND.UNREACHABLE', 'The host name does not resolve', true);
  }
}

function parseTarget(url: string, base?: URL): URL {
  let parsed: URL;
  try {
    parsed = new URL(url, base);
  } catch {
    throw new OutboundError('OUTBOUND.INVALID_URL', 'Not a valid URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new OutboundError('OUTBOUND.INVALID_URL', 'Only http and https URLs are called');
  if (parsed.username || parsed.password) throw new OutboundError('OUTBOUND.INVALID_URL', 'Credentials do not belong in the URL');
  return parsed;
}

const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, '');
const portOf = (url: URL) => Number(url.port) || (url.protocol === 'https:' ? 443 : 80);

async function readCapped(stream: Readable, declaredLength: string | string[] | undefined, maxBytes: number): Promise<Buffer> {
  const declared = Number(Array.isArray(declaredLength) ? declaredLength[0] : (declaredLength ?? NaN));
  // Dropping the rest of an answer aborts it; that abort is no one's error.
  const drop = () => stream.once('error', () => undefined).destroy();
  if (Number.isFinite(declared) && declared > maxBytes) {
    drop();
    throw new OutboundError('OUTBOUND.RESPONSE_TOO_LARGE', `The answer is larger than ${maxBytes} bytes`, false, declared);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      drop();
      throw new OutboundError('OUTBOUND.RESPONSE_TOO_LARGE', `The answer is larger than ${maxBytes} bytes`, false, size);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function translate(error: unknown, timeout: AbortSignal): Error {
  if (error instanceof OutboundError) return error;
  // undici wraps what the connector passed to its callback in nothing: it arrives as is.
  const e = error as { name?: string; code?: string; cause?: unknown };
  if (e?.cause instanceof OutboundError) return e.cause;
  if (
    timeout.aborted ||
    e?.name === 'TimeoutError' ||
    e instanceof undiciErrors.HeadersTimeoutError ||
    e instanceof undiciErrors.BodyTimeoutError ||
    e instanceof undiciErrors.ConnectTimeoutError
  ) {
    return new OutboundError('OUTBOUND.TIMEOUT', 'No complete answer in time', true);
  }
  if (e?.name === 'AbortError') return error as Error;
  return new OutboundError('OUTBOUND.UNREACHABLE', `The destination could not be reached (${e?.code ?? 'connection failed'})`, true);
}

function lowerCased(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

function flatten(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}
