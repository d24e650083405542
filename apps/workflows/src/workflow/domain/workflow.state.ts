import { WorkflowInput } from '@mindhill/contracts';
import { ResourceAccess, Who } from '@mindhill/domain';

export type WorkflowStatus = 'active' | 'inactive' | 'archived';

// A workflow as its decisions (and the decision to run it) see it: its projection row.
export type Workflow = {
  id: string;
  number: number;
  name: string;
  description: string | null;
  status: WorkflowStatus;
  configuration: Record<string, unknown>;
  configurationHash: string;
  scheduleCron: string | null;
  scheduleTimezone: string;
  timeoutMinutes: number;
  maxRetries: number;
  category: string | null;
  tags: string[];
  // Declared run inputs ([] for a workflow saved before inputs existed).
  inputs: WorkflowInput[];
  version: number;
  isTemplate: boolean;
  ownerNumber: number | null;
  // The owner's role now (user_roles), never the role when the workflow was created.
  ownerIsAdmin: boolean;
  isPublic: boolean;
  sharedWithUsers: number[];
};

// The access facts of a workflow, for the access rule. Templates are the platform's own and
// public to everyone.
export function workflowAccessOf(w: {
  ownerNumber: number | null;
  isPublic: boolean;
  isTemplate: boolean;
  sharedWithUsers: readonly number[];
}): ResourceAccess {
  return { ownerNumber: w.ownerNumber, isPublic: w.isPublic || w.isTemplate, sharedWithUsers: w.sharedWithUsers.map(Number) };
}

// Whose data sources a workflow may read: its owner's, as the access rule's caller, with the
// owner's current role (an owner demoted or deactivated since is no longer an admin).
export function workflowOwnerOf(w: Pick<Workflow, 'ownerNumber' | 'ownerIsAdmin'>): Who {
  return { role: w.ownerIsAdmin ? 'admin' : 'user', userNumber: w.ownerNumber };
}
