import { errors, jwtVerify } from 'jose';
import { z } from 'zod';
import { userRoleSchema } from '@mindhill/contracts';
import { Principal } from './principal';

const claimsSchema = z.object({
  sub: z.uuid(),
  uid: z.number().int().positive(),
  email: z.string(),
  role: userRoleSchema,
  sid: z.string().min(1),
});

export type VerifyOutcome = { ok: true; principal: Principal } | { ok: false; code: 'AUTH.TOKEN_EXPIRED' | 'AUTH.TOKEN_INVALID' };

// Verifies access tokens locally: allow-listed algorithm only (so `alg: none` and key confusion
// fail), issuer, audience, expiry and not-before checked, claims parsed.
export class TokenVerifier {
  private readonly key: Uint8Array;

  constructor(secret: string) {
    this.key = new TextEncoder().encode(secret);
  }

  async verify(token: string): Promise<VerifyOutcome> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], issuer: 'mindhill-auth', audience: 'mindhill', clockTolerance: 5 });
      const claims = claimsSchema.safeParse(payload);
      if (!claims.success) return { ok: false, code: 'AUTH.TOKEN_INVALID' };
      const c = claims.data;
      return { ok: true, principal: { userId: c.sub, userNumber: c.uid, email: c.email, role: c.role, sessionId: c.sid } };
    } catch (error) {
      return { ok: false, code: error instanceof errors.JWTExpired ? 'AUTH.TOKEN_EXPIRED' : 'AUTH.TOKEN_INVALID' };
    }
  }
}
