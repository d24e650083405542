// Open event streams of this gateway, counted per user and in all, so a client opening streams in
// a loop cannot hold every socket; all of them end when the gateway stops.
export type StreamSlot = { release(): void };
export type AcquireOutcome = { ok: true; slot: StreamSlot } | { ok: false; scope: 'user' | 'gateway'; limit: number };

export class OpenStreams {
  private readonly perUser = new Map<string, number>();
  private readonly closers = new Set<() => void>();
  private total = 0;

  constructor(private readonly limits: { perUser: number; total: number }) {}

  acquire(userId: string, close: () => void): AcquireOutcome {
    const mine = this.perUser.get(userId) ?? 0;
    if (mine >= this.limits.perUser) return { ok: false, scope: 'user', limit: this.limits.perUser };
    if (this.total >= this.limits.total) return { ok: false, scope: 'gateway', limit: this.limits.total };
    this.perUser.set(userId, mine + 1);
    this.total++;
    this.closers.add(close);
    let released = false;
    return {
      ok: true,
      slot: {
        release: () => {
          if (released) return;
          released = true;
          this.closers.delete(close);
          this.total--;
          const left = (this.perUser.get(userId) ?? 1) - 1;
          if (left > 0) this.perUser.set(userId, left);
          else this.perUser.delete(userId);
        },
      },
    };
  }

  get size(): number {
    return this.total;
  }

  closeAll(): void {
    for (const close of [...this.closers]) close();
  }
}
