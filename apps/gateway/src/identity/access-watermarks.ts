// Per user, the user-stream version of the last change to who they are or whether they may
// sign in (role change, deactivation, deletion, lockout, unlock), learned from auth's user
// events. An access token carries the version its claims were read at (ver); one older than the
// user's watermark is refused, and the client's refresh gets a token with the current role (or
// none). Versions, not times: iat has second granularity and a refresh racing the change could
// read the old role after the change's timestamp.
export class AccessWatermarks {
  private readonly versions = new Map<string, number>();

  raise(userId: string, version: number): void {
    if (version > (this.versions.get(userId) ?? 0)) this.versions.set(userId, version);
  }

  // Tokens without ver (issued before auth added it) count as version 0: stale after any change.
  isStale(userId: string, tokenVersion: number): boolean {
    const watermark = this.versions.get(userId);
    return watermark !== undefined && tokenVersion < watermark;
  }

  get size(): number {
    return this.versions.size;
  }
}
