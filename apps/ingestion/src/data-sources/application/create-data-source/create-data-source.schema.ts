import { z } from 'zod';
import {
  apiSourceFields,
  databaseSourceFields,
  descriptionField,
  fileSourceFields,
  nameField,
  sharingFields,
  webhookSourceFields,
} from '../../domain/source-input.schema';

const named = { name: nameField, description: descriptionField };

export const createDataSourceBody = z.discriminatedUnion('type', [
  z.strictObject({ ...named, type: z.literal('api'), ...apiSourceFields, ...sharingFields }),
  z.strictObject({ ...named, type: z.literal('file'), ...fileSourceFields, ...sharingFields }),
  z.strictObject({ ...named, type: z.literal('database'), ...databaseSourceFields, ...sharingFields }),
  z.strictObject({ ...named, type: z.literal('webhook'), ...webhookSourceFields, ...sharingFields }),
]);
export type CreateDataSourceBody = z.infer<typeof createDataSourceBody>;
