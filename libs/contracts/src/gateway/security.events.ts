import { z } from 'zod';
import { defineEvent, topicName } from '../define-event';

export const GATEWAY_SECURITY_TOPIC = topicName('gateway', 'security');

const request = {
  method: z.string(),
  route: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  userId: z.uuid().nullable(),
};

// Refused requests become security events, so the audit log shows probing and misuse.
export const accessDenied = defineEvent({
  type: 'gateway.security.access-denied',
  version: 1,
  aggregateType: 'security',
  topic: GATEWAY_SECURITY_TOPIC,
  schema: z.object({ ...request, status: z.union([z.literal(401), z.literal(403)]), code: z.string() }),
  audit: {
    category: 'security',
    action: 'access-denied',
    resourceType: 'api-route',
    severity: 'medium',
    riskLevel: 'medium',
    resourceName: (p) => `${p.method} ${p.route}`,
  },
});

export const rateLimited = defineEvent({
  type: 'gateway.security.rate-limited',
  version: 1,
  aggregateType: 'security',
  topic: GATEWAY_SECURITY_TOPIC,
  schema: z.object({
    ...request,
    scope: z.enum(['user', 'ip', 'login-ip']),
    limit: z.number().int().positive(),
    windowSeconds: z.number().int().positive(),
  }),
  audit: {
    category: 'security',
    action: 'rate-limited',
    resourceType: 'api-route',
    severity: 'high',
    riskLevel: 'high',
    responseStatus: 429,
    resourceName: (p) => `${p.method} ${p.route}`,
  },
});
