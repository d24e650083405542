import { z } from 'zod';
import { defineEvent, topicName } from '../define-event';

export const AUTH_SIGNING_KEY_TOPIC = topicName('auth', 'signing-key');

// The public half of an access-token signing key, as served in the JWKS (RFC 7517, Ed25519).
export const publicSigningJwkSchema = z.object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string().min(43) });

// A new key pair. It is published in the JWKS at once but signs nothing until it is activated,
// so every gateway has it before the first token it signs arrives. The private key is sealed
// (AES-256-GCM) and stays in auth's event store: it never leaves on Kafka.
export const signingKeyCreated = defineEvent({
  type: 'auth.signing-key.created',
  version: 1,
  aggregateType: 'signing-key',
  topic: AUTH_SIGNING_KEY_TOPIC,
  schema: z.object({ kid: z.string().min(8), alg: z.literal('EdDSA'), publicJwk: publicSigningJwkSchema }),
  privateSchema: z.object({ sealedPrivateKey: z.string() }),
  audit: {
    category: 'system',
    action: 'signing-key-create',
    resourceType: 'signing-key',
    severity: 'info',
    resourceName: (p) => p.kid,
    newValues: (p) => ({ alg: p.alg }),
  },
});

// The key becomes the one that signs access tokens; the previous one stops signing (its private
// half is erased) and stays in the JWKS until the last token it signed has expired.
export const signingKeyActivated = defineEvent({
  type: 'auth.signing-key.activated',
  version: 1,
  aggregateType: 'signing-key',
  topic: AUTH_SIGNING_KEY_TOPIC,
  schema: z.object({
    kid: z.string().min(8),
    previousKid: z.string().nullable(),
    reason: z.enum(['first-start', 'scheduled', 'manual', 'recovery']),
    rotatedBy: z.uuid().nullable(),
  }),
  audit: {
    category: 'security',
    action: 'signing-key-rotate',
    resourceType: 'signing-key',
    severity: 'medium',
    resourceName: (p) => p.kid,
    oldValues: (p) => ({ kid: p.previousKid }),
    newValues: (p) => ({ kid: p.kid, reason: p.reason }),
  },
});

export const AUTH_SIGNING_KEY_EVENTS = [signingKeyCreated, signingKeyActivated] as const;
