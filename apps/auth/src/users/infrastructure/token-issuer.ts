import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { UserRole } from '@mindhill/contracts';

export const JWT_ISSUER = 'mindhill-auth';
export const JWT_AUDIENCE = 'mindhill';

export type AccessTokenClaims = { userId: string; userNumber: number; email: string; role: UserRole; sessionId: string };

// Signs short-lived access tokens (HS256 with a configured secret for now; the gateway checks
// them locally with the same secret).
export class TokenIssuer {
  private readonly key: Uint8Array;

  constructor(secret: string, private readonly ttlSeconds: number) {
    this.key = new TextEncoder().encode(secret);
  }

  async issue(claims: AccessTokenClaims): Promise<{ accessToken: string; expiresIn: number }> {
    const accessToken = await new SignJWT({ uid: claims.userNumber, email: claims.email, role: claims.role, sid: claims.sessionId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuer(JWT_ISSUER)
      .setAudience(JWT_AUDIENCE)
      .setIssuedAt()
      .setNotBefore('0s')
      .setExpirationTime(`${this.ttlSeconds}s`)
      .setJti(randomUUID())
      .sign(this.key);
    return { accessToken, expiresIn: this.ttlSeconds };
  }
}
