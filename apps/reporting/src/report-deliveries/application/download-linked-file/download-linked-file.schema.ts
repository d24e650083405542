import { z } from 'zod';

// The query string of a signed download link; checked by verifyDownloadLink, so only shapes here.
export const downloadLinkSchema = z.strictObject({
  expires: z.string().max(20).optional(),
  signature: z.string().max(100).optional(),
});
export type DownloadLinkRequest = z.infer<typeof downloadLinkSchema>;
