import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { dataSourceCreated } from '@mindhill/contracts';
import { EventContext, EventStore, isUniqueViolation, newEvent } from '@mindhill/persistence';
import { DomainError, normalizeShares } from '@mindhill/platform';
import { CredentialCipher, credentialNames, hasCredentials } from '../../domain/credential-cipher';
import { defineSource, SourceInput, SourcePolicy } from '../../domain/data-source-definition';
import { DataSourceView, findDataSource, toView } from '../../infrastructure/data-source.repository';
import { CreateDataSourceBody } from '../data-source.dto';

export const SOURCE_POLICY = Symbol('SOURCE_POLICY');

export const nameTaken = (name: string) =>
  new DomainError('INGESTION.DATA_SOURCE_NAME_TAKEN', `A data source named "${name}" already exists`, 'conflict');

// Names are unique among one owner's live sources only, so a refusal reveals nothing of others'.
export async function assertNameFree(
  em: import('@mikro-orm/postgresql').EntityManager,
  name: string,
  owner: number | null,
  exceptUuid?: string,
): Promise<void> {
  const rows = await em.execute<unknown[]>(
    `SELECT 1 FROM data_sources WHERE COALESCE(created_by, 0) = ? AND lower(name) = lower(?) AND status = 'active'${exceptUuid ? ' AND uuid <> ?' : ''}`,
    exceptUuid ? [owner ?? 0, name, exceptUuid] : [owner ?? 0, name],
  );
  if (rows.length) throw nameTaken(name);
}

@Injectable()
export class CreateDataSourceHandler {
  constructor(
    private readonly events: EventStore,
    private readonly cipher: CredentialCipher,
    @Inject(SOURCE_POLICY) private readonly policy: SourcePolicy,
  ) {}

  async execute(body: CreateDataSourceBody, context: EventContext): Promise<DataSourceView> {
    const { name, description, isPublic, sharedWithUsers, usableByUsers, ...source } = body;
    const definition = defineSource(source as SourceInput, this.policy);
    const encryptedCredentials = hasCredentials(definition.credentials) ? this.cipher.encrypt(definition.credentials) : null;
    try {
      return await this.events.transact(async (tx) => {
        await assertNameFree(tx.em, name, context.actor.userNumber);
        const [{ id }] = await tx.em.execute<{ id: string }[]>(`SELECT nextval('data_sources_id_seq') AS id`);
        const dataSourceId = randomUUID();
        await tx.append(
          `data-source-${dataSourceId}`,
          0,
          [
            newEvent(dataSourceCreated, {
              dataSourceId,
              fluxNumber: Number(id),
              name,
              description: description ?? null,
              type: definition.type,
              config: definition.config,
              credentialsSet: credentialNames(definition.credentials),
              createdBy: context.actor.userNumber,
              encryptedCredentials,
              isPublic: isPublic ?? false,
              sharedWithUsers: normalizeShares(sharedWithUsers ?? []),
              usableByUsers: normalizeShares(usableByUsers ?? []),
            }),
          ],
          context,
        );
        return toView((await findDataSource(tx.em, dataSourceId))!);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'idx_data_sources_owner_name_live')) throw nameTaken(name);
      throw error;
    }
  }
}
