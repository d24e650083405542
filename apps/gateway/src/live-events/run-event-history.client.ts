import { z } from 'zod';
import { Actor } from '@mindhill/contracts';
import { encodeActor, HEADER } from '@mindhill/platform';
import { RunEvent } from './run-event-view';

const historyPage = z.object({
  items: z.array(
    z.object({
      cursor: z.string(),
      type: z.string(),
      executionId: z.string(),
      workflowId: z.string(),
      occurredAt: z.string(),
      payload: z.record(z.string(), z.unknown()),
    }),
  ),
  cursor: z.string().regex(/^\d+$/),
  more: z.boolean(),
});
export type HistoryPage = { items: RunEvent[]; cursor: string; more: boolean };
export type HistoryAnswer = { ok: true; page: HistoryPage } | { ok: false; status: number; body: unknown };

export type HistoryRequest = { path: string; after: string | null; actor: Actor; correlationId: string; requestId: string };

// Reads a stream's events after a cursor from the workflows service, as the caller (the same
// internal headers as a forwarded call), so the service applies the same access rule as its
// reads: a stream's history, and every re-check of access, is that service's answer.
export class RunEventHistoryClient {
  constructor(
    private readonly workflowsUrl: string,
    private readonly internalToken: string,
    private readonly timeoutMs: number,
  ) {}

  async read(request: HistoryRequest): Promise<HistoryAnswer> {
    const query = request.after === null ? '' : `?after=${encodeURIComponent(request.after)}`;
    const res = await fetch(`${this.workflowsUrl.replace(/\/$/, '')}${request.path}${query}`, {
      headers: {
        [HEADER.internalToken]: this.internalToken,
        [HEADER.actor]: encodeActor(request.actor),
        [HEADER.correlationId]: request.correlationId,
        [HEADER.requestId]: request.requestId,
        accept: 'application/json',
      },
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const body: unknown = await res.json().catch(() => null);
    if (res.status !== 200) return { ok: false, status: res.status, body };
    return { ok: true, page: historyPage.parse(body) };
  }
}
