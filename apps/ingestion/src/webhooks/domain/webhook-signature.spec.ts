import { createHmac } from 'node:crypto';
import { signWebhook, verifyWebhook, webhookHeaders } from './webhook-signature';
import { codeOf } from '@mindhill/testing';

const secret = 'a webhook secret of some length';
const body = Buffer.from('{"event":"ping"}');
const now = new Date('2026-12-06T10:00:00Z');
const ts = Math.floor(now.getTime() / 1000);
const headersFor = (id = 'msg_1', timestamp = ts, b: Buffer | string = body, s = secret) => ({
  id,
  timestamp: String(timestamp),
  signature: signWebhook(s, id, timestamp, b),
});

describe('webhook signature (Standard Webhooks)', () => {
  it('given a delivery signed over id.timestamp.body, when verified now, then it is accepted with its id and time', () => {
    expect(verifyWebhook(secret, headersFor(), body, now, 300)).toEqual({ webhookId: 'msg_1', timestamp: now });
    const expected = createHmac('sha256', secret).update(`msg_1.${ts}.{"event":"ping"}`).digest('base64');
    expect(headersFor().signature).toBe(`v1,${expected}`);
    expect(webhookHeaders(secret, body, 'msg_1', now)).toEqual({
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(ts),
      'webhook-signature': `v1,${expected}`,
    });
  });

  it('accepts a whsec_ key and one matching signature among several (key rotation)', () => {
    const key = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;
    const h = headersFor('msg_2', ts, body, key);
    expect(verifyWebhook(key, h, body, now, 300).webhookId).toBe('msg_2');
    const rotated = { ...h, signature: `v1,${Buffer.alloc(32).toString('base64')} v2,abc ${h.signature}` };
    expect(verifyWebhook(key, rotated, body, now, 300).webhookId).toBe('msg_2');
  });

  it('refuses a tampered id, timestamp or body, another secret, and missing or malformed headers', () => {
    const good = headersFor();
    expect(codeOf(() => verifyWebhook(secret, { ...good, id: 'msg_other' }, body, now, 300))).toBe('INGESTION.BAD_SIGNATURE');
    expect(codeOf(() => verifyWebhook(secret, { ...good, timestamp: String(ts + 1) }, body, now, 300))).toBe('INGESTION.BAD_SIGNATURE');
    expect(codeOf(() => verifyWebhook(secret, good, Buffer.from('{"event":"pong"}'), now, 300))).toBe('INGESTION.BAD_SIGNATURE');
    expect(codeOf(() => verifyWebhook('another secret entirely', good, body, now, 300))).toBe('INGESTION.BAD_SIGNATURE');
    expect(codeOf(() => verifyWebhook(secret, { ...good, signature: undefined }, body, now, 300))).toBe('INGESTION.BAD_SIGNATURE');
    expect(codeOf(() => verifyWebhook(secret, { ...good, id: undefined }, body, now, 300))).toBe('INGESTION.BAD_SIGNATURE');
    expect(codeOf(() => verifyWebhook(secret, { ...good, signature: good.signature.replace('v1,', 'v2,') }, body, now, 300))).toBe(
      'INGESTION.BAD_SIGNATURE',
    );
    // An id with a dot could shift bytes between id, timestamp and body.
    expect(codeOf(() => verifyWebhook(secret, headersFor('msg.1'), body, now, 300))).toBe('INGESTION.BAD_SIGNATURE');
    // The old body-only scheme is not accepted.
    const legacy = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
    expect(codeOf(() => verifyWebhook(secret, { signature: legacy }, body, now, 300))).toBe('INGESTION.BAD_SIGNATURE');
  });

  it('refuses a correctly signed delivery whose timestamp is outside the tolerance, either way', () => {
    expect(codeOf(() => verifyWebhook(secret, headersFor('msg_1', ts - 301), body, now, 300))).toBe(
      'INGESTION.WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE',
    );
    expect(codeOf(() => verifyWebhook(secret, headersFor('msg_1', ts + 301), body, now, 300))).toBe(
      'INGESTION.WEBHOOK_TIMESTAMP_OUT_OF_TOLERANCE',
    );
    expect(verifyWebhook(secret, headersFor('msg_1', ts - 300), body, now, 300).webhookId).toBe('msg_1');
  });
});
