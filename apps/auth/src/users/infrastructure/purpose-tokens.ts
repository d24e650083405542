import { randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { DomainError } from '@mindhill/domain';
import { JWT_ISSUER } from '../../signing-keys/infrastructure/token-issuer';

// Short-lived tokens for one step of a login that is not finished: the second factor ('mfa')
// or the forced password change ('password-change'). Each has its own audience, never
// 'mindhill', so the gateway refuses them as access tokens.
export type TokenPurpose = 'mfa' | 'password-change';
const AUDIENCE: Record<TokenPurpose, string> = { mfa: 'mindhill-auth-mfa', 'password-change': 'mindhill-auth-password-change' };

export class PurposeTokens {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  issue(purpose: TokenPurpose, userId: string): Promise<string> {
    return new SignJWT({ purpose })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(userId)
      .setIssuer(JWT_ISSUER)
      .setAudience(AUDIENCE[purpose])
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .setJti(randomUUID())
      .sign(this.key);
  }

  // The user id the token was issued for; any problem is one coded error.
  async verify(purpose: TokenPurpose, token: string): Promise<string> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], issuer: JWT_ISSUER, audience: AUDIENCE[purpose] });
      if (payload.purpose !== purpose || typeof payload.sub !== 'string') throw new Error('wrong purpose');
      return payload.sub;
    } catch {
      throw new DomainError(
        purpose === 'mfa' ? 'AUTH.INVALID_MFA_TOKEN' : 'AUTH.INVALID_CHANGE_TOKEN',
        'The sign-in step has expired or is not valid: sign in again',
        'unauthorized',
      );
    }
  }
}
