import { z } from 'zod';
import { defineEvent, topicName } from '../define-event';
import { defineRetentionApplied } from '../retention-receipt';

// Contents past content_retention_days, removed by a retention run (a batch of at most a thousand
// per event): their rows and fetch links go; their bytes go from the content store once no
// remaining content (nor webhook delivery) has the same hash.
export const contentsRemoved = defineEvent({
  type: 'ingestion.content.removed',
  version: 1,
  aggregateType: 'content',
  topic: topicName('ingestion', 'content'),
  schema: z.object({
    runId: z.uuid(),
    contentIds: z.array(z.uuid()),
    contentNumbers: z.array(z.number().int().positive()),
    retentionDays: z.number().int().positive(),
    cutoff: z.iso.datetime({ offset: true }),
    removedAt: z.iso.datetime({ offset: true }),
  }),
  audit: {
    category: 'admin',
    action: 'remove-contents',
    resourceType: 'content',
    severity: 'medium',
    resourceName: (p) => `${p.contentIds.length} content(s) fetched before ${p.cutoff}`,
    newValues: (p) => ({ removed: p.contentIds.length, retentionDays: p.retentionDays, cutoff: p.cutoff }),
  },
});

export const ingestionRetentionApplied = defineRetentionApplied('ingestion');
