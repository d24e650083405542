import { Backoff, backoffDelayMs } from '@mindhill/domain';

// Decides, in one place, whether a failed message is worth another attempt.
// Permanent: the message itself is wrong (bad JSON, wrong schema, unknown version, a rejected
// decision); retrying cannot help, so it goes straight to the dead-letter topic.
export class PermanentMessageError extends Error {
  readonly permanent = true;
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'PermanentMessageError';
  }
}

const PERMANENT_NAMES = new Set(['ContractError', 'ZodError', 'PermanentMessageError']);

export function isPermanentFailure(error: unknown): boolean {
  const e = error as { name?: string; permanent?: boolean; kind?: string } | null;
  if (!e) return false;
  if (e.permanent === true || PERMANENT_NAMES.has(e.name ?? '')) return true;
  // A DomainError that rejects the input will reject it again.
  return e.name === 'DomainError' && (e.kind === 'invalid' || e.kind === 'conflict' || e.kind === 'not-found' || e.kind === 'gone');
}

// The database or a connection is away (restart, failover, refused or dropped connections): the
// message is fine and will go through once it is back, so such a failure is retried for as long
// as it lasts, never dead-lettered. Looks through wrapped errors (ORM exceptions keep the cause).
const TRANSIENT_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '55000']);
const TRANSIENT_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const TRANSIENT_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Timeout acquiring a connection|not currently accepting connections|the database system is (starting up|shutting down)|Client has encountered a connection error/i;

export function isInfrastructureOutage(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const e = error as { code?: unknown; message?: unknown; cause?: unknown; name?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  if (code.startsWith('08') || TRANSIENT_SQLSTATES.has(code) || TRANSIENT_NODE_CODES.has(code)) return true;
  if (typeof e.name === 'string' && e.name === 'ConnectionException') return true;
  if (typeof e.message === 'string' && TRANSIENT_MESSAGES.test(e.message)) return true;
  return isInfrastructureOutage(e.cause, depth + 1);
}

export function errorCode(error: unknown): string {
  const e = error as { code?: unknown; name?: string } | null;
  if (e && typeof e.code === 'string') return e.code;
  return e?.name && e.name !== 'Error' ? e.name : 'HANDLER.FAILED';
}

export type RetryPolicy = { maxAttempts: number; initialBackoffMs: number; maxBackoffMs: number };
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, initialBackoffMs: 100, maxBackoffMs: 3_000 };

// The wait before retry n of a failed handler: doubles from initialBackoffMs up to maxBackoffMs,
// jittered so that many consumers do not retry in step.
export function retryBackoff(policy: RetryPolicy): Backoff {
  return { baseMs: policy.initialBackoffMs, maxMs: policy.maxBackoffMs };
}

// Backoff while the infrastructure is away (consumers, the outbox relay): 400 ms, doubling to 5 s
// and staying there.
export const OUTAGE_BACKOFF: Backoff = { baseMs: 400, maxMs: 5_000, jitter: false };

// A consumer kafkajs gave up on (e.g. no group coordinator right after a broker restart) is
// rebuilt: at once, then after 2 s doubling to 30 s between failed attempts, until it runs or
// its owner stops.
export const CONSUMER_REBUILD_BACKOFF: Backoff = { baseMs: 2_000, maxMs: 30_000, jitter: false };

export async function rebuildConsumer(consumer: {
  group: string;
  logger: { warn(o: object, m: string): void; error(o: object, m: string): void };
  stopped: () => boolean;
  rebuild: () => Promise<void>;
}): Promise<void> {
  for (let attempt = 1; !consumer.stopped(); attempt++) {
    try {
      await consumer.rebuild();
      consumer.logger.warn({ group: consumer.group, attempt }, 'Consumer rebuilt after a crash');
      return;
    } catch (error) {
      consumer.logger.error({ err: error, group: consumer.group, attempt }, 'Consumer rebuild failed; trying again');
      await new Promise((r) => setTimeout(r, backoffDelayMs(attempt, CONSUMER_REBUILD_BACKOFF)));
    }
  }
}
