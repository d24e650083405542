import { createPrivateKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { calculateJwkThumbprint } from 'jose';
import { SecretBox } from './secret-box';

export type NewKeyMaterial = { kid: string; publicJwk: { kty: 'OKP'; crv: 'Ed25519'; x: string }; sealedPrivateKey: string };

// Ed25519 (EdDSA): small keys, fast to sign and verify, no parameter choices to get wrong. The
// kid is the key's RFC 7638 thumbprint, so it names the key and nothing else.
export async function generateSigningKey(box: SecretBox): Promise<NewKeyMaterial> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' });
  const publicJwk = { kty: 'OKP' as const, crv: 'Ed25519' as const, x: String(jwk.x) };
  const kid = await calculateJwkThumbprint(publicJwk, 'sha256');
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  return { kid, publicJwk, sealedPrivateKey: box.seal(pem) };
}

// The private key, or null when it cannot be opened with the configured secret.
export function openSigningKey(box: SecretBox, sealed: string | null): KeyObject | null {
  if (!sealed) return null;
  try {
    return createPrivateKey(box.open(sealed));
  } catch {
    return null;
  }
}
