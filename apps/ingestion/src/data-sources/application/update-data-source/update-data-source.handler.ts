import { Inject, Injectable } from '@nestjs/common';
import { dataSourceUpdated } from '@mindhill/contracts';
import { EventContext, EventStore, isUniqueViolation, newEvent } from '@mindhill/persistence';
import { assertCanChangeResource, DomainError, normalizeShares, ZodValidationPipe } from '@mindhill/platform';
import { CredentialCipher, credentialNames, DataSourceCredentials, hasCredentials } from '../../domain/credential-cipher';
import { applyPatch, currentInput, defineSource, FIELDS_BY_TYPE, SourceInput, SourcePolicy } from '../../domain/data-source-definition';
import { dataSourceAccess, DataSourceView, findDataSource, toView, visibleDataSource } from '../../infrastructure/data-source.repository';
import { assertNameFree, nameTaken, SOURCE_POLICY } from '../create-data-source/create-data-source.handler';
import { sourceInputSchema, UpdateDataSourceBody } from '../data-source.dto';

// A patch is applied to the full current definition (secrets included) and the result is
// validated as if it were created anew; the event carries the whole new public state.
@Injectable()
export class UpdateDataSourceHandler {
  constructor(
    private readonly events: EventStore,
    private readonly cipher: CredentialCipher,
    @Inject(SOURCE_POLICY) private readonly policy: SourcePolicy,
  ) {}

  async execute(id: string, body: UpdateDataSourceBody, context: EventContext): Promise<DataSourceView> {
    try {
      return await this.events.transact(async (tx) => {
        const row = visibleDataSource(await findDataSource(tx.em, id, true), id, context.actor);
        assertCanChangeResource(context.actor, dataSourceAccess(row), 'data source');
        if (row.status === 'archived')
          throw new DomainError('INGESTION.DATA_SOURCE_ARCHIVED', 'An archived data source cannot be changed', 'conflict');
        const { name, description, isPublic, sharedWithUsers, usableByUsers, ...fields } = body;
        const foreign = Object.keys(fields).filter((f) => !FIELDS_BY_TYPE[row.source_type].includes(f));
        if (foreign.length) {
          throw new DomainError(
            'INGESTION.FIELD_NOT_FOR_TYPE',
            `Not a field of a ${row.source_type} data source: ${foreign.join(', ')}`,
            'invalid',
            { fields: foreign },
          );
        }
        const credentials: DataSourceCredentials = row.credentials_encrypted ? this.cipher.decrypt(row.credentials_encrypted) : {};
        // A sharing-only change needs no source field: the current definition is re-validated as is.
        const merged = applyPatch(currentInput(row.source_type, row.config, credentials), fields);
        const input = new ZodValidationPipe(sourceInputSchema).transform(merged) as SourceInput;
        const definition = defineSource(input, this.policy);
        const newName = name ?? row.name;
        if (name !== undefined) await assertNameFree(tx.em, name, row.created_by, row.uuid);

        const access = dataSourceAccess(row);
        const previous = {
          name: row.name,
          description: row.description,
          config: row.config,
          credentialsSet: row.credentials_set,
          isPublic: access.isPublic,
          sharedWithUsers: normalizeShares(access.sharedWithUsers),
          usableByUsers: normalizeShares(access.usableByUsers),
        };
        const next = {
          name: newName,
          description: description === undefined ? row.description : description,
          config: definition.config,
          credentialsSet: credentialNames(definition.credentials),
          isPublic: isPublic ?? previous.isPublic,
          sharedWithUsers: sharedWithUsers ? normalizeShares(sharedWithUsers) : previous.sharedWithUsers,
          usableByUsers: usableByUsers ? normalizeShares(usableByUsers) : previous.usableByUsers,
        };
        const credentialsChanged = JSON.stringify(credentials) !== JSON.stringify(definition.credentials);
        const changedFields = (
          ['name', 'description', 'config', 'credentialsSet', 'isPublic', 'sharedWithUsers', 'usableByUsers'] as const
        ).filter((k) => JSON.stringify(previous[k]) !== JSON.stringify(next[k]));
        if (credentialsChanged && !changedFields.includes('credentialsSet')) changedFields.push('credentialsSet');
        if (changedFields.length === 0) return toView(row);

        await tx.append(
          `data-source-${row.uuid}`,
          row.version,
          [
            newEvent(dataSourceUpdated, {
              dataSourceId: row.uuid,
              fluxNumber: row.id,
              type: row.source_type,
              ...next,
              changedFields,
              previous: Object.fromEntries(changedFields.map((k) => [k, previous[k]])),
              updatedBy: context.actor.userNumber,
              encryptedCredentials: hasCredentials(definition.credentials)
                ? credentialsChanged
                  ? this.cipher.encrypt(definition.credentials)
                  : row.credentials_encrypted
                : null,
            }),
          ],
          context,
        );
        return toView((await findDataSource(tx.em, row.uuid))!);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'idx_data_sources_owner_name_live')) throw nameTaken(body.name ?? '');
      throw error;
    }
  }
}
