import { createHmac } from 'node:crypto';
import { codeOf } from '@mindhill/testing';
import { deliveryKeys, reportWebhookSecret, signDownloadLink, verifyDownloadLink, webhookSignatureHeaders } from './delivery-signing';

const keys = deliveryKeys('a server secret of at least thirty-two characters');
const executionId = '44444444-4444-4444-8444-444444444444';
const now = new Date('2026-12-06T12:00:00Z');

describe('delivery signing', () => {
  it('given a link signed until tomorrow, when checked now, then it passes; expired, tampered or for another run it is refused', () => {
    const link = signDownloadLink(keys, executionId, new Date('2026-12-07T12:00:00Z'));
    const query = { expires: String(link.expires), signature: link.signature };
    expect(() => verifyDownloadLink(keys, executionId, query, now)).not.toThrow();
    expect(codeOf(() => verifyDownloadLink(keys, executionId, query, new Date('2026-12-08T00:00:00Z')))).toBe('REPORTING.LINK_EXPIRED');
    expect(codeOf(() => verifyDownloadLink(keys, executionId, { ...query, expires: String(link.expires + 1) }, now))).toBe(
      'REPORTING.LINK_INVALID',
    );
    const flipped = `${link.signature[0] === 'A' ? 'B' : 'A'}${link.signature.slice(1)}`;
    expect(codeOf(() => verifyDownloadLink(keys, executionId, { ...query, signature: flipped }, now))).toBe('REPORTING.LINK_INVALID');
    expect(codeOf(() => verifyDownloadLink(keys, '55555555-5555-4555-8555-555555555555', query, now))).toBe('REPORTING.LINK_INVALID');
    expect(codeOf(() => verifyDownloadLink(deliveryKeys('another server secret, also long enough'), executionId, query, now))).toBe(
      'REPORTING.LINK_INVALID',
    );
    expect(codeOf(() => verifyDownloadLink(keys, executionId, {}, now))).toBe('REPORTING.LINK_INVALID');
  });

  it('signs webhooks as Standard Webhooks with a per-report whsec_ secret', () => {
    const secret = reportWebhookSecret(keys, 'report-a');
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(reportWebhookSecret(keys, 'report-b')).not.toBe(secret);
    const headers = webhookSignatureHeaders(secret, 'msg_1', '{"a":1}', now);
    const ts = String(now.getTime() / 1000);
    const expected = createHmac('sha256', Buffer.from(secret.slice(6), 'base64'))
      .update(`msg_1.${ts}.{"a":1}`)
      .digest('base64');
    expect(headers).toEqual({ 'webhook-id': 'msg_1', 'webhook-timestamp': ts, 'webhook-signature': `v1,${expected}` });
  });
});
