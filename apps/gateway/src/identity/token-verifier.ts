import { errors, jwtVerify } from 'jose';
import { z } from 'zod';
import { userRoleSchema } from '@mindhill/contracts';
import { JwksKeyStore, KeysUnavailableError } from './jwks-key-store';
import { Principal } from './principal';
import { VerifiedTokenCache } from './verified-token-cache';

const claimsSchema = z.object({
  sub: z.uuid(),
  uid: z.number().int().positive(),
  email: z.string(),
  role: userRoleSchema,
  sid: z.string().min(1),
  ver: z.number().int().nonnegative().optional(),
});

export type TokenProblem = 'AUTH.TOKEN_EXPIRED' | 'AUTH.TOKEN_INVALID' | 'GATEWAY.KEYS_UNAVAILABLE';
export type VerifyOutcome = { ok: true; principal: Principal } | { ok: false; code: TokenProblem };

// Verifies access tokens locally against auth's published keys: EdDSA only (so `alg: none`,
// HS256 with a public key as secret, and any other algorithm fail), the key chosen by kid,
// issuer, audience, expiry and not-before checked, claims parsed.
export class TokenVerifier {
  private readonly verified = new VerifiedTokenCache();

  constructor(private readonly keys: JwksKeyStore) {}

  async verify(token: string): Promise<VerifyOutcome> {
    const cached = this.verified.get(token, this.keys.generation);
    if (cached) return { ok: true, principal: cached };
    try {
      const generation = this.keys.generation;
      const { payload } = await jwtVerify(token, this.keys.resolve, {
        algorithms: ['EdDSA'],
        issuer: 'mindhill-auth',
        audience: 'mindhill',
        clockTolerance: 5,
      });
      const claims = claimsSchema.safeParse(payload);
      if (!claims.success || payload.exp === undefined) return { ok: false, code: 'AUTH.TOKEN_INVALID' };
      const c = claims.data;
      const principal = {
        userId: c.sub,
        userNumber: c.uid,
        email: c.email,
        role: c.role,
        sessionId: c.sid,
        tokenVersion: c.ver ?? 0,
        expiresAt: payload.exp * 1000,
      };
      this.verified.set(token, principal, payload.exp * 1000, generation);
      return { ok: true, principal };
    } catch (error) {
      if (error instanceof KeysUnavailableError) return { ok: false, code: 'GATEWAY.KEYS_UNAVAILABLE' };
      return { ok: false, code: error instanceof errors.JWTExpired ? 'AUTH.TOKEN_EXPIRED' : 'AUTH.TOKEN_INVALID' };
    }
  }
}
