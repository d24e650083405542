import { z } from 'zod';

// Who caused an event. Filled by the gateway from the verified token and the HTTP request;
// system-initiated events (start-up, schedules) carry nulls.
export const actorSchema = z.object({
  userId: z.string().nullable(),
  userNumber: z.number().int().nullable(),
  email: z.string().nullable(),
  role: z.string().nullable(),
  sessionId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  requestMethod: z.string().nullable(),
  requestUrl: z.string().nullable(),
});
export type Actor = z.infer<typeof actorSchema>;

export const SYSTEM_ACTOR: Actor = {
  userId: null,
  userNumber: null,
  email: null,
  role: 'system',
  sessionId: null,
  ip: null,
  userAgent: null,
  requestMethod: null,
  requestUrl: null,
};

export const envelopeSchema = z.object({
  eventId: z.uuid(),
  type: z.string().min(1),
  version: z.number().int().positive(),
  occurredAt: z.iso.datetime({ offset: true }),
  producer: z.string().min(1),
  aggregateType: z.string().min(1),
  aggregateId: z.string().min(1),
  aggregateVersion: z.number().int().positive(),
  correlationId: z.string().min(1),
  causationId: z.string().nullable(),
  actor: actorSchema,
  payload: z.unknown(),
});

export type EventEnvelope<P = unknown> = Omit<z.infer<typeof envelopeSchema>, 'payload'> & { payload: P };
