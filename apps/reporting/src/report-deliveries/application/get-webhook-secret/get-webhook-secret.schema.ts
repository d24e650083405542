import { z } from 'zod';

export const getWebhookSecretSchema = z.strictObject({ reportId: z.uuid() });
export type GetWebhookSecretRequest = z.infer<typeof getWebhookSecretSchema>;
