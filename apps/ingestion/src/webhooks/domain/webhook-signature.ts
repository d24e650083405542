import { createHmac, timingSafeEqual } from 'node:crypto';
import { DomainError } from '@mindhill/domain';

// Inbound webhooks follow the Standard Webhooks scheme (standardwebhooks.com): the signature is
// over `<webhook-id>.<webhook-timestamp>.<raw body>`, so a captured delivery cannot be replayed
// later (the timestamp is checked) or again (the id is remembered). The old body-only
// `X-Mindhill-Signature` is not accepted any more: it was replayable forever.
export const WEBHOOK_ID_HEADER = 'webhook-id';
export const WEBHOOK_TIMESTAMP_HEADER = 'webhook-timestamp';
export const WEBHOOK_SIGNATURE_HEADER = 'webhook-signature';

export type WebhookHeaders = { id?: string; timestamp?: string; signature?: string };
export type VerifiedDelivery = { webhookId: string; timestamp: Date };

// No dots: `id.timestamp.body` must split one way only.
const ID = /^[A-Za-z0-9_:-]{1,200}$/;
const TIMESTAMP = /^\d{1,12}$/;

// A `whsec_`-prefixed secret is base64 key material (as Standard Webhooks libraries generate);
// any other secret is used as its UTF-8 bytes.
function keyOf(secret: string): Buffer {
  return secret.startsWith('whsec_') ? Buffer.from(secret.slice('whsec_'.length), 'base64') : Buffer.from(secret, 'utf8');
}

function mac(secret: string, id: string, timestamp: string, body: Buffer | string): Buffer {
  return createHmac('sha256', keyOf(secret)).update(`${id}.${timestamp}.`).update(body).digest();
}

// The `webhook-signature` value for one delivery: `v1,<base64 HMAC-SHA256>`.
export function signWebhook(secret: string, id: string, timestamp: number | string, body: Buffer | string): string {
  return `v1,${mac(secret, id, String(timestamp), body).toString('base64')}`;
}

// All three headers for a delivery sent now (senders, tests, the demo).
export function webhookHeaders(secret: string, body: Buffer | string, id: string, at: Date = new Date()): Record<string, string> {
  const timestamp = Math.floor(at.getTime() / 1000);
  return {
    [WEBHOOK_ID_HEADER]: id,
    [WEBHOOK_TIMESTAMP_HEADER]: String(timestamp),
    [WEBHOOK_SIGNATURE_HEADER]: signWebhook(secret, id, timestamp, body),
  };
}

const unauthorized = (code: string, message: string) => new DomainError(code, message, 'unauthorized');

// Checks the signature first (nothing about an unsigned request is answered), then freshness:
// a timestamp further than toleranceSeconds from now either way is refused. Whether the id was
// seen before is the caller's atomic check.
export function verifyWebhook(
  secret: string,
  headers: WebhookHeaders,
  body: Buffer,
  now: Date,
  toleranceSeconds: number,
): VerifiedDelivery {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature || !ID.test(id) || !TIMESTAMP.test(timestamp)) {
    throw unauthorized(
      'INGESTION.BAD_SIGNATURE',
      'Sign deliveries with the webhook-id, webhook-timestamp and webhook-signature headers (Standard Webhooks)',
    );
  }
  const expected = mac(secret, id, timestamp, body);
  // Several space-separated signatures are allowed (key rotation); one v1 match is enough.
  const matches = signature
    .trim()
    .split(/\s+/)
    .some((entry) => {
      const [version, value] = entry.split(',', 2);
      if (version !== 'v1' || !value || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return false;
      const given = Buffer.from(value, 'base64');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
  if (!matches) throw unauthorized('INGESTION.BAD_SIGNATURE', 'The webhook-signature header does not match the delivery');
  const at = new Date(Number(timestamp) * 1000);
  if (Math.abs(now.getTime() - at.getTime()) > toleranceSeconds * 1000) {
    throw unauthorized(
      'INGESTION.WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE',
      `webhook-timestamp must be within ${toleranceSeconds} s of the receiver's clock`,
    );
  }
  return { webhookId: id, timestamp: at };
}
