import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { workflowCreated, workflowSharingChanged, workflowStatusChanged, workflowUpdated } from '@mindhill/contracts';
import { LIVE_SETTINGS, LiveSettings } from '@mindhill/messaging';
import { EventContext, EventStore, newEvent } from '@mindhill/persistence';
import { DomainError, assertCanChangeResource, normalizeShares } from '@mindhill/platform';
import { assertScheduleInterval, assertValidSchedule } from '../../schedule/schedule';
import { RUN_LIMIT, RunLimit } from '../../execution/application/execution.commands';
import { rescheduleWorkflow } from '../../schedule/workflow-scheduler';
import { configurationHash, parseConfiguration, WorkflowDefinition } from '../domain/workflow-definition';
import { assertDataSourcesUsable, dataSourceIdsOf } from '../infrastructure/data-source-access';
import {
  requireProjectedWorkflow,
  requireWorkflow,
  toWorkflowView,
  visibleWorkflow,
  workflowAccess,
  workflowOwner,
  WorkflowRow,
} from '../infrastructure/workflow.read-model';
import { CreateWorkflowBody, FromTemplateBody, UpdateWorkflowBody } from './workflow.dto';

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
] as const;
type Status = WorkflowRow['status'];

export const workflowStreamId = (uuid: string) => `workflow-${uuid}`;
// The seed's default_workflow_timeout, until the setting is changed.
const DEFAULT_TIMEOUT_MINUTES = 60;

@Injectable()
export class WorkflowCommands {
  constructor(
    private readonly events: EventStore,
    @Inject(LIVE_SETTINGS) private readonly settings: LiveSettings,
    @Inject(RUN_LIMIT) private readonly runLimit: RunLimit,
  ) {}

  async create(body: CreateWorkflowBody, context: EventContext, extra: { parentId?: string | null; template?: string } = {}) {
    const configuration = parseConfiguration(body.configuration, { template: Boolean(extra.template) });
    assertValidSchedule(body.scheduleCron ?? null, body.scheduleTimezone);
    assertScheduleInterval(body.scheduleCron ?? null, body.scheduleTimezone, this.runLimit.minScheduleIntervalSeconds);
    const definition: WorkflowDefinition = {
      name: body.name,
      description: body.description ?? null,
      configuration,
      scheduleCron: body.scheduleCron ?? null,
      scheduleTimezone: body.scheduleTimezone,
      timeoutMinutes: body.timeoutMinutes ?? this.settings.integer('default_workflow_timeout', DEFAULT_TIMEOUT_MINUTES),
      maxRetries: body.maxRetries,
      category: body.category ?? null,
      tags: body.tags,
    };
    return this.events.transact(async (tx) => {
      // The creator owns it: only data sources they may use.
      await assertDataSourcesUsable(tx.em, dataSourceIdsOf(configuration), context.actor);
      const [{ id }] = (await tx.em.execute<{ id: string }[]>(`SELECT nextval('workflows_id_seq') AS id`)) as [{ id: string }];
      const workflowId = randomUUID();
      await tx.append(
        workflowStreamId(workflowId),
        0,
        [
          newEvent(workflowCreated, {
            ...definition,
            configuration: definition.configuration as Record<string, unknown>,
            workflowId,
            workflowNumber: Number(id),
            status: body.status,
            configurationHash: configurationHash(configuration),
            isTemplate: Boolean(extra.template),
            templateName: extra.template ?? null,
            parentWorkflowId: extra.parentId ?? null,
            createdBy: context.actor.userNumber,
            isPublic: body.isPublic ?? false,
            sharedWithUsers: normalizeShares(body.sharedWithUsers ?? []),
          }),
        ],
        context,
      );
      const created = await requireProjectedWorkflow(tx.em, workflowId);
      await rescheduleWorkflow(tx.em, created, new Date(), { created: true });
      return toWorkflowView(created);
    });
  }

