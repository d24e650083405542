import { z } from 'zod';

// POST /auth/logout, DELETE /auth/sessions/:id: the session is revoked.
export const revokedSessionAnswer = z.object({ id: z.uuid(), revoked: z.literal(true) }).describe('The session is revoked');

// POST /auth/sessions/revoke-all: how many of my other sessions were revoked.
export const revokeAllSessionsAnswer = z.object({ revoked: z.number().int() }).describe('The sessions revoked');
