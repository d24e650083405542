import { randomUUID } from 'node:crypto';
import { eventRegistry, SYSTEM_ACTOR } from '@mindhill/contracts';
import { toAuditRow } from './audit-row.mapper';

describe('toAuditRow', () => {
  const userId = randomUUID();
  const base = {
    eventId: randomUUID(),
    version: 1,
    occurredAt: '2026-11-26T06:00:00.000Z',
    producer: 'auth',
    aggregateType: 'user',
    aggregateId: `user-${userId}`,
    aggregateVersion: 1,
    correlationId: 'corr',
    causationId: null,
  };

  it('describes a registration from the event and its contract', () => {
    const row = toAuditRow(eventRegistry, {
      ...base,
      type: 'auth.user.registered',
      actor: {
        ...SYSTEM_ACTOR,
        role: null,
        ip: '10.0.0.7',
        userAgent: 'curl/8',
        requestMethod: 'POST',
        requestUrl: '/api/v1/auth/register',
      },
      payload: { userId, userNumber: 12, email: 'a@example.com', displayName: 'A', role: 'user', source: 'self-service' },
    });
    expect(row).toMatchObject({
      uuid: base.eventId,
      event_type: 'auth.user.registered',
      event_category: 'auth',
      event_action: 'register',
      user_id: 12,
      user_uuid: userId,
      user_email: 'a@example.com',
      ip_address: '10.0.0.7',
      resource_type: 'user',
      resource_id: `user-${userId}`,
      resource_name: 'a@example.com',
      new_values: { email: 'a@example.com', displayName: 'A', role: 'user' },
      old_values: null,
      response_status: 201,
      severity: 'low',
      compliance_tags: [],
      correlation_id: 'corr',
      source_service: 'auth',
      timestamp: '2026-11-26T06:00:00.000Z',
    });
  });

  it('classifies a failed login as a security event and redacts secrets in the details', () => {
    const row = toAuditRow(eventRegistry, {
      ...base,
      type: 'auth.user.login-failed',
      actor: { ...SYSTEM_ACTOR, ip: 'not-an-ip' },
      payload: { userId: null, email: 'x@example.com', reason: 'unknown-email', failedAttempts: 1, password: 'leaked?' },
    });
    expect(row).toMatchObject({
      event_category: 'security',
      severity: 'medium',
      risk_level: 'medium',
      compliance_tags: ['security'],
      ip_address: null,
      user_uuid: null,
    });
    expect(JSON.stringify(row.event_details)).not.toContain('leaked?');
  });
  it('keeps ids, hashes, sizes and types of content events, never their content fields', () => {
    const sha = 'a'.repeat(64);
    const fetched = toAuditRow(eventRegistry, {
      ...base,
      type: 'ingestion.content.fetched',
      producer: 'ingestion',
      aggregateType: 'content',
      actor: SYSTEM_ACTOR,
      payload: {
        contentId: userId,
        contentNumber: 1,
        sha256: sha,
        sizeBytes: 42,
        mimeType: 'text/plain',
        preview: 'the private text',
        wordCount: 3,
      },
    });
    expect(fetched.event_details.payload).toEqual({
      contentId: userId,
      contentNumber: 1,
      sha256: sha,
      sizeBytes: 42,
      mimeType: 'text/plain',
      wordCount: 3,
    });
    const processed = toAuditRow(eventRegistry, {
      ...base,
      type: 'processing.content.processed',
      producer: 'processing',
      aggregateType: 'content',
      actor: SYSTEM_ACTOR,
      payload: { contentId: userId, textSha256: sha, summary: 'what it said', keywords: ['private'], wordCount: 3 },
    });
    expect(processed.event_details.payload).toEqual({ contentId: userId, textSha256: sha, wordCount: 3 });
    expect(JSON.stringify([fetched, processed])).not.toMatch(/private|what it said/);
  });
});