  async update(id: string, body: UpdateWorkflowBody, context: EventContext) {
    return this.events.transact(async (tx) => {
      const version = await tx.streamVersion(workflowStreamId(id));
      const current = visibleWorkflow(await requireWorkflow(tx.em, id), context.actor);
      assertCanChangeResource(context.actor, workflowAccess(current), 'workflow');
      if (current.status === 'archived') throw archived(id);
      const { isPublic, sharedWithUsers, ...definitionBody } = body;
      const next: Record<string, unknown> = { ...definitionBody };
      if (body.configuration !== undefined) next.configuration = parseConfiguration(body.configuration, { template: current.is_template });
      const cron = body.scheduleCron !== undefined ? body.scheduleCron : current.schedule_cron;
      assertValidSchedule(cron, body.scheduleTimezone ?? current.schedule_timezone);
      // Only a schedule being changed is held to the current minimum: an older one does not
      // block unrelated edits (its ticks are spaced by the minimum anyway).
      if (body.scheduleCron !== undefined || body.scheduleTimezone !== undefined) {
        assertScheduleInterval(cron, body.scheduleTimezone ?? current.schedule_timezone, this.runLimit.minScheduleIntervalSeconds);
      }
      const previousDefinition = definitionOfRow(current);
      const changes: Record<string, unknown> = {};
      const previous: Record<string, unknown> = {};
      for (const key of DEFINITION_KEYS) {
        if (!(key in next)) continue;
        if (JSON.stringify(next[key] ?? null) === JSON.stringify(previousDefinition[key] ?? null)) continue;
        changes[key] = next[key] ?? null;
        previous[key] = previousDefinition[key];
      }
      const sharing = {
        isPublic: isPublic ?? current.is_public,
        sharedWithUsers: normalizeShares(sharedWithUsers ?? current.shared_with_users.map(Number)),
      };
      const sharingChanged =
        sharing.isPublic !== current.is_public ||
        JSON.stringify(sharing.sharedWithUsers) !== JSON.stringify(normalizeShares(current.shared_with_users.map(Number)));
      if (Object.keys(changes).length === 0 && !sharingChanged) return toWorkflowView(current);
      // The owner's data sources only, whoever edits it (an admin editing someone's workflow too).
      if (changes.configuration !== undefined)
        await assertDataSourcesUsable(
          tx.em,
          dataSourceIdsOf(changes.configuration as Record<string, unknown>),
          await workflowOwner(tx.em, current),
        );
      const events = [];
      if (Object.keys(changes).length > 0) {
        const configuration = (changes.configuration ?? current.configuration) as Record<string, unknown>;
        events.push(
          newEvent(workflowUpdated, {
            workflowId: id,
            name: (changes.name as string) ?? current.name,
            version: current.version + 1,
            changes,
            previous,
            configurationHash: configurationHash(configuration),
            updatedBy: context.actor.userNumber,
          }),
        );
      }
      if (sharingChanged) {
        events.push(
          newEvent(workflowSharingChanged, {
            workflowId: id,
            name: (changes.name as string) ?? current.name,
            ...sharing,
            previous: { isPublic: current.is_public, sharedWithUsers: current.shared_with_users.map(Number) },
            changedBy: context.actor.userNumber,
          }),
        );
      }
      await tx.append(workflowStreamId(id), version, events, context);
      const updated = await requireWorkflow(tx.em, id);
      await rescheduleWorkflow(tx.em, updated);
      return toWorkflowView(updated);
    });
  }

  async changeStatus(id: string, to: Status, context: EventContext) {
    return this.events.transact(async (tx) => {
      const version = await tx.streamVersion(workflowStreamId(id));
      const current = visibleWorkflow(await requireWorkflow(tx.em, id), context.actor);
      assertCanChangeResource(context.actor, workflowAccess(current), 'workflow');
      if (current.status === to) return toWorkflowView(current);
      if (current.status === 'archived') throw archived(id);
      await tx.append(
        workflowStreamId(id),
        version,
        [
          newEvent(workflowStatusChanged, {
            workflowId: id,
            name: current.name,
            from: current.status,
            to,
            changedBy: context.actor.userNumber,
          }),
        ],
        context,
      );
      const changed = await requireWorkflow(tx.em, id);
      await rescheduleWorkflow(tx.em, changed);
      return toWorkflowView(changed);
    });
  }

