import { newEvent, workflowCreated, workflowSharingChanged, workflowStatusChanged, workflowUpdated } from '@mindhill/contracts';
import { Who } from '@mindhill/domain';
import { deciderSpecification } from '@mindhill/testing/decider-specification';
import { DataSourceGrant } from './data-source-grants';
import { WorkflowRequest } from './workflow-creation';
import { configurationHash } from './workflow-definition';
import { workflowDecider, WorkflowCommand } from './workflow.decider';
import { Workflow } from './workflow.state';

const spec = deciderSpecification(workflowDecider);
const now = new Date('2026-12-06T10:00:00.000Z');
const SOURCE = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const OTHER_SOURCE = '9b2c0f4e-5d1a-4c3b-8e7f-0a1b2c3d4e5f';
const WORKFLOW_ID = '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed';
const NEW_ID = '6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b';
const owner: Who = { role: 'user', userNumber: 7 };
const stranger: Who = { role: 'user', userNumber: 8 };
const admin: Who = { role: 'admin', userNumber: 1 };
const system: Who = { role: 'system', userNumber: null };
// SOURCE belongs to the owner; OTHER_SOURCE to user 9, who lends it to nobody.
const grants: DataSourceGrant[] = [
  { dataSourceId: SOURCE, ownerNumber: 7, usableByUsers: [] },
  { dataSourceId: OTHER_SOURCE, ownerNumber: 9, usableByUsers: [] },
];

const fetchSource = (id = SOURCE) => ({ name: 'fetch', type: 'fetching', dataSources: [id], timeoutSeconds: 300, settings: {} });
const configuration = { stages: [fetchSource()] };
const facts = { now, defaultTimeoutMinutes: 45, minScheduleIntervalSeconds: 60, dataSources: grants };
const ids = { workflowId: NEW_ID, workflowNumber: 12 };
const request: WorkflowRequest = { name: 'Prices', configuration, scheduleTimezone: 'UTC', maxRetries: 3, tags: ['t'], status: 'active' };
const create = (by: Who, overrides: Partial<WorkflowRequest> = {}, templateName: string | null = null): WorkflowCommand => ({
  kind: 'create',
  by,
  request: { ...request, ...overrides },
  templateName,
  ...facts,
  ...ids,
});

const workflow: Workflow = {
  id: WORKFLOW_ID,
  number: 3,
  name: 'Prices',
  description: null,
  status: 'active',
  configuration,
  configurationHash: configurationHash(configuration),
  scheduleCron: '*/20 * * * * *',
  scheduleTimezone: 'UTC',
  timeoutMinutes: 60,
  maxRetries: 2,
  category: null,
  tags: ['t'],
  inputs: [],
  version: 4,
  isTemplate: false,
  ownerNumber: 7,
  ownerIsAdmin: false,
  isPublic: false,
  sharedWithUsers: [],
};
const created = (overrides: Record<string, unknown> = {}) =>
  newEvent(workflowCreated, {
    ...ids,
    name: 'Prices',
    description: null,
    configuration,
    scheduleCron: null,
    scheduleTimezone: 'UTC',
    timeoutMinutes: 45,
    maxRetries: 3,
    category: null,
    tags: ['t'],
    inputs: [],
    status: 'active',
    configurationHash: configurationHash(configuration),
    isTemplate: false,
    templateName: null,
    parentWorkflowId: null,
    createdBy: 7,
    isPublic: false,
    sharedWithUsers: [],
    ...overrides,
  });
const update = (by: Who, changes: Record<string, unknown>): WorkflowCommand => ({
  kind: 'update',
  by,
  now,
  request: changes,
  minScheduleIntervalSeconds: 60,
  dataSources: grants,
});

describe('workflow decider: create', () => {
  it('given nothing, when a user creates a workflow, then it is theirs, with the default timeout and its sharing normalised', () => {
    spec
      .given(null)
      .when(create(owner, { sharedWithUsers: [5, 3, 5] }))
      .then([created({ sharedWithUsers: [3, 5] })]);
  });

  it.each([
    ['a configuration without stages', { configuration: { stages: [] } }, 'WORKFLOWS.INVALID_CONFIGURATION'],
    ['an unknown time zone', { scheduleCron: '0 9 * * *', scheduleTimezone: 'Mars/Olympus_Mons' }, 'WORKFLOWS.INVALID_SCHEDULE'],
    ['a schedule firing every second', { scheduleCron: '* * * * * *' }, 'WORKFLOWS.SCHEDULE_TOO_FREQUENT'],
    ["another user's data source", { configuration: { stages: [fetchSource(OTHER_SOURCE)] } }, 'WORKFLOWS.DATA_SOURCE_NOT_USABLE'],
  ])('given nothing, when a user creates one with %s, then it is refused', (_what, overrides, code) => {
    spec.given(null).when(create(owner, overrides)).thenThrows(code);
  });

  it('given nothing, when an admin names any data source, then it is created', () => {
    const stages = [fetchSource(OTHER_SOURCE)];
    spec
      .given(null)
      .when(create(admin, { configuration: { stages } }))
      .then([created({ configuration: { stages }, configurationHash: configurationHash({ stages }), createdBy: 1 })]);
  });

  it('given nothing, when the platform seeds a template, then it may leave its fetching stage without sources', () => {
    const stages = [{ ...fetchSource(), dataSources: [] }];
    spec
      .given(null)
      .when(create(system, { configuration: { stages } }, 'data-processing'))
      .then([
        created({
          configuration: { stages },
          configurationHash: configurationHash({ stages }),
          isTemplate: true,
          templateName: 'data-processing',
          createdBy: null,
        }),
      ]);
  });
});

