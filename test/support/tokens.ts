import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';

export type TokenClaims = { role: 'admin' | 'user' | 'viewer'; userId?: string; userNumber?: number; email?: string };

// Tokens as the auth service would sign them, or deliberately wrong ones, for access tests.
export async function signToken(secret: string, claims: TokenClaims, options: { expiresIn?: string | number; issuedAt?: number; issuer?: string } = {}) {
  const jwt = new SignJWT({ uid: claims.userNumber ?? 1, email: claims.email ?? `${claims.role}@example.com`, role: claims.role, sid: randomUUID() })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.userId ?? randomUUID())
    .setIssuer(options.issuer ?? 'mindhill-auth')
    .setAudience('mindhill')
    .setIssuedAt(options.issuedAt)
    .setExpirationTime(options.expiresIn ?? '5m');
  return jwt.sign(new TextEncoder().encode(secret));
}

export function unsignedToken(claims: TokenClaims): string {
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${enc({ alg: 'none', typ: 'JWT' })}.${enc({ sub: randomUUID(), uid: 1, email: 'x@example.com', role: claims.role, sid: 's', iss: 'mindhill-auth', aud: 'mindhill', iat: now, exp: now + 300 })}.`;
}
