import { EntitySchema } from '@mikro-orm/core';
import { IntArrayType } from './pg-array';

// One workflow's owner and sharing (workflow_access, WORKFLOW_ACCESS_V1_SQL).
export class WorkflowAccessEntry {
  isPublic = false;
  sharedWithUsers: number[] = [];

  constructor(
    public workflowId: string,
    public ownerNumber: number | null,
    public updatedAt: Date,
  ) {}
}

// An EntitySchema, not decorators, for the reason given in user-role.entity.ts.
export const workflowAccessEntrySchema = new EntitySchema<WorkflowAccessEntry>({
  class: WorkflowAccessEntry,
  tableName: 'workflow_access',
  properties: {
    workflowId: { type: 'uuid', primary: true },
    ownerNumber: { type: 'integer', nullable: true },
    isPublic: { type: 'boolean', default: false },
    sharedWithUsers: { type: IntArrayType, default: '{}' },
    updatedAt: { type: 'datetime' },
  },
});
