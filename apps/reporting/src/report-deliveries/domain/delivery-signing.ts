import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { DomainError } from '@mindhill/domain';

// The secrets of deliveries, all derived from one server secret (REPORT_DELIVERY_SECRET, or the
// service's INTERNAL_API_TOKEN when unset) with HKDF-SHA256, so nothing is stored and a rotation of
// the server secret rotates them all (ADR 0017):
//   link key      = HKDF(secret, "mindhill/report-delivery/v1/download-link")
//   webhook key   = HKDF(secret, "mindhill/report-delivery/v1/webhook")
//   report secret = "whsec_" + base64(HMAC-SHA256(webhook key, "report-webhook:" + report uuid))
export type DeliveryKeys = { linkKey: Buffer; webhookKey: Buffer };

export function deliveryKeys(serverSecret: string): DeliveryKeys {
  const derive = (label: string) =>
    Buffer.from(hkdfSync('sha256', Buffer.from(serverSecret, 'utf8'), Buffer.alloc(0), `mindhill/report-delivery/v1/${label}`, 32));
  return { linkKey: derive('download-link'), webhookKey: derive('webhook') };
}

// The per-report webhook signing secret, in the Standard Webhooks `whsec_` form.
export function reportWebhookSecret(keys: DeliveryKeys, reportId: string): string {
  return `whsec_${createHmac('sha256', keys.webhookKey).update(`report-webhook:${reportId}`).digest('base64')}`;
}

// Outbound webhooks are signed as inbound ones are verified (Standard Webhooks, the ingestion
// service's scheme): HMAC-SHA256 over `<webhook-id>.<webhook-timestamp>.<body>` with the key
// material of the `whsec_` secret, sent as `webhook-signature: v1,<base64>`.
export function webhookSignatureHeaders(secret: string, id: string, body: string, at: Date): Record<string, string> {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  const key = secret.startsWith('whsec_') ? Buffer.from(secret.slice('whsec_'.length), 'base64') : Buffer.from(secret, 'utf8');
  const mac = createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest('base64');
  return { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${mac}` };
}

// A download link for one run's file, valid without a login until `expires` (unix seconds):
// `signature` = base64url(HMAC-SHA256(link key, "report-download.v1.<execution uuid>.<expires>")).
function linkMac(keys: DeliveryKeys, executionId: string, expires: number): Buffer {
  return createHmac('sha256', keys.linkKey).update(`report-download.v1.${executionId.toLowerCase()}.${expires}`).digest();
}

export function signDownloadLink(keys: DeliveryKeys, executionId: string, expiresAt: Date): { expires: number; signature: string } {
  const expires = Math.floor(expiresAt.getTime() / 1000);
  return { expires, signature: linkMac(keys, executionId, expires).toString('base64url') };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const linkInvalid = () => new DomainError('REPORTING.LINK_INVALID', 'This download link is not valid', 'forbidden');

// The signature is checked first (constant time), then the expiry: an altered link says nothing
// about the run it names.
export function verifyDownloadLink(
  keys: DeliveryKeys,
  executionId: string,
  link: { expires?: string; signature?: string },
  now: Date,
): void {
  const { expires, signature } = link;
  if (!UUID.test(executionId) || !expires || !/^\d{1,12}$/.test(expires) || !signature || !/^[A-Za-z0-9_-]{43}$/.test(signature)) {
    throw linkInvalid();
  }
  const expected = linkMac(keys, executionId, Number(expires));
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw linkInvalid();
  if (Number(expires) * 1000 <= now.getTime()) {
    throw new DomainError('REPORTING.LINK_EXPIRED', 'This download link has expired; ask for the report again', 'forbidden');
  }
}
