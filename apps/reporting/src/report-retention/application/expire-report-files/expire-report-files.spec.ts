import { MikroORM } from '@mikro-orm/postgresql';
import { SYSTEM_ACTOR } from '@mindhill/contracts';
import { LiveSettings } from '@mindhill/messaging';
import { EventStore } from '@mindhill/persistence';
import { ZodValidationPipe } from '@mindhill/platform';
import { codeOf } from '@mindhill/testing';
import { ExpireReportFilesHandler } from './expire-report-files.handler';
import { expireReportFilesBody } from './expire-report-files.schema';

// The refusal comes before any read: nothing behind the handler is reached.
const sut = () => new ExpireReportFilesHandler({} as MikroORM, {} as EventStore, '/nowhere', new LiveSettings('test'));
const as = (role: string) => ({ correlationId: 'c', causationId: null, actor: { ...SYSTEM_ACTOR, role, userNumber: 7 } });

describe('expire report files', () => {
  it('is a dry run unless asked otherwise', () => {
    expect(new ZodValidationPipe(expireReportFilesBody).transform(undefined)).toEqual({ dryRun: true });
  });

  it.each(['user', 'viewer', 'system'])('refuses a request by a %s with AUTH.FORBIDDEN', (role) => {
    expect(codeOf(() => sut().execute({ dryRun: false }, as(role)))).toBe('AUTH.FORBIDDEN');
  });
});
