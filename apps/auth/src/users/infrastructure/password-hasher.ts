import argon2 from 'argon2';

// argon2id with OWASP's minimum (19 MiB, 2 iterations, 1 lane). The library hashes on libuv's
// thread pool, so the event loop keeps serving while a hash runs.
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export class PasswordHasher {
  // Verified against when the e-mail is unknown, so both failure paths cost one verification.
  private readonly dummy: Promise<string> = argon2.hash('mindhill-timing-equaliser', OPTIONS);

  hash(password: string): Promise<string> {
    return argon2.hash(password, OPTIONS);
  }

  async verify(hash: string | null, password: string): Promise<boolean> {
    try {
      if (hash === null) {
        await argon2.verify(await this.dummy, password);
        return false;
      }
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }
}
