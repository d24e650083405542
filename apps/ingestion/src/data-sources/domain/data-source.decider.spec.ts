import { Actor, dataSourceArchived, dataSourceCreated, dataSourceUpdated, newEvent, SYSTEM_ACTOR } from '@mindhill/contracts';
import { buildOutboundPolicy, checkUrlAtSave, ZodValidationPipe } from '@mindhill/platform';
import { deciderSpecification } from '@mindhill/testing/decider-specification';
import { DataSourceCredentials } from './credentials';
import { dataSourceDecider, DataSourceState } from './data-source.decider';
import { sourceInputSchema } from './source-input.schema';

// A readable stand-in for the cipher: the decisions are about when to seal, not how.
const seal = (credentials: DataSourceCredentials) => `sealed:${JSON.stringify(credentials)}`;
const unseal = (blob: string) => JSON.parse(blob.slice('sealed:'.length)) as DataSourceCredentials;
const outbound = buildOutboundPolicy({});
const decider = dataSourceDecider({
  policy: {
    fileRoots: ['/srv/data'],
    checkUrl: (url) => checkUrlAtSave(url, outbound),
    database: { allowHosts: [{ host: 'db', port: 5432 }], platformDatabases: ['mindhill_auth'] },
  },
  parseInput: (merged) => new ZodValidationPipe(sourceInputSchema).transform(merged),
  seal,
  unseal,
});
const spec = deciderSpecification(decider);

const ID = '11111111-1111-4111-8111-111111111111';
const NOW = new Date('2026-12-01T10:00:00.000Z');
const as = (role: string, userNumber: number | null): Actor => ({ ...SYSTEM_ACTOR, role, userNumber });
const owner = as('user', 4);
const viewer = as('viewer', 5);
const stranger = as('user', 6);
const admin = as('admin', 1);

const orders = (changes: Partial<NonNullable<DataSourceState>> = {}): DataSourceState => ({
  dataSourceId: ID,
  fluxNumber: 7,
  name: 'Orders',
  description: null,
  type: 'api',
  config: { url: 'https://example.com/orders', method: 'GET', headers: { accept: 'application/json' }, format: 'json' },
  encryptedCredentials: seal({ headers: { authorization: 'Bearer t' } }),
  credentialsSet: ['header:authorization'],
  status: 'active',
  access: { ownerNumber: 4, isPublic: false, sharedWithUsers: [5], usableByUsers: [] },
  ...changes,
});
const create = {
  kind: 'create' as const,
  by: owner,
  dataSourceId: ID,
  fluxNumber: 7,
  name: 'Orders',
  nameTaken: false,
  sharedWithUsers: [5, 3, 5],
};
const update = (patch: Record<string, unknown>, by: Actor = owner, nameTaken = false) => ({
  kind: 'update' as const,
  by,
  id: ID,
  patch,
  nameTaken,
});
const archive = (by: Actor) => ({ kind: 'archive' as const, by, id: ID, now: NOW });

describe('data-source decider: create', () => {
  it('splits the credentials off, seals them and shows only their names', () => {
    spec
      .given(null)
      .when({
        ...create,
        source: {
          type: 'api',
          url: 'https://example.com/orders',
          method: 'GET',
          format: 'json',
          headers: { Authorization: 'Bearer t', Accept: 'application/json' },
        },
      })
      .then([
        newEvent(dataSourceCreated, {
          dataSourceId: ID,
          fluxNumber: 7,
          name: 'Orders',
          description: null,
          type: 'api',
          config: { url: 'https://example.com/orders', method: 'GET', headers: { accept: 'application/json' }, format: 'json' },
          credentialsSet: ['header:authorization'],
          createdBy: 4,
          encryptedCredentials: seal({ headers: { authorization: 'Bearer t' } }),
          isPublic: false,
          sharedWithUsers: [3, 5],
          usableByUsers: [],
        }),
      ]);
  });

  it('seals nothing for a source without credentials, and the webhook secret for a webhook', () => {
    const [file] = decider.decide(null, { ...create, source: { type: 'file', folder: '/srv/data/in', glob: '*.csv' } });
    expect(file!.payload).toMatchObject({
      config: { folder: '/srv/data/in', glob: '*.csv' },
      credentialsSet: [],
      encryptedCredentials: null,
    });
    const [hook] = decider.decide(null, { ...create, source: { type: 'webhook', secret: 'a-secret-of-16-chars', startRuns: true } });
    expect(hook!.payload).toMatchObject({
      config: { startRuns: true },
      credentialsSet: ['webhookSecret'],
      encryptedCredentials: seal({ webhookSecret: 'a-secret-of-16-chars' }),
    });
  });

  it('sets a webhook source to start runs, or not, keeping its secret; a source saved before the setting starts none', () => {
    const hook = orders({
      type: 'webhook',
      config: {},
      encryptedCredentials: seal({ webhookSecret: 'a-secret-of-16-chars' }),
      credentialsSet: ['webhookSecret'],
    });
    const [on] = decider.decide(hook, update({ startRuns: true }));
    expect(on!.payload).toMatchObject({ config: { startRuns: true }, changedFields: ['config'], previous: { config: {} } });
    expect(unseal(String((on!.payload as { encryptedCredentials: string }).encryptedCredentials))).toEqual({
      webhookSecret: 'a-secret-of-16-chars',
    });
    expect(decider.decide(hook, update({ name: 'Hook' }))[0]!.payload).toMatchObject({ config: { startRuns: false } });
    spec
      .given(hook)
      .when(update({ startRuns: 'yes' }))
      .thenThrows('REQUEST.VALIDATION_FAILED');
  });

  it("refuses a name the owner already uses, after the source's own rules", () => {
    const file = { type: 'file' as const, folder: '/srv/data/in', glob: '*' };
    spec
      .given(null)
      .when({ ...create, source: file, nameTaken: true })
      .thenThrows('INGESTION.DATA_SOURCE_NAME_TAKEN');
    spec
      .given(null)
      .when({ ...create, source: { ...file, folder: '/etc' }, nameTaken: true })
      .thenThrows('INGESTION.FOLDER_NOT_ALLOWED');
    expect(() => decider.admitCreate({ ...create, source: file, nameTaken: true })).toThrow('already exists');
  });

  it('refuses an address the outbound guard refuses at save', () => {
    spec
      .given(null)
      .when({ ...create, source: { type: 'api', url: 'http://169.254.169.254/latest', method: 'GET', format: 'auto' } })
      .thenThrows('OUTBOUND.DESTINATION_NOT_ALLOWED');
  });
});