describe('workflow decider: copy and create from a template', () => {
  const copy = (by: Who, name?: string): WorkflowCommand => ({ kind: 'copy', by, name, ...facts, ...ids });
  const template: Workflow = {
    ...workflow,
    id: NEW_ID,
    name: 'Data Processing Pipeline',
    isTemplate: true,
    ownerNumber: null,
    scheduleCron: null,
    tags: ['template', 'pipelines'],
    configuration: {
      stages: [
        { name: 'fetching', type: 'fetching', dataSources: [], timeoutSeconds: 600, settings: {} },
        { name: 'analysis', type: 'analysis', timeoutSeconds: 600, settings: { topKeywords: 10, stopwords: [] } },
      ],
    },
  };
  const fromTemplate = (stageSettings: Record<string, Record<string, unknown>> = {}): WorkflowCommand => ({
    kind: 'create-from-template',
    by: owner,
    templateName: 'data-processing',
    request: { name: 'Mine', dataSources: [SOURCE], stageSettings, status: 'inactive' },
    ...facts,
    workflowId: WORKFLOW_ID,
    workflowNumber: 13,
  });

  it('given a workflow, when someone copies it, then the copy is theirs, inactive, private, named after it and its child', () => {
    spec
      .given({ ...workflow, scheduleCron: null, isPublic: true, sharedWithUsers: [4] })
      .when(copy(admin))
      .then([
        created({
          name: 'Prices (copy)',
          status: 'inactive',
          timeoutMinutes: 60,
          maxRetries: 2,
          createdBy: 1,
          parentWorkflowId: WORKFLOW_ID,
        }),
      ]);
  });

  it('given a template, when it is copied, then WORKFLOWS.INVALID_CONFIGURATION (its fetching stage has no sources)', () => {
    spec.given(template).when(copy(owner, 'Mine')).thenThrows('WORKFLOWS.INVALID_CONFIGURATION');
  });

  it("given a template, when a user creates from it, then its fetching stages read the user's sources and its settings are replaced by name", () => {
    const stages = [
      { name: 'fetching', type: 'fetching', dataSources: [SOURCE], timeoutSeconds: 600, settings: {} },
      { name: 'analysis', type: 'analysis', timeoutSeconds: 600, settings: { topKeywords: 3, stopwords: [] } },
    ];
    spec
      .given(template)
      .when(fromTemplate({ analysis: { topKeywords: 3 } }))
      .then([
        newEvent(workflowCreated, {
          workflowId: WORKFLOW_ID,
          workflowNumber: 13,
          name: 'Mine',
          description: null,
          configuration: { stages },
          scheduleCron: null,
          scheduleTimezone: 'UTC',
          timeoutMinutes: 60,
          maxRetries: 2,
          category: null,
          tags: ['pipelines'],
          inputs: [],
          status: 'inactive',
          configurationHash: configurationHash({ stages }),
          isTemplate: false,
          templateName: null,
          parentWorkflowId: NEW_ID,
          createdBy: 7,
          isPublic: false,
          sharedWithUsers: [],
        }),
      ]);
  });

  it('given a template, when settings name a stage it does not have, then WORKFLOWS.INVALID_CONFIGURATION', () => {
    spec
      .given(template)
      .when(fromTemplate({ teleport: {} }))
      .thenThrows('WORKFLOWS.INVALID_CONFIGURATION');
  });

  it('given no such template, when a user creates from it, then WORKFLOWS.TEMPLATE_NOT_FOUND', () => {
    spec.given(null).when(fromTemplate()).thenThrows('WORKFLOWS.TEMPLATE_NOT_FOUND');
  });
});

