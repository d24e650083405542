import {
  newEvent,
  NewEvent,
  workflowCreated,
  WorkflowInput,
  workflowSharingChanged,
  workflowStatusChanged,
  workflowUpdated,
} from '@mindhill/contracts';
import { assertCanChangeResource, Decider, DomainError, normalizeShares, Who } from '@mindhill/domain';
import { assertScheduleInterval, assertValidSchedule } from '../../schedule/domain/schedule';
import { assertDataSourcesUsable, DataSourceGrant, dataSourceIdsOf } from './data-source-grants';
import { CreationCommand, creationOf, existing } from './workflow-creation';
import { configurationHash, parseConfiguration } from './workflow-definition';
import { parseInputDeclarations } from './workflow-inputs';
import { Workflow, workflowAccessOf, workflowOwnerOf, WorkflowStatus } from './workflow.state';

// The editable definition; an update changes some of these fields.
export type WorkflowChangeRequest = {
  name?: string;
  description?: string | null;
  configuration?: unknown;
  scheduleCron?: string | null;
  scheduleTimezone?: string;
  timeoutMinutes?: number;
  maxRetries?: number;
  category?: string | null;
  tags?: string[];
  inputs?: WorkflowInput[];
  isPublic?: boolean;
  sharedWithUsers?: number[];
  // The definition version the editor started from: a change made meanwhile refuses this one
  // (409 WORKFLOWS.VERSION_CONFLICT) instead of being overwritten by it.
  expectedVersion?: number;
};

export type NewWorkflowIds = { workflowId: string; workflowNumber: number };

export type WorkflowCommand =
  | (CreationCommand & NewWorkflowIds)
  | {
      kind: 'update';
      by: Who;
      now: Date;
      request: WorkflowChangeRequest;
      minScheduleIntervalSeconds: number;
      // Grants of the data sources the requested configuration names.
      dataSources: readonly DataSourceGrant[];
    }
  | { kind: 'change-status'; by: Who; to: WorkflowStatus };

// A workflow's rules: who may create, change, share, (de)activate and archive it, and what a
// valid definition is. State: the workflow (for a copy, the source; for a creation from a
// template, the template; null when there is none).
export const workflowDecider: Decider<Workflow | null, WorkflowCommand> = {
  decide(state, command) {
    switch (command.kind) {
      case 'create':
      case 'copy':
      case 'create-from-template':
        return [
          newEvent(workflowCreated, {
            ...creationOf(state, command),
            workflowId: command.workflowId,
            workflowNumber: command.workflowNumber,
          }),
        ];
      case 'update':
        return update(existing(state), command);
      case 'change-status':
        return changeStatus(existing(state), command);
    }
  },
};

const DEFINITION_KEYS = [
  'name',
  'description',
  'configuration',
  'scheduleCron',
  'scheduleTimezone',
  'timeoutMinutes',
  'maxRetries',
  'category',
  'tags',
  'inputs',
] as const;
type DefinitionKey = (typeof DEFINITION_KEYS)[number];

