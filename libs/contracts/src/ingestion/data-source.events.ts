import { z } from 'zod';
import { defineEvent, topicName } from '../define-event';
import { sharingFields, userNumbersSchema } from '../sharing';

export const DATA_SOURCE_TOPIC = topicName('ingestion', 'data-source');
export const dataSourceTypeSchema = z.enum(['api', 'file', 'database', 'webhook']);
export type DataSourceType = z.infer<typeof dataSourceTypeSchema>;
export const dataSourceStatusSchema = z.enum(['active', 'archived']);

// The public part of a data source ("flux"): its configuration without any secret, and the
// names of the credentials that are set (never their values).
export const dataSourceStateSchema = z.object({
  name: z.string(),
  description: z.string().nullable(),
  type: dataSourceTypeSchema,
  config: z.record(z.string(), z.unknown()),
  credentialsSet: z.array(z.string()),
  // Seeing (isPublic, sharedWithUsers) and using (usableByUsers: naming it in a workflow, which
  // lends its credentials) are separate shares. Older events read as private, unshared.
  ...sharingFields,
  usableByUsers: userNumbersSchema.default([]),
});
// What changed, before: only the fields that did (no defaults filled in).
const previousStateSchema = dataSourceStateSchema
  .extend({
    isPublic: z.boolean(),
    sharedWithUsers: userNumbersSchema,
    usableByUsers: userNumbersSchema,
  })
  .partial();

// Credentials live only in the ingestion event store, encrypted (AES-256-GCM), so a rebuild
// restores them and nothing on Kafka can reveal them.
const credentialsPrivateSchema = z.object({ encryptedCredentials: z.string().nullable() });

export const dataSourceCreated = defineEvent({
  type: 'ingestion.data-source.created',
  version: 1,
  aggregateType: 'data-source',
  topic: DATA_SOURCE_TOPIC,
  schema: dataSourceStateSchema.extend({
    dataSourceId: z.uuid(),
    fluxNumber: z.number().int().positive(),
    createdBy: z.number().int().nullable(),
  }),
  privateSchema: credentialsPrivateSchema,
  audit: {
    category: 'data',
    action: 'create',
    resourceType: 'data-source',
    severity: 'low',
    responseStatus: 201,
    resourceName: (p) => p.name,
    newValues: (p) => ({
      name: p.name,
      type: p.type,
      config: p.config,
      credentialsSet: p.credentialsSet,
      isPublic: p.isPublic,
      sharedWithUsers: p.sharedWithUsers,
      usableByUsers: p.usableByUsers,
    }),
  },
});

export const dataSourceUpdated = defineEvent({
  type: 'ingestion.data-source.updated',
  version: 1,
  aggregateType: 'data-source',
  topic: DATA_SOURCE_TOPIC,
  schema: dataSourceStateSchema.extend({
    dataSourceId: z.uuid(),
    fluxNumber: z.number().int().positive(),
    changedFields: z.array(z.string()),
    previous: previousStateSchema,
    updatedBy: z.number().int().nullable(),
  }),
  privateSchema: credentialsPrivateSchema,
  audit: {
    category: 'data',
    action: 'update',
    resourceType: 'data-source',
    severity: 'low',
    responseStatus: 200,
    resourceName: (p) => p.name,
    oldValues: (p) => p.previous,
    newValues: (p) => ({
      name: p.name,
      description: p.description,
      config: p.config,
      credentialsSet: p.credentialsSet,
      isPublic: p.isPublic,
      sharedWithUsers: p.sharedWithUsers,
      usableByUsers: p.usableByUsers,
      changedFields: p.changedFields,
    }),
  },
});

export const dataSourceArchived = defineEvent({
  type: 'ingestion.data-source.archived',
  version: 1,
  aggregateType: 'data-source',
  topic: DATA_SOURCE_TOPIC,
  schema: z.object({
    dataSourceId: z.uuid(),
    fluxNumber: z.number().int().positive(),
    name: z.string(),
    archivedBy: z.number().int().nullable(),
    archivedAt: z.iso.datetime({ offset: true }),
  }),
  audit: {
    category: 'data',
    action: 'archive',
    resourceType: 'data-source',
    severity: 'low',
    responseStatus: 200,
    resourceName: (p) => p.name,
    oldValues: () => ({ status: 'active' }),
    newValues: () => ({ status: 'archived' }),
  },
});