describe('data-source decider: update', () => {
  it('answers not found for a missing source and for one the caller may not see', () => {
    spec
      .given(null)
      .when(update({ name: 'X' }))
      .thenThrows('INGESTION.DATA_SOURCE_NOT_FOUND');
    spec
      .given(orders())
      .when(update({ name: 'X' }, stranger))
      .thenThrows('INGESTION.DATA_SOURCE_NOT_FOUND');
  });

  it('lets only the owner or an admin change it, and never once archived', () => {
    spec
      .given(orders())
      .when(update({ name: 'X' }, viewer))
      .thenThrows('AUTH.NOT_OWNER');
    spec
      .given(orders({ status: 'archived' }))
      .when(update({ name: 'X' }))
      .thenThrows('INGESTION.DATA_SOURCE_ARCHIVED');
    expect(decider.decide(orders(), update({ name: 'By admin' }, admin))).toHaveLength(1);
  });

  it('refuses fields of another type, an invalid result and a taken name', () => {
    spec
      .given(orders())
      .when(update({ folder: '/srv/data' }))
      .thenThrows('INGESTION.FIELD_NOT_FOR_TYPE');
    spec
      .given(orders())
      .when(update({ method: 'DELETE' }))
      .thenThrows('REQUEST.VALIDATION_FAILED');
    spec
      .given(orders())
      .when(update({ name: 'Taken' }, owner, true))
      .thenThrows('INGESTION.DATA_SOURCE_NAME_TAKEN');
  });

  it('gives no event for a patch that changes nothing', () => {
    spec
      .given(orders())
      .when(update({ name: 'Orders', headers: { Accept: 'application/json' } }))
      .thenNothing();
  });

  it('records what changed and what it was; unchanged credentials keep their blob', () => {
    spec
      .given(orders())
      .when(update({ name: 'Orders 2024', sharedWithUsers: [9, 5] }))
      .then([
        newEvent(dataSourceUpdated, {
          dataSourceId: ID,
          fluxNumber: 7,
          type: 'api',
          name: 'Orders 2024',
          description: null,
          config: orders()!.config,
          credentialsSet: ['header:authorization'],
          isPublic: false,
          sharedWithUsers: [5, 9],
          usableByUsers: [],
          changedFields: ['name', 'sharedWithUsers'],
          previous: { name: 'Orders', sharedWithUsers: [5] },
          updatedBy: 4,
          encryptedCredentials: seal({ headers: { authorization: 'Bearer t' } }),
        }),
      ]);
  });

  it('seals changed credentials anew, and drops the blob when none are left', () => {
    const [changed] = decider.decide(orders(), update({ secretHeaders: { Authorization: 'Bearer new' } }));
    expect(changed!.payload).toMatchObject({
      changedFields: ['credentialsSet'],
      credentialsSet: ['header:authorization'],
      encryptedCredentials: seal({ headers: { authorization: 'Bearer new' } }),
    });
    const [cleared] = decider.decide(orders(), update({ secretHeaders: null }));
    expect(cleared!.payload).toMatchObject({
      changedFields: ['credentialsSet'],
      previous: { credentialsSet: ['header:authorization'] },
      credentialsSet: [],
      encryptedCredentials: null,
    });
  });
});

describe('data-source decider: archive', () => {
  it('archives for the owner or an admin, once', () => {
    const archived = newEvent(dataSourceArchived, {
      dataSourceId: ID,
      fluxNumber: 7,
      name: 'Orders',
      archivedBy: 4,
      archivedAt: NOW.toISOString(),
    });
    spec.given(orders()).when(archive(owner)).then([archived]);
    spec
      .given(orders())
      .when(archive(admin))
      .then([{ ...archived, payload: { ...archived.payload, archivedBy: 1 } }]);
    spec
      .given(orders({ status: 'archived' }))
      .when(archive(owner))
      .thenNothing();
  });

  it('refuses anyone else, and a missing source', () => {
    spec.given(orders()).when(archive(viewer)).thenThrows('AUTH.NOT_OWNER');
    spec.given(orders()).when(archive(stranger)).thenThrows('AUTH.NOT_OWNER');
    spec.given(null).when(archive(owner)).thenThrows('INGESTION.DATA_SOURCE_NOT_FOUND');
  });
});
