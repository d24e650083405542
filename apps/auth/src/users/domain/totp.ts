import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { authenticator } from 'otplib';

// RFC 6238 TOTP: SHA-1, six digits, 30-second steps, one step of drift either way. A code is
// identified by its time step; a step at or before the last accepted one is refused, so a
// code cannot be replayed within its window.
export const TOTP_STEP_SECONDS = 30;
const DRIFT_STEPS = 1;
const ISSUER = 'Mind Hillmetric';

export function newTotpSecret(): string {
  return authenticator.generateSecret(20);
}

export function otpauthUrl(email: string, secret: string): string {
  return authenticator.keyuri(email, ISSUER, secret);
}

export function timeStepAt(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_STEP_SECONDS);
}

export function totpAt(secret: string, step: number): string {
  return authenticator.clone({ epoch: step * TOTP_STEP_SECONDS * 1000, window: 0 }).generate(secret);
}

// The time step the code belongs to, or null when it matches none in the window or was used.
export function acceptedTimeStep(secret: string, code: string, now: Date, lastUsedStep: number | null): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const current = timeStepAt(now);
  for (let step = current - DRIFT_STEPS; step <= current + DRIFT_STEPS; step++) {
    if (lastUsedStep !== null && step <= lastUsedStep) continue;
    if (timingSafeEqual(Buffer.from(totpAt(secret, step)), Buffer.from(code))) return step;
  }
  return null;
}

// Ten backup codes of 10 characters from a 32-letter alphabet (50 bits each), shown once,
// kept as SHA-256 salted with the user id. Given with or without the dash, any case.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export function newBackupCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(10);
    const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

export function hashBackupCode(userId: string, code: string): string {
  const normalized = code.trim().toLowerCase().replace(/[\s-]/g, '');
  return createHash('sha256').update(`${userId}:${normalized}`).digest('hex');
}
