import { StoredPayload, workflowCreated, WorkflowInput } from '@mindhill/contracts';
import { DomainError, normalizeShares, Who } from '@mindhill/domain';
import { assertScheduleInterval, assertValidSchedule } from '../../schedule/domain/schedule';
import { assertDataSourcesUsable, DataSourceGrant, dataSourceIdsOf } from './data-source-grants';
import { configurationHash, parseConfiguration } from './workflow-definition';
import { parseInputDeclarations } from './workflow-inputs';
import { Workflow } from './workflow.state';

// What a new workflow is made of, as requested (the HTTP body, a copied workflow or a template
// filled in). Absent optional fields take their defaults when it is created.
export type WorkflowRequest = {
  name: string;
  description?: string | null;
  configuration: unknown;
  scheduleCron?: string | null;
  scheduleTimezone: string;
  timeoutMinutes?: number;
  maxRetries: number;
  category?: string | null;
  tags: string[];
  inputs?: WorkflowInput[];
  status: 'active' | 'inactive';
  isPublic?: boolean;
  sharedWithUsers?: number[];
};

export type FromTemplateRequest = {
  name: string;
  description?: string | null;
  dataSources: string[];
  stageSettings: Record<string, Record<string, unknown>>;
  timeoutMinutes?: number;
  maxRetries?: number;
  category?: string | null;
  tags?: string[];
  status: 'active' | 'inactive';
  isPublic?: boolean;
  sharedWithUsers?: number[];
};

// The facts every creation is checked with: when, by whom (the new owner), the platform's
// settings of the moment, and the grants of the data sources the request names.
type CreationFacts = {
  by: Who;
  now: Date;
  defaultTimeoutMinutes: number;
  minScheduleIntervalSeconds: number;
  dataSources: readonly DataSourceGrant[];
};

export type CreationCommand =
  | (CreationFacts & { kind: 'create'; request: WorkflowRequest; templateName: string | null })
  | (CreationFacts & { kind: 'copy'; name: string | undefined })
  | (CreationFacts & { kind: 'create-from-template'; templateName: string; request: FromTemplateRequest });

export type WorkflowCreation = Omit<StoredPayload<typeof workflowCreated>, 'workflowId' | 'workflowNumber'>;

// Every rule of a new workflow, without its new id and number: the handler checks these before
// it takes a number, so a refused creation leaves no gap in the workflow numbers.
// State: the copied workflow, or the template (null when there is no such template).
export function creationOf(state: Workflow | null, command: CreationCommand): WorkflowCreation {
  switch (command.kind) {
    case 'create':
      return created(command.request, { templateName: command.templateName, parentWorkflowId: null }, command);
    case 'copy': {
      const source = existing(state);
      return created(copyRequest(source, command.name), { templateName: null, parentWorkflowId: source.id }, command);
    }
    case 'create-from-template': {
      const template = templateNamed(state, command.templateName);
      return created(fromTemplate(template, command.request), { templateName: null, parentWorkflowId: template.id }, command);
    }
  }
}

function created(
  request: WorkflowRequest,
  origin: { templateName: string | null; parentWorkflowId: string | null },
  facts: CreationFacts,
): WorkflowCreation {
  const isTemplate = origin.templateName !== null;
  // A runnable workflow needs data sources on its fetching stages; a template may leave them empty.
  const configuration = parseConfiguration(request.configuration, { template: isTemplate });
  const inputs = parseInputDeclarations(request.inputs ?? []);
  const cron = request.scheduleCron ?? null;
  assertValidSchedule(cron, request.scheduleTimezone, facts.now);
  assertScheduleInterval(cron, request.scheduleTimezone, facts.minScheduleIntervalSeconds, facts.now);
  // The creator owns it: only data sources they may use.
  assertDataSourcesUsable(dataSourceIdsOf(configuration), facts.dataSources, facts.by);
  return {
    name: request.name,
    description: request.description ?? null,
    configuration,
    scheduleCron: cron,
    scheduleTimezone: request.scheduleTimezone,
    timeoutMinutes: request.timeoutMinutes ?? facts.defaultTimeoutMinutes,
    maxRetries: request.maxRetries,
    category: request.category ?? null,
    tags: request.tags,
    inputs,
    status: request.status,
    configurationHash: configurationHash(configuration),
    isTemplate,
    templateName: origin.templateName,
    parentWorkflowId: origin.parentWorkflowId,
    createdBy: facts.by.userNumber,
    isPublic: request.isPublic ?? false,
    sharedWithUsers: normalizeShares(request.sharedWithUsers ?? []),
  };
}

