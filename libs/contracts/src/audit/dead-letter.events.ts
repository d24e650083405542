import { z } from 'zod';
import { defineEvent, topicName } from '../define-event';

const DEAD_LETTER_TOPIC = topicName('audit', 'dead-letter');
const fields = {
  deadLetterId: z.uuid(),
  service: z.string(),
  originalTopic: z.string(),
  errorCode: z.string(),
  by: z.number().int().nullable(),
};

// An operator's decision about a dead-lettered message, audited like any change.
export const deadLetterReplayed = defineEvent({
  type: 'audit.dead-letter.replayed',
  version: 1,
  aggregateType: 'dead-letter',
  topic: DEAD_LETTER_TOPIC,
  schema: z.object(fields),
  audit: {
    category: 'admin',
    action: 'dead-letter-replay',
    resourceType: 'dead-letter',
    severity: 'medium',
    responseStatus: 200,
    resourceName: (p) => `${p.service}: ${p.errorCode}`,
  },
});

export const deadLetterDiscarded = defineEvent({
  type: 'audit.dead-letter.discarded',
  version: 1,
  aggregateType: 'dead-letter',
  topic: DEAD_LETTER_TOPIC,
  schema: z.object({ ...fields, reason: z.string().nullable() }),
  audit: {
    category: 'admin',
    action: 'dead-letter-discard',
    resourceType: 'dead-letter',
    severity: 'medium',
    responseStatus: 200,
    resourceName: (p) => `${p.service}: ${p.errorCode}`,
  },
});
