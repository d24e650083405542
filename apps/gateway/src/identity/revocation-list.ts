// Sessions signed out or revoked, learned from auth.session.revoked events. A token of such a
// session is refused until it would have expired anyway (refuseUntil), then forgotten.
export class RevocationList {
  private readonly revoked = new Map<string, number>();

  revoke(sessionId: string, refuseUntil: Date): void {
    this.revoked.set(sessionId, Math.max(refuseUntil.getTime(), this.revoked.get(sessionId) ?? 0));
  }

  isRevoked(sessionId: string, now = Date.now()): boolean {
    const until = this.revoked.get(sessionId);
    if (until === undefined) return false;
    if (until > now) return true;
    this.revoked.delete(sessionId);
    return false;
  }

  get size(): number {
    return this.revoked.size;
  }
}
