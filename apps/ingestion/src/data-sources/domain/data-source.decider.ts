import { Actor, dataSourceArchived, dataSourceCreated, DataSourceType, dataSourceUpdated, newEvent, NewEvent } from '@mindhill/contracts';
import { assertCanChange, assertCanChangeResource, canSee, Decider, DomainError, normalizeShares, UsableResource } from '@mindhill/domain';
import { credentialNames, DataSourceCredentials, hasCredentials } from './credentials';
import { applyPatch, currentInput, defineSource, Definition, FIELDS_BY_TYPE, SourceInput, SourcePolicy } from './data-source-definition';

// A data source as the rules see it (from its projection row); null: no such source.
export type DataSourceState = {
  dataSourceId: string;
  fluxNumber: number;
  name: string;
  description: string | null;
  type: DataSourceType;
  config: Record<string, unknown>;
  encryptedCredentials: string | null;
  credentialsSet: string[];
  status: 'active' | 'archived';
  access: UsableResource;
} | null;

type Sharing = { isPublic?: boolean; sharedWithUsers?: number[]; usableByUsers?: number[] };
// `nameTaken`: whether another live source of the same owner already has the name (a database
// fact the handler looks up); `dataSourceId` and `fluxNumber` are drawn by the handler.
export type CreateDataSource = Sharing & {
  kind: 'create';
  by: Actor;
  dataSourceId: string;
  fluxNumber: number;
  name: string;
  description?: string | null;
  source: SourceInput;
  nameTaken: boolean;
};
// Any field of any type; the fields must belong to the source's type.
export type DataSourcePatch = Sharing & { name?: string; description?: string | null; [field: string]: unknown };
export type UpdateDataSource = { kind: 'update'; by: Actor; id: string; patch: DataSourcePatch; nameTaken: boolean };
export type ArchiveDataSource = { kind: 'archive'; by: Actor; id: string; now: Date };
export type DataSourceCommand = CreateDataSource | UpdateDataSource | ArchiveDataSource;

// What the rules need from outside, all without I/O: where sources may point, the request
// schema's check of a merged source (the same coded errors as a request body), and the cipher
// (credentials are stored only encrypted; a fresh nonce each time).
export type DataSourceRules = {
  policy: SourcePolicy;
  parseInput: (merged: Record<string, unknown>) => SourceInput;
  seal: (credentials: DataSourceCredentials) => string;
  unseal: (blob: string) => DataSourceCredentials;
};

export const dataSourceNotFound = (id: string) => new DomainError('INGESTION.DATA_SOURCE_NOT_FOUND', `No data source ${id}`, 'not-found');
export const nameTaken = (name: string) =>
  new DomainError('INGESTION.DATA_SOURCE_NAME_TAKEN', `A data source named "${name}" already exists`, 'conflict');

const SHOWN = ['name', 'description', 'config', 'credentialsSet', 'isPublic', 'sharedWithUsers', 'usableByUsers'] as const;

export type DataSourceDecider = Decider<DataSourceState, DataSourceCommand> & {
  admitCreate: (command: Omit<CreateDataSource, 'dataSourceId' | 'fluxNumber'>) => Definition;
};

