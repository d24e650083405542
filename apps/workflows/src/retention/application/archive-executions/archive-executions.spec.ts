import { MikroORM } from '@mikro-orm/postgresql';
import { SYSTEM_ACTOR } from '@mindhill/contracts';
import { EventStore } from '@mindhill/persistence';
import { ZodValidationPipe } from '@mindhill/platform';
import { codeOf } from '@mindhill/testing';
import { ArchiveExecutionsHandler } from './archive-executions.handler';
import { archiveExecutionsBody } from './archive-executions.schema';

// The refusal comes before any read: nothing behind the handler is reached.
const sut = () => new ArchiveExecutionsHandler({} as MikroORM, {} as EventStore, { days: 90, hourUtc: 2 });
const as = (role: string) => ({ correlationId: 'c', causationId: null, actor: { ...SYSTEM_ACTOR, role, userNumber: 7 } });

describe('archive executions', () => {
  it('is a dry run unless asked otherwise', () => {
    expect(new ZodValidationPipe(archiveExecutionsBody).transform(undefined)).toEqual({ dryRun: true });
  });

  it.each(['user', 'viewer', 'system'])('refuses a request by a %s with AUTH.FORBIDDEN', (role) => {
    expect(codeOf(() => sut().execute({ dryRun: false }, as(role)))).toBe('AUTH.FORBIDDEN');
  });
});
