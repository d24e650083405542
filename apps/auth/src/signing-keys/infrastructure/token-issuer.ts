import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { UserRole } from '@mindhill/contracts';
import { SigningKeyReader } from './signing-key.reader';

export const JWT_ISSUER = 'mindhill-auth';
export const JWT_AUDIENCE = 'mindhill';

// userVersion: the user stream's version the token was issued at (claim `ver`). The gateway
// refuses a token older than the user's last role change, deactivation, deletion or lockout.
export type AccessTokenClaims = {
  userId: string;
  userNumber: number;
  email: string;
  role: UserRole;
  sessionId: string;
  userVersion: number;
};

// Signs short-lived access tokens with the active Ed25519 key, named by its kid; the gateway
// verifies them locally against the JWKS auth serves.
export class TokenIssuer {
  constructor(
    private readonly keys: SigningKeyReader,
    private readonly ttlSeconds: number,
  ) {}

  async issue(claims: AccessTokenClaims): Promise<{ accessToken: string; expiresIn: number }> {
    const { kid, key } = await this.keys.activeKey();
    const accessToken = await new SignJWT({
      uid: claims.userNumber,
      email: claims.email,
      role: claims.role,
      sid: claims.sessionId,
      ver: claims.userVersion,
    })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', kid })
      .setSubject(claims.userId)
      .setIssuer(JWT_ISSUER)
      .setAudience(JWT_AUDIENCE)
      .setIssuedAt()
      .setNotBefore('0s')
      .setExpirationTime(`${this.ttlSeconds}s`)
      .setJti(randomUUID())
      .sign(key);
    return { accessToken, expiresIn: this.ttlSeconds };
  }
}