// A copy is a new, inactive, private workflow whose parent is the source. Copying a template is
// refused (its fetching stages have no data sources): create from the template instead.
function copyRequest(source: Workflow, name: string | undefined): WorkflowRequest {
  return {
    name: name ?? `${source.name} (copy)`.slice(0, 200),
    description: source.description,
    configuration: source.configuration,
    scheduleCron: source.scheduleCron,
    scheduleTimezone: source.scheduleTimezone,
    timeoutMinutes: source.timeoutMinutes,
    maxRetries: source.maxRetries,
    category: source.category,
    tags: source.tags,
    inputs: source.inputs,
    status: 'inactive',
    isPublic: false,
    sharedWithUsers: [],
  };
}

// The template's stages with the request's data sources on every fetching stage and its
// settings per stage name; what the request leaves out comes from the template.
function fromTemplate(template: Workflow, request: FromTemplateRequest): WorkflowRequest {
  const stages = templateStages(template).map((stage) => {
    const settings = request.stageSettings[stage.name];
    return {
      ...stage,
      ...(stage.type === 'fetching' ? { dataSources: request.dataSources } : {}),
      ...(settings ? { settings } : {}),
    };
  });
  const unknownStages = Object.keys(request.stageSettings).filter((n) => !stages.some((s) => s.name === n));
  if (unknownStages.length > 0) {
    throw new DomainError('WORKFLOWS.INVALID_CONFIGURATION', `The template has no stage named ${unknownStages.join(', ')}`, 'invalid', {
      issues: unknownStages.map((n) => ({ path: `stageSettings.${n}`, message: 'no such stage in the template' })),
    });
  }
  return {
    name: request.name,
    description: request.description ?? template.description,
    configuration: { stages },
    timeoutMinutes: request.timeoutMinutes ?? template.timeoutMinutes,
    maxRetries: request.maxRetries ?? template.maxRetries,
    category: request.category ?? template.category,
    tags: request.tags ?? template.tags.filter((t) => t !== 'template'),
    inputs: template.inputs,
    status: request.status,
    scheduleCron: null,
    scheduleTimezone: 'UTC',
    isPublic: request.isPublic,
    sharedWithUsers: request.sharedWithUsers,
  };
}

type TemplateStage = { name: string; type: string } & Record<string, unknown>;

// A template's stages as stored (already parsed when the template was created).
function templateStages(template: Workflow): TemplateStage[] {
  const stages = template.configuration.stages;
  return Array.isArray(stages) ? stages.filter(isTemplateStage) : [];
}

function isTemplateStage(stage: unknown): stage is TemplateStage {
  return (
    typeof stage === 'object' &&
    stage !== null &&
    'name' in stage &&
    typeof stage.name === 'string' &&
    'type' in stage &&
    typeof stage.type === 'string'
  );
}

function templateNamed(state: Workflow | null, templateName: string): Workflow {
  if (!state) throw new DomainError('WORKFLOWS.TEMPLATE_NOT_FOUND', `No template "${templateName}"`, 'not-found');
  return state;
}

export function existing(state: Workflow | null): Workflow {
  if (!state) throw new DomainError('WORKFLOWS.NOT_FOUND', 'No such workflow', 'not-found');
  return state;
}
