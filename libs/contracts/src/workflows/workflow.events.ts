import { z } from 'zod';
import { defineEvent, topicName } from '../define-event';
import { sharingFields, sharingSchema } from '../sharing';

export const WORKFLOW_TOPIC = topicName('workflows', 'workflow');
export const workflowStatusSchema = z.enum(['active', 'inactive', 'archived']);

// A typed input a run of the workflow takes (POST .../executions { inputs }). The service checks
// names, types and defaults when the workflow is saved; here the stored shape only.
export const WORKFLOW_INPUT_TYPES = ['string', 'number', 'boolean', 'date', 'json'] as const;
export const workflowInputTypeSchema = z.enum(WORKFLOW_INPUT_TYPES);
export const workflowInputSchema = z.object({
  name: z.string(),
  type: workflowInputTypeSchema,
  required: z.boolean(),
  default: z.unknown().optional(),
  description: z.string().nullable().optional(),
});
export type WorkflowInput = z.infer<typeof workflowInputSchema>;

// The editable definition; every update publishes a new immutable version of it.
export const workflowDefinitionSchema = z.object({
  name: z.string(),
  description: z.string().nullable(),
  configuration: z.record(z.string(), z.unknown()),
  scheduleCron: z.string().nullable(),
  // IANA zone of the schedule; events written before it existed read as UTC.
  scheduleTimezone: z.string().default('UTC'),
  timeoutMinutes: z.number().int(),
  maxRetries: z.number().int(),
  category: z.string().nullable(),
  tags: z.array(z.string()),
  // Optional, not defaulted: definitions written before inputs existed read as none (the readers
  // take a missing list as []), and a partial update does not claim an input change it never made.
  inputs: z.array(workflowInputSchema).optional(),
});

export const workflowCreated = defineEvent({
  type: 'workflows.workflow.created',
  version: 1,
  aggregateType: 'workflow',
  topic: WORKFLOW_TOPIC,
  schema: workflowDefinitionSchema.extend({
    workflowId: z.uuid(),
    workflowNumber: z.number().int().positive(),
    status: workflowStatusSchema,
    configurationHash: z.string(),
    isTemplate: z.boolean(),
    templateName: z.string().nullable(),
    parentWorkflowId: z.uuid().nullable(),
    createdBy: z.number().int().nullable(),
    ...sharingFields,
  }),
  audit: {
    category: 'workflow',
    action: 'create',
    resourceType: 'workflow',
    severity: 'low',
    responseStatus: 201,
    resourceName: (p) => p.name,
    newValues: (p) => ({
      name: p.name,
      status: p.status,
      configuration: p.configuration,
      category: p.category,
      tags: p.tags,
      isTemplate: p.isTemplate,
      isPublic: p.isPublic,
      sharedWithUsers: p.sharedWithUsers,
    }),
  },
});

export const workflowUpdated = defineEvent({
  type: 'workflows.workflow.updated',
  version: 1,
  aggregateType: 'workflow',
  topic: WORKFLOW_TOPIC,
  schema: z.object({
    workflowId: z.uuid(),
    name: z.string(),
    version: z.number().int().min(2),
    changes: workflowDefinitionSchema.partial(),
    previous: workflowDefinitionSchema.partial(),
    configurationHash: z.string(),
    updatedBy: z.number().int().nullable(),
  }),
  audit: {
    category: 'workflow',
    action: 'update',
    resourceType: 'workflow',
    severity: 'low',
    responseStatus: 200,
    resourceName: (p) => p.name,
    oldValues: (p) => p.previous,
    newValues: (p) => p.changes,
  },
});

export const workflowStatusChanged = defineEvent({
  type: 'workflows.workflow.status-changed',
  version: 1,
  aggregateType: 'workflow',
  topic: WORKFLOW_TOPIC,
  schema: z.object({
    workflowId: z.uuid(),
    name: z.string(),
    from: workflowStatusSchema,
    to: workflowStatusSchema,
    changedBy: z.number().int().nullable(),
  }),
  audit: {
    category: 'workflow',
    action: 'status-change',
    resourceType: 'workflow',
    severity: 'low',
    responseStatus: 200,
    resourceName: (p) => p.name,
    oldValues: (p) => ({ status: p.from }),
    newValues: (p) => ({ status: p.to }),
  },
});

// Who besides the owner may see the workflow (and its runs, statistics, contents, history).
// Not a new version of the definition: runs and versions are unaffected.
export const workflowSharingChanged = defineEvent({
  type: 'workflows.workflow.sharing-changed',
  version: 1,
  aggregateType: 'workflow',
  topic: WORKFLOW_TOPIC,
  schema: sharingSchema.extend({
    workflowId: z.uuid(),
    name: z.string(),
    previous: sharingSchema,
    changedBy: z.number().int().nullable(),
  }),
  audit: {
    category: 'workflow',
    action: 'share',
    resourceType: 'workflow',
    severity: 'medium',
    responseStatus: 200,
    resourceName: (p) => p.name,
    oldValues: (p) => p.previous,
    newValues: (p) => ({ isPublic: p.isPublic, sharedWithUsers: p.sharedWithUsers }),
  },
});
