import { HistoryAnswer } from './run-event-history.client';
import { RunEventListener } from './live-run-events';
import { RunEvent } from './run-event-view';
import { sseFrame } from './run-event-view';

export type StreamKind = 'execution' | 'workflow';

export type RunEventStreamDeps = {
  kind: StreamKind;
  // The cursor the client resumes after (Last-Event-ID), or null for a fresh stream.
  after: string | null;
  history: (after: string | null) => Promise<HistoryAnswer>;
  subscribe: (listener: RunEventListener) => () => void;
  // Why the caller may no longer listen (session revoked, token stale or expired), or null.
  revoked: () => string | null;
  write: (chunk: string) => void;
  end: () => void;
  onError: (error: unknown) => void;
  keepAliveMs: number;
  recheckMs: number;
  sessionCheckMs?: number;
};

export type OpenOutcome = { ok: true } | { ok: false; status: number; body: unknown };

// One client's stream: live first, then history, then live, with nothing between and nothing
// twice. It subscribes to the live feed before the first history read and holds what arrives
// meanwhile; every event goes out only if its cursor is past the last one sent. An execution's
// cursor is its stream version: the next version from Kafka goes out at once, a jump (a missed
// message) is filled from the history. A workflow's cursor is the event store's position, which
// Kafka does not carry: each live event of the workflow wakes a history read after the cursor.
// The history is read as the caller, so every read re-checks access; one runs every recheckMs
// even when nothing happens (access withdrawn while quiet, a message the feed never got).
export class RunEventStream {
  private cursor: bigint | null;
  private held: RunEvent[] | null = [];
  private pulling = false;
  private pullAgain = false;
  private closed = false;
  private timers: NodeJS.Timeout[] = [];
  private unsubscribe: () => void = () => undefined;

  constructor(private readonly deps: RunEventStreamDeps) {
    this.cursor = deps.after === null ? null : BigInt(deps.after);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  // The first history read decides: an error answer (the run is not the caller's, a bad cursor)
  // goes back as JSON and nothing is written; otherwise the stream runs until closed.
  async open(): Promise<OpenOutcome> {
    this.unsubscribe = this.deps.subscribe((event) => this.onLive(event));
    let answer: HistoryAnswer;
    try {
      answer = await this.readAll();
    } catch (error) {
      this.unsubscribe();
      this.closed = true;
      throw error;
    }
    if (!answer.ok) {
      this.unsubscribe();
      this.closed = true;
      return answer;
    }
    const held = this.held ?? [];
    this.held = null;
    for (const event of held) this.onLive(event);
    if (!this.closed) {
      this.timers.push(setInterval(() => this.deps.write(': keep-alive\n\n'), this.deps.keepAliveMs));
      this.timers.push(setInterval(() => void this.pull(), this.deps.recheckMs));
      this.timers.push(
        setInterval(() => {
          const reason = this.deps.revoked();
          if (reason) this.close(reason);
        }, this.deps.sessionCheckMs ?? 1_000),
      );
      for (const t of this.timers) t.unref();
    }
    return { ok: true };
  }

  close(reason?: string): void {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers) clearInterval(t);
    this.unsubscribe();
    if (reason) this.deps.write(`: closed: ${reason}\n\n`);
    this.deps.end();
  }

  private onLive(event: RunEvent): void {
    if (this.closed) return;
    if (this.held) {
      this.held.push(event);
      return;
    }
    if (this.deps.kind === 'execution' && !this.pulling && this.cursor !== null) {
      const version = BigInt(event.cursor);
      if (version <= this.cursor) return;
      if (version === this.cursor + 1n) {
        this.emit(event);
        return;
      }
    }
    void this.pull();
  }

  private async pull(): Promise<void> {
    if (this.closed) return;
    if (this.pulling) {
      this.pullAgain = true;
      return;
    }
    this.pulling = true;
    try {
      do {
        this.pullAgain = false;
        const answer = await this.readAll();
        if (!answer.ok) {
          // Not the caller's any more (unshared, deleted, role lost): the stream ends.
          if ([401, 403, 404].includes(answer.status)) this.close('access withdrawn');
          else this.deps.onError(new Error(`History read answered ${answer.status}`));
        }
      } while (this.pullAgain && !this.closed);
    } catch (error) {
      // The workflows service is away: the next recheck tries again.
      this.deps.onError(error);
    } finally {
      this.pulling = false;
    }
  }

  // Reads pages after the cursor until the history has no more.
  private async readAll(): Promise<HistoryAnswer> {
    for (;;) {
      const answer = await this.deps.history(this.cursor === null ? null : String(this.cursor));
      if (!answer.ok || this.closed) return answer;
      for (const event of answer.page.items) {
        if (this.closed) break;
        if (this.cursor === null || BigInt(event.cursor) > this.cursor) this.emit(event);
      }
      const head = BigInt(answer.page.cursor);
      if (this.cursor === null || head > this.cursor) this.cursor = head;
      if (!answer.page.more || this.closed) return answer;
    }
  }

  private emit(event: RunEvent): void {
    this.cursor = BigInt(event.cursor);
    const frame = sseFrame(event);
    if (frame) this.deps.write(frame);
    // A run's stream ends with the run.
    if (this.deps.kind === 'execution' && event.type === 'workflows.execution.finished') this.close();
  }
}