  // A copy is a new, inactive workflow whose parent is the source. Copying a template needs data
  // sources: use create-from-template instead (the copy is refused with the missing paths).
  async copy(id: string, name: string | undefined, context: EventContext) {
    // A copy of what the caller may see, owned by the caller (so checked against their data sources).
    const source = visibleWorkflow(await requireWorkflow(this.events.readModel(), id), context.actor);
    const definition = definitionOfRow(source);
    return this.create(
      {
        ...(definition as Omit<WorkflowDefinition, 'configuration'>),
        configuration: definition.configuration,
        name: name ?? `${source.name} (copy)`.slice(0, 200),
        status: 'inactive',
        description: definition.description ?? undefined,
        scheduleCron: definition.scheduleCron ?? undefined,
        category: definition.category ?? undefined,
        isPublic: false,
        sharedWithUsers: [],
      } as CreateWorkflowBody,
      context,
      { parentId: id },
    );
  }

  async createFromTemplate(templateName: string, body: FromTemplateBody, context: EventContext) {
    const [template] = await this.events
      .readModel()
      .execute<WorkflowRow[]>(
        `SELECT w.*, NULL AS parent_uuid FROM workflows w WHERE is_template = true AND template_name = ? AND status <> 'archived'`,
        [templateName],
      );
    if (!template) throw new DomainError('WORKFLOWS.TEMPLATE_NOT_FOUND', `No template "${templateName}"`, 'not-found');
    const stages: Record<string, unknown>[] = (template.configuration.stages as Record<string, unknown>[]).map((stage) => {
      const settings = body.stageSettings[stage.name as string];
      return {
        ...stage,
        ...(stage.type === 'fetching' ? { dataSources: body.dataSources } : {}),
        ...(settings ? { settings } : {}),
      };
    });
    const unknownStages = Object.keys(body.stageSettings).filter((n) => !stages.some((s) => s.name === n));
    if (unknownStages.length > 0) {
      throw new DomainError('WORKFLOWS.INVALID_CONFIGURATION', `The template has no stage named ${unknownStages.join(', ')}`, 'invalid', {
        issues: unknownStages.map((n) => ({ path: `stageSettings.${n}`, message: 'no such stage in the template' })),
      });
    }
    return this.create(
      {
        name: body.name,
        description: body.description ?? template.description ?? undefined,
        configuration: { stages },
        timeoutMinutes: body.timeoutMinutes ?? template.timeout_minutes,
        maxRetries: body.maxRetries ?? template.max_retries,
        category: body.category ?? template.category ?? undefined,
        tags: body.tags ?? template.tags.filter((t) => t !== 'template'),
        status: body.status,
        scheduleCron: undefined,
        scheduleTimezone: 'UTC',
        isPublic: body.isPublic,
        sharedWithUsers: body.sharedWithUsers,
      },
      context,
      { parentId: template.uuid },
    );
  }
}

const archived = (id: string) => new DomainError('WORKFLOWS.ARCHIVED', `Workflow ${id} is archived and cannot change`, 'conflict');

function definitionOfRow(w: WorkflowRow): Record<(typeof DEFINITION_KEYS)[number], unknown> & {
  configuration: WorkflowDefinition['configuration'];
  description: string | null;
  scheduleCron: string | null;
  category: string | null;
} {
  return {
    name: w.name,
    description: w.description,
    configuration: w.configuration as WorkflowDefinition['configuration'],
    scheduleCron: w.schedule_cron,
    scheduleTimezone: w.schedule_timezone,
    timeoutMinutes: w.timeout_minutes,
    maxRetries: w.max_retries,
    category: w.category,
    tags: w.tags,
  };
}
