import { generateKeyPairSync, KeyObject, randomUUID } from 'node:crypto';
import { calculateJwkThumbprint, SignJWT } from 'jose';

export type TokenClaims = { role: 'admin' | 'user' | 'viewer'; userId?: string; userNumber?: number; email?: string };

// An Ed25519 key like the ones auth signs with. A test platform's gateway trusts the platform's
// key (see test-jwks.ts); a key made here for the occasion is "another key".
export type TestKey = { kid: string; privateKey: KeyObject; publicJwk: { kty: string; crv: string; x: string } };

export async function newTestKey(kid?: string): Promise<TestKey> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' });
  const publicJwk = { kty: String(jwk.kty), crv: String(jwk.crv), x: String(jwk.x) };
  return { kid: kid ?? (await calculateJwkThumbprint(publicJwk, 'sha256')), privateKey, publicJwk };
}

// Tokens as the auth service would sign them, or deliberately wrong ones, for access tests.
export async function signToken(
  key: TestKey,
  claims: TokenClaims,
  options: { expiresIn?: string | number; issuedAt?: number; issuer?: string } = {},
) {
  const jwt = new SignJWT({
    uid: claims.userNumber ?? 1,
    email: claims.email ?? `${claims.role}@example.com`,
    role: claims.role,
    sid: randomUUID(),
  })
    .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', kid: key.kid })
    .setSubject(claims.userId ?? randomUUID())
    .setIssuer(options.issuer ?? 'mindhill-auth')
    .setAudience('mindhill')
    .setIssuedAt(options.issuedAt)
    .setExpirationTime(options.expiresIn ?? '5m');
  return jwt.sign(key.privateKey);
}

export function unsignedToken(claims: TokenClaims, kid?: string): string {
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${enc({ alg: 'none', typ: 'JWT', kid })}.${enc({ sub: randomUUID(), uid: 1, email: 'x@example.com', role: claims.role, sid: 's', iss: 'mindhill-auth', aud: 'mindhill', iat: now, exp: now + 300 })}.`;
}

// Key confusion: HS256 with the published public key as the shared secret.
export async function publicKeyAsSecretToken(key: TestKey, claims: TokenClaims): Promise<string> {
  return new SignJWT({ uid: 1, email: 'x@example.com', role: claims.role, sid: randomUUID() })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: key.kid })
    .setSubject(randomUUID())
    .setIssuer('mindhill-auth')
    .setAudience('mindhill')
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(JSON.stringify(key.publicJwk)));
}
