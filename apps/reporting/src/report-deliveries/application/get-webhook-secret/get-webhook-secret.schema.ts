import { z } from 'zod';

export const getWebhookSecretSchema = z.strictObject({ reportId: z.uuid() });
export type GetWebhookSecretRequest = z.infer<typeof getWebhookSecretSchema>;

// The secret a report's webhook deliveries are signed with, and how.
export const webhookSecretAnswer = z
  .object({ reportId: z.uuid(), scheme: z.string(), secret: z.string() })
  .describe("The signing secret of a report's webhook deliveries");