function update(current: Workflow, command: Extract<WorkflowCommand, { kind: 'update' }>): NewEvent[] {
  const { by, request, now } = command;
  assertCanChangeResource(by, workflowAccessOf(current), 'workflow');
  if (current.status === 'archived') throw archived(current.id);
  const { isPublic, sharedWithUsers, expectedVersion, ...definitionRequest } = request;
  if (expectedVersion !== undefined && expectedVersion !== current.version) throw versionConflict(current, expectedVersion);
  const next: Record<string, unknown> = { ...definitionRequest };
  if (request.configuration !== undefined) next.configuration = parseConfiguration(request.configuration, { template: current.isTemplate });
  if (request.inputs !== undefined) next.inputs = parseInputDeclarations(request.inputs);
  const cron = request.scheduleCron !== undefined ? request.scheduleCron : current.scheduleCron;
  const timezone = request.scheduleTimezone ?? current.scheduleTimezone;
  assertValidSchedule(cron, timezone, now);
  // Only a schedule being changed is held to the current minimum: an older one does not block
  // unrelated edits (its ticks are spaced by the minimum anyway).
  if (request.scheduleCron !== undefined || request.scheduleTimezone !== undefined) {
    assertScheduleInterval(cron, timezone, command.minScheduleIntervalSeconds, now);
  }
  const previousDefinition = definitionOf(current);
  const changes: Record<string, unknown> = {};
  const previous: Record<string, unknown> = {};
  for (const key of DEFINITION_KEYS) {
    if (!(key in next)) continue;
    if (JSON.stringify(next[key] ?? null) === JSON.stringify(previousDefinition[key] ?? null)) continue;
    changes[key] = next[key] ?? null;
    previous[key] = previousDefinition[key];
  }
  const sharing = {
    isPublic: isPublic ?? current.isPublic,
    sharedWithUsers: normalizeShares(sharedWithUsers ?? current.sharedWithUsers),
  };
  const sharingChanged =
    sharing.isPublic !== current.isPublic ||
    JSON.stringify(sharing.sharedWithUsers) !== JSON.stringify(normalizeShares(current.sharedWithUsers));
  if (Object.keys(changes).length === 0 && !sharingChanged) return [];
  // The owner's data sources only, whoever edits it (an admin editing someone's workflow too).
  if (changes.configuration !== undefined) {
    assertDataSourcesUsable(dataSourceIdsOf(changes.configuration), command.dataSources, workflowOwnerOf(current));
  }
  const name = typeof changes.name === 'string' ? changes.name : current.name;
  const events: NewEvent[] = [];
  if (Object.keys(changes).length > 0) {
    events.push(
      newEvent(workflowUpdated, {
        workflowId: current.id,
        name,
        version: current.version + 1,
        changes,
        previous,
        configurationHash: configurationHash(changes.configuration ?? current.configuration),
        updatedBy: by.userNumber,
      }),
    );
  }
  if (sharingChanged) {
    events.push(
      newEvent(workflowSharingChanged, {
        workflowId: current.id,
        name,
        ...sharing,
        previous: { isPublic: current.isPublic, sharedWithUsers: current.sharedWithUsers },
        changedBy: by.userNumber,
      }),
    );
  }
  return events;
}

// Activating an active workflow (or archiving an archived one) changes nothing; an archived
// workflow changes no more.
function changeStatus(current: Workflow, command: Extract<WorkflowCommand, { kind: 'change-status' }>): NewEvent[] {
  assertCanChangeResource(command.by, workflowAccessOf(current), 'workflow');
  if (current.status === command.to) return [];
  if (current.status === 'archived') throw archived(current.id);
  return [
    newEvent(workflowStatusChanged, {
      workflowId: current.id,
      name: current.name,
      from: current.status,
      to: command.to,
      changedBy: command.by.userNumber,
    }),
  ];
}

const versionConflict = (current: Workflow, expected: number) =>
  new DomainError(
    'WORKFLOWS.VERSION_CONFLICT',
    `Workflow ${current.id} is at version ${current.version}, not ${expected}: it changed since it was read`,
    'conflict',
    { currentVersion: current.version, expectedVersion: expected },
  );
const archived = (id: string) => new DomainError('WORKFLOWS.ARCHIVED', `Workflow ${id} is archived and cannot change`, 'conflict');

function definitionOf(w: Workflow): Record<DefinitionKey, unknown> {
  return {
    name: w.name,
    description: w.description,
    configuration: w.configuration,
    scheduleCron: w.scheduleCron,
    scheduleTimezone: w.scheduleTimezone,
    timeoutMinutes: w.timeoutMinutes,
    maxRetries: w.maxRetries,
    category: w.category,
    tags: w.tags,
    inputs: w.inputs,
  };
}
