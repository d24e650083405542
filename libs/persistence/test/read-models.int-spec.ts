import { randomUUID } from 'node:crypto';
import { MigrationObject } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import { MikroORM } from '@mikro-orm/postgresql';
import {
  EventEnvelope,
  SYSTEM_ACTOR,
  userDeactivated,
  userRegistered,
  userRoleChanged,
  workflowCreated,
  workflowSharingChanged,
} from '@mindhill/contracts';
import {
  createOrmConfig,
  ownerIsActiveAdmin,
  recordUserRole,
  recordWorkflowAccess,
  USER_ROLES_V1_SQL,
  WORKFLOW_ACCESS_V1_SQL,
  workflowAccessVisibleTo,
} from '@mindhill/persistence';
import { createTestDatabase, TestDatabase } from '@mindhill/testing';

class ReadModelsOnly extends Migration {
  override async up(): Promise<void> {
    for (const sql of [...USER_ROLES_V1_SQL, ...WORKFLOW_ACCESS_V1_SQL]) this.addSql(sql);
  }
}
const migrations: MigrationObject[] = [{ name: 'ReadModelsOnly', class: ReadModelsOnly }];

function envelope(type: string, payload: Record<string, unknown>, occurredAt: string): EventEnvelope<Record<string, unknown>> {
  return {
    eventId: randomUUID(),
    type,
    version: 1,
    occurredAt,
    producer: 'test',
    aggregateType: 'test',
    aggregateId: 'test-1',
    aggregateVersion: 1,
    correlationId: 'corr-1',
    causationId: null,
    actor: SYSTEM_ACTOR,
    payload,
  };
}

describe('shared read models (user_roles, workflow_access) on their entities', () => {
  let db: TestDatabase;
  let orm: MikroORM;
  const rows = async (sql: string, params: unknown[] = []) => orm.em.fork().execute<Record<string, unknown>[]>(sql, params);
  const apply = (work: Parameters<MikroORM['em']['transactional']>[0]) => orm.em.fork().transactional(work);

  beforeAll(async () => {
    db = await createTestDatabase('read_models', migrations);
    orm = await MikroORM.init(createOrmConfig({ clientUrl: db.url, entities: [], migrations: [] }));
  });
  afterAll(async () => {
    await orm?.close();
    await db?.drop();
  });

  it('adds a user once, then follows role changes and deactivation', async () => {
    const userId = randomUUID();
    const at = '2026-12-06T10:00:00.000Z';
    await apply((em) => recordUserRole(em, envelope(userRegistered.type, { userId, userNumber: 41, role: 'admin' }, at)));
    // A redelivered or late duplicate registration changes nothing (insert or ignore).
    await apply((em) => recordUserRole(em, envelope(userRegistered.type, { userId, userNumber: 41, role: 'user' }, at)));
    expect(await rows('SELECT user_number, user_id, role, active, updated_at FROM user_roles')).toEqual([
      { user_number: 41, user_id: userId, role: 'admin', active: true, updated_at: at.replace('T', ' ').replace('.000Z', '+00') },
    ]);
    expect(await ownerIsActiveAdmin(orm.em.fork(), 41)).toBe(true);

    await apply((em) => recordUserRole(em, envelope(userRoleChanged.type, { userId, oldRole: 'admin', newRole: 'viewer' }, at)));
    expect(await rows('SELECT role FROM user_roles WHERE user_number = 41')).toEqual([{ role: 'viewer' }]);
    expect(await ownerIsActiveAdmin(orm.em.fork(), 41)).toBe(false);

    await apply(async (em) => {
      await recordUserRole(em, envelope(userRoleChanged.type, { userId, oldRole: 'viewer', newRole: 'admin' }, at));
      // The same transaction reads the row as just written.
      expect(await ownerIsActiveAdmin(em, 41)).toBe(true);
      await recordUserRole(em, envelope(userDeactivated.type, { userId }, '2026-12-06T11:00:00.000Z'));
      expect(await ownerIsActiveAdmin(em, 41)).toBe(false);
    });
    expect(await rows('SELECT role, active FROM user_roles WHERE user_number = 41')).toEqual([{ role: 'admin', active: false }]);
    expect(await ownerIsActiveAdmin(orm.em.fork(), 999)).toBe(false);
    expect(await ownerIsActiveAdmin(orm.em.fork(), null)).toBe(false);
  });

  it('adds a workflow once with its sharing, follows sharing changes, and scopes raw SQL reads', async () => {
    const template = randomUUID();
    const shared = randomUUID();
    const at = '2026-12-06T10:00:00.000Z';
    const created = (workflowId: string, extra: Record<string, unknown>) =>
      envelope(workflowCreated.type, { workflowId, createdBy: 7, isTemplate: false, ...extra }, at);
    await apply(async (em) => {
      await recordWorkflowAccess(em, created(template, { isTemplate: true }));
      await recordWorkflowAccess(em, created(shared, { isPublic: false, sharedWithUsers: [3, 4] }));
      await recordWorkflowAccess(em, created(shared, { isPublic: true, sharedWithUsers: [] }));
    });
    expect(await rows('SELECT workflow_id, owner_number, is_public, shared_with_users FROM workflow_access ORDER BY is_public')).toEqual([
      { workflow_id: shared, owner_number: 7, is_public: false, shared_with_users: [3, 4] },
      { workflow_id: template, owner_number: 7, is_public: true, shared_with_users: [] },
    ]);

    const visible = async (userNumber: number) => {
      const p = workflowAccessVisibleTo({ role: 'user', userNumber });
      return (await rows(`SELECT workflow_id FROM workflow_access wa WHERE ${p.sql} ORDER BY workflow_id`, p.params)).length;
    };
    expect(await visible(3)).toBe(2);
    expect(await visible(5)).toBe(1);

    const changed = envelope(
      workflowSharingChanged.type,
      {
        workflowId: shared,
        isPublic: false,
        sharedWithUsers: [5],
        name: 'w',
        previous: { isPublic: false, sharedWithUsers: [3, 4] },
        changedBy: 7,
      },
      '2026-12-06T12:00:00.000Z',
    );
    await apply((em) => recordWorkflowAccess(em, changed));
    expect(await rows('SELECT shared_with_users, updated_at FROM workflow_access WHERE workflow_id = ?', [shared])).toEqual([
      { shared_with_users: [5], updated_at: '2026-12-06 12:00:00+00' },
    ]);
    expect(await visible(3)).toBe(1);
    expect(await visible(5)).toBe(2);
  });
});