describe('workflow decider: update', () => {
  it('given a workflow, when its owner renames it, then a new version records the change and the previous value', () => {
    spec
      .given(workflow)
      .when(update(owner, { name: 'Quotes', tags: ['t'] }))
      .then([
        newEvent(workflowUpdated, {
          workflowId: WORKFLOW_ID,
          name: 'Quotes',
          version: 5,
          changes: { name: 'Quotes' },
          previous: { name: 'Prices' },
          configurationHash: configurationHash(configuration),
          updatedBy: 7,
        }),
      ]);
  });

  it('given a workflow, when the same values are sent, then nothing changes', () => {
    spec
      .given(workflow)
      .when(update(owner, { name: 'Prices', isPublic: false }))
      .thenNothing();
  });

  it('given a workflow, when its owner shares it, then only its sharing changes', () => {
    spec
      .given(workflow)
      .when(update(owner, { sharedWithUsers: [9, 4] }))
      .then([
        newEvent(workflowSharingChanged, {
          workflowId: WORKFLOW_ID,
          name: 'Prices',
          isPublic: false,
          sharedWithUsers: [4, 9],
          previous: { isPublic: false, sharedWithUsers: [] },
          changedBy: 7,
        }),
      ]);
  });

  it("given someone else's workflow, when a user changes it, then AUTH.NOT_OWNER", () => {
    spec
      .given({ ...workflow, isPublic: true })
      .when(update(stranger, { name: 'Mine' }))
      .thenThrows('AUTH.NOT_OWNER');
  });

  it('given a workflow at version 3, when a change expects version 2, then WORKFLOWS.VERSION_CONFLICT and nothing changes', () => {
    spec
      .given({ ...workflow, version: 3 })
      .when(update(owner, { name: 'Stale', expectedVersion: 2 }))
      .thenThrows('WORKFLOWS.VERSION_CONFLICT');
  });

  it('given a workflow at version 3, when a change expects version 3, then it is a new version', () => {
    const events = workflowDecider.decide({ ...workflow, version: 3 }, update(owner, { name: 'Fresh', expectedVersion: 3 }));
    expect(events.map((e) => e.definition.type)).toEqual([workflowUpdated.type]);
    expect(events[0]!.payload).toMatchObject({ name: 'Fresh' });
  });

  it('given an archived workflow, when it is changed, then WORKFLOWS.ARCHIVED', () => {
    spec
      .given({ ...workflow, status: 'archived' })
      .when(update(owner, { name: 'Again' }))
      .thenThrows('WORKFLOWS.ARCHIVED');
  });

  it("given a user's workflow, when an admin points it at a source the owner may not use, then WORKFLOWS.DATA_SOURCE_NOT_USABLE", () => {
    spec
      .given(workflow)
      .when(update(admin, { configuration: { stages: [fetchSource(OTHER_SOURCE)] } }))
      .thenThrows('WORKFLOWS.DATA_SOURCE_NOT_USABLE');
  });

  it('given a schedule older than the minimum, when only its schedule is changed, then it is held to the minimum', () => {
    spec
      .given(workflow)
      .when(update(owner, { scheduleCron: '*/30 * * * * *' }))
      .thenThrows('WORKFLOWS.SCHEDULE_TOO_FREQUENT');
  });

  it('given a schedule older than the minimum, when something else is changed, then the edit is accepted', () => {
    spec
      .given(workflow)
      .when(update(owner, { maxRetries: 5 }))
      .then([
        newEvent(workflowUpdated, {
          workflowId: WORKFLOW_ID,
          name: 'Prices',
          version: 5,
          changes: { maxRetries: 5 },
          previous: { maxRetries: 2 },
          configurationHash: configurationHash(configuration),
          updatedBy: 7,
        }),
      ]);
  });
});

describe('workflow decider: status', () => {
  const to = (by: Who, status: 'active' | 'inactive' | 'archived'): WorkflowCommand => ({ kind: 'change-status', by, to: status });

  it('given an active workflow, when its owner deactivates it, then its status changes', () => {
    spec
      .given(workflow)
      .when(to(owner, 'inactive'))
      .then([newEvent(workflowStatusChanged, { workflowId: WORKFLOW_ID, name: 'Prices', from: 'active', to: 'inactive', changedBy: 7 })]);
  });

  it('given an active workflow, when it is activated, then nothing changes', () => {
    spec.given(workflow).when(to(owner, 'active')).thenNothing();
  });

  it('given an archived workflow, when it is archived again, then nothing changes; when activated, WORKFLOWS.ARCHIVED', () => {
    spec
      .given({ ...workflow, status: 'archived' })
      .when(to(owner, 'archived'))
      .thenNothing();
    spec
      .given({ ...workflow, status: 'archived' })
      .when(to(admin, 'active'))
      .thenThrows('WORKFLOWS.ARCHIVED');
  });

  it("given someone else's workflow, when a user archives it, then AUTH.NOT_OWNER", () => {
    spec.given(workflow).when(to(stranger, 'archived')).thenThrows('AUTH.NOT_OWNER');
  });
});
