import { z } from 'zod';

// Who besides the owner may see a workflow, data source or report. Events written before
// sharing existed read as private and shared with nobody.
export const userNumbersSchema = z.array(z.number().int().positive()).max(1_000);
export const sharingFields = {
  isPublic: z.boolean().default(false),
  sharedWithUsers: userNumbersSchema.default([]),
};
export const sharingSchema = z.object(sharingFields);
export type Sharing = z.infer<typeof sharingSchema>;
