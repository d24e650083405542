import { z } from 'zod';
import { defineEvent, topicName } from '../define-event';
import { defineRetentionApplied } from '../retention-receipt';

// Sessions expired or revoked, and reset/verification tokens expired or used, more than
// session_retention_days ago, removed by a retention run (a batch per event). The token hashes
// stay in auth's own store (a rebuild removes the same rows); consumers get the counts.
export const sessionsPurged = defineEvent({
  type: 'auth.session.purged',
  version: 1,
  aggregateType: 'session',
  topic: topicName('auth', 'session'),
  schema: z.object({
    runId: z.uuid(),
    sessionIds: z.array(z.string()),
    userTokens: z.number().int().nonnegative(),
    retentionDays: z.number().int().positive(),
    cutoff: z.iso.datetime({ offset: true }),
    purgedAt: z.iso.datetime({ offset: true }),
  }),
  privateSchema: z.object({ userTokenHashes: z.array(z.string()) }),
  audit: {
    category: 'admin',
    action: 'purge-sessions',
    resourceType: 'session',
    severity: 'medium',
    resourceName: (p) => `${p.sessionIds.length} session(s), ${p.userTokens} token(s) before ${p.cutoff}`,
    newValues: (p) => ({ sessions: p.sessionIds.length, userTokens: p.userTokens, retentionDays: p.retentionDays, cutoff: p.cutoff }),
  },
});

export const authRetentionApplied = defineRetentionApplied('auth');