// Create, update and archive a data source. Archiving is idempotent (an archived source gives
// no event); a patch is applied to the full current definition (secrets included) and the result
// validated as if it were created anew; a patch that changes nothing gives no event.
export function dataSourceDecider(rules: DataSourceRules): DataSourceDecider {
  // The create rules alone, so the handler draws a flux number only for a source that passes.
  const admitCreate = (command: Omit<CreateDataSource, 'dataSourceId' | 'fluxNumber'>): Definition => {
    const definition = defineSource(command.source, rules.policy);
    // Names are unique among one owner's live sources only, so a refusal reveals nothing of others'.
    if (command.nameTaken) throw nameTaken(command.name);
    return definition;
  };

  const create = (command: CreateDataSource): NewEvent[] => {
    const definition = admitCreate(command);
    return [
      newEvent(dataSourceCreated, {
        dataSourceId: command.dataSourceId,
        fluxNumber: command.fluxNumber,
        name: command.name,
        description: command.description ?? null,
        type: definition.type,
        config: definition.config,
        credentialsSet: credentialNames(definition.credentials),
        createdBy: command.by.userNumber,
        encryptedCredentials: hasCredentials(definition.credentials) ? rules.seal(definition.credentials) : null,
        isPublic: command.isPublic ?? false,
        sharedWithUsers: normalizeShares(command.sharedWithUsers ?? []),
        usableByUsers: normalizeShares(command.usableByUsers ?? []),
      }),
    ];
  };

  const update = (state: DataSourceState, command: UpdateDataSource): NewEvent[] => {
    // What the caller may not see does not exist for them.
    if (!state || !canSee(command.by, state.access)) throw dataSourceNotFound(command.id);
    assertCanChangeResource(command.by, state.access, 'data source');
    if (state.status === 'archived')
      throw new DomainError('INGESTION.DATA_SOURCE_ARCHIVED', 'An archived data source cannot be changed', 'conflict');
    const { name, description, isPublic, sharedWithUsers, usableByUsers, ...fields } = command.patch;
    const foreign = Object.keys(fields).filter((f) => !FIELDS_BY_TYPE[state.type].includes(f));
    if (foreign.length) {
      throw new DomainError(
        'INGESTION.FIELD_NOT_FOR_TYPE',
        `Not a field of a ${state.type} data source: ${foreign.join(', ')}`,
        'invalid',
        {
          fields: foreign,
        },
      );
    }
    const credentials = state.encryptedCredentials ? rules.unseal(state.encryptedCredentials) : {};
    // A sharing-only change needs no source field: the current definition is re-validated as is.
    const merged = applyPatch(currentInput(state.type, state.config, credentials), fields);
    const definition = defineSource(rules.parseInput(merged), rules.policy);
    if (name !== undefined && command.nameTaken) throw nameTaken(name);

    const previous = {
      name: state.name,
      description: state.description,
      config: state.config,
      credentialsSet: state.credentialsSet,
      isPublic: state.access.isPublic,
      sharedWithUsers: normalizeShares(state.access.sharedWithUsers),
      usableByUsers: normalizeShares(state.access.usableByUsers),
    };
    const next = {
      name: name ?? state.name,
      description: description === undefined ? state.description : description,
      config: definition.config,
      credentialsSet: credentialNames(definition.credentials),
      isPublic: isPublic ?? previous.isPublic,
      sharedWithUsers: sharedWithUsers ? normalizeShares(sharedWithUsers) : previous.sharedWithUsers,
      usableByUsers: usableByUsers ? normalizeShares(usableByUsers) : previous.usableByUsers,
    };
    const credentialsChanged = JSON.stringify(credentials) !== JSON.stringify(definition.credentials);
    const changedFields: string[] = SHOWN.filter((k) => JSON.stringify(previous[k]) !== JSON.stringify(next[k]));
    if (credentialsChanged && !changedFields.includes('credentialsSet')) changedFields.push('credentialsSet');
    if (changedFields.length === 0) return [];
    return [
      newEvent(dataSourceUpdated, {
        dataSourceId: state.dataSourceId,
        fluxNumber: state.fluxNumber,
        type: state.type,
        ...next,
        changedFields,
        previous: Object.fromEntries(changedFields.map((k) => [k, previous[k as (typeof SHOWN)[number]]])),
        updatedBy: command.by.userNumber,
        // Unchanged credentials keep their blob; changed ones are sealed anew; none leave none.
        encryptedCredentials: hasCredentials(definition.credentials)
          ? credentialsChanged
            ? rules.seal(definition.credentials)
            : state.encryptedCredentials
          : null,
      }),
    ];
  };

  const archive = (state: DataSourceState, command: ArchiveDataSource): NewEvent[] => {
    if (!state) throw dataSourceNotFound(command.id);
    assertCanChange(state.access.ownerNumber, command.by, 'data source');
    if (state.status === 'archived') return [];
    return [
      newEvent(dataSourceArchived, {
        dataSourceId: state.dataSourceId,
        fluxNumber: state.fluxNumber,
        name: state.name,
        archivedBy: command.by.userNumber,
        archivedAt: command.now.toISOString(),
      }),
    ];
  };

  return {
    admitCreate,
    decide: (state, command) => {
      switch (command.kind) {
        case 'create':
          return create(command);
        case 'update':
          return update(state, command);
        case 'archive':
          return archive(state, command);
      }
    },
  };
}
