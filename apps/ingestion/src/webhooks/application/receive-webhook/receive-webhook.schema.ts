import { z } from 'zod';

// POST /webhooks/:id: the delivery is taken (202); its content is fetched like any other.
export const webhookAcceptedAnswer = z
  .object({ deliveryId: z.string(), sha256: z.string(), sizeBytes: z.number().int() })
  .describe('The webhook delivery is accepted');
