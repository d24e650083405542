import { z } from 'zod';
import { pageOf, seedRowAnswer } from '@mindhill/platform';

// The query string of GET /api/v1/audit-logs.
export const listAuditLogsSchema = z
  .strictObject({
    category: z.string().max(50).optional(),
    type: z.string().max(100).optional(),
    userId: z.union([z.uuid(), z.coerce.number().int().positive()]).optional(),
    userEmail: z.string().max(255).optional(),
    resourceType: z.string().max(100).optional(),
    resourceId: z.string().max(200).optional(),
    severity: z.enum(['info', 'low', 'medium', 'high', 'critical']).optional(),
    correlationId: z.string().max(200).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z.string().max(200).optional(),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), { message: 'from must not be after to', path: ['from'] });
export type ListAuditLogsRequest = z.infer<typeof listAuditLogsSchema>;

// A page of audit log entries: rows of the seed's audit table under camelCase names.
export const auditLogPageAnswer = pageOf(seedRowAnswer).describe('A page of audit log entries');
